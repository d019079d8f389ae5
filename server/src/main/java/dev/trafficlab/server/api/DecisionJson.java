package dev.trafficlab.server.api;

import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRewrite;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.FaultPolicy;
import dev.trafficlab.mesh.routing.MirrorPolicy;
import dev.trafficlab.mesh.routing.RetryPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The body of routes/explain: a routing decision in the shape of issue 2. Absent things are null;
 * rewrite, redirect, headers, corsPolicy and trafficPolicy use Istio's YAML field names, as the
 * learner wrote them.
 */
final class DecisionJson {
  private DecisionJson() {}

  static JsonObject of(Decision d) {
    JsonArray destinations = new JsonArray();
    for (ClusterTarget t : d.destinations()) {
      destinations.add(
          new JsonObject()
              .put("host", t.host())
              .put("port", t.port())
              .put("subset", t.subset() == null || t.subset().isEmpty() ? null : t.subset())
              .put("weight", t.weight())
              .put("cluster", t.cluster()));
    }
    return new JsonObject()
        .put("virtualService", d.virtualService())
        .put("rule", d.rule())
        .put("match", d.match())
        .put("outcome", d.outcome().jsonName())
        .put("destinations", destinations)
        .put("fault", fault(d.fault()))
        .put("timeoutMs", d.timeoutMs())
        .put("retries", retries(d.retries()))
        .put("mirror", mirror(d.mirror()))
        .put("rewrite", rewrite(d.rewrite()))
        .put("redirect", redirect(d.redirect()))
        .put("headers", headers(d.headers()))
        .put("corsPolicy", map(d.corsPolicy()))
        .put("trafficPolicy", map(d.trafficPolicy()));
  }

  private static JsonObject fault(FaultPolicy f) {
    if (f == null || (f.delay() == null && f.abort() == null)) {
      return null;
    }
    JsonObject delay =
        f.delay() == null
            ? null
            : new JsonObject()
                .put("fixedDelayMs", f.delay().fixedDelayMs())
                .put("percentage", f.delay().percentage());
    JsonObject abort =
        f.abort() == null
            ? null
            : new JsonObject()
                .put("httpStatus", f.abort().httpStatus())
                .put("percentage", f.abort().percentage());
    return new JsonObject().put("delay", delay).put("abort", abort);
  }

  private static JsonObject retries(RetryPolicy r) {
    if (r == null) {
      return null;
    }
    return new JsonObject()
        .put("attempts", r.attempts())
        .put("retryOn", r.retryOn())
        .put(
            "retriableStatusCodes",
            new JsonArray(
                List.copyOf(
                    r.retriableStatusCodes() == null ? List.of() : r.retriableStatusCodes())))
        .put("perTryTimeoutMs", r.perTryTimeoutMs());
  }

  private static JsonObject mirror(MirrorPolicy m) {
    return m == null
        ? null
        : new JsonObject().put("cluster", m.cluster()).put("percentage", m.percentage());
  }

  private static JsonObject rewrite(HttpRewrite r) {
    if (r == null) {
      return null;
    }
    JsonObject out = new JsonObject();
    putIfPresent(out, "uri", r.uri());
    putIfPresent(out, "authority", r.authority());
    return out;
  }

  private static JsonObject redirect(HttpRedirect r) {
    if (r == null) {
      return null;
    }
    JsonObject out = new JsonObject();
    putIfPresent(out, "uri", r.uri());
    putIfPresent(out, "authority", r.authority());
    putIfPresent(out, "redirectCode", r.redirectCode());
    return out;
  }

  private static JsonObject headers(Headers h) {
    if (h == null || (h.request() == null && h.response() == null)) {
      return null;
    }
    JsonObject out = new JsonObject();
    if (h.request() != null) {
      out.put("request", operations(h.request()));
    }
    if (h.response() != null) {
      out.put("response", operations(h.response()));
    }
    return out;
  }

  /** Only the operations written, as in the YAML: set, add, remove. */
  private static JsonObject operations(Headers.Operations ops) {
    JsonObject out = new JsonObject();
    if (!ops.set().isEmpty()) {
      out.put("set", new JsonObject(new java.util.LinkedHashMap<String, Object>(ops.set())));
    }
    if (!ops.add().isEmpty()) {
      out.put("add", new JsonObject(new java.util.LinkedHashMap<String, Object>(ops.add())));
    }
    if (!ops.remove().isEmpty()) {
      out.put("remove", new JsonArray(List.copyOf(ops.remove())));
    }
    return out;
  }

  /** A JSON-like map as written (nested maps and lists); null when absent or empty. */
  private static JsonObject map(Map<String, Object> value) {
    return value == null || value.isEmpty() ? null : new JsonObject(deepCopy(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> value) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    value.forEach((k, v) -> out.put(k, copy(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject(deepCopy((Map<String, Object>) m));
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(x -> a.add(copy(x)));
      return a;
    }
    return v;
  }

  private static void putIfPresent(JsonObject out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
