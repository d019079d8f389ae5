package dev.trafficlab.server.api;

import dev.trafficlab.bookinfo.TrafficLog;
import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The traffic tab's data, polled: the sandbox's recent requests (each with the rule that routed it)
 * after a sequence number, and how productpage's latest calls to reviews spread over v1, v2 and v3.
 */
final class TrafficEndpoint {
  static final int DEFAULT_LIMIT = 50;
  static final int DEFAULT_WINDOW = 100;
  static final int MAX = 1000;
  static final List<String> VERSIONS = List.of("v1", "v2", "v3");

  private final SandboxLookup lookup;

  TrafficEndpoint(SandboxLookup lookup) {
    this.lookup = lookup;
  }

  void mount(ApiRouter api) {
    api.add(HttpMethod.GET, "/api/sandboxes/:id/traffic", 0, this::traffic);
  }

  private Future<?> traffic(RoutingContext ctx) {
    Sandbox sandbox = lookup.read(ctx);
    long since = longParam(ctx, "since", 0, 0, Long.MAX_VALUE);
    int limit = (int) longParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX);
    int window = (int) longParam(ctx, "window", DEFAULT_WINDOW, 1, MAX);
    String hostFilter = ctx.queryParam("host").isEmpty() ? null : ctx.queryParam("host").get(0);

    TrafficLog log = sandbox.traffic();
    long total;
    List<TrafficRecord> all;
    // The ring's methods lock the ring itself: holding that lock keeps the count and the records
    // consistent.
    synchronized (log) {
      total = log.total();
      all = log.recent(MAX);
    }
    long firstSeq = total - all.size();
    Inventory inventory = sandbox.snapshot().inventory();

    JsonArray records = new JsonArray();
    List<JsonObject> picked = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      long seq = firstSeq + i;
      TrafficRecord r = all.get(i);
      if (seq < since || (hostFilter != null && !service(r.authority()).equals(hostFilter))) {
        continue;
      }
      picked.add(toJson(seq, r, inventory));
    }
    // The newest `limit` of what matched, oldest first.
    picked.subList(Math.max(0, picked.size() - limit), picked.size()).forEach(records::add);

    return JsonReply.send(
        ctx,
        200,
        new JsonObject()
            .put("total", total)
            .put("records", records)
            .put("reviews", reviewCounts(all, window, inventory)));
  }

  static JsonObject toJson(long seq, TrafficRecord r, Inventory inventory) {
    return new JsonObject()
        .put("seq", seq)
        .put("time", r.start() == null ? null : r.start().toString())
        .put("from", r.fromPod())
        .put("method", r.method())
        .put("host", r.authority())
        .put("path", r.path())
        .put("status", r.status())
        .put("flags", r.responseFlags())
        .put("cluster", r.cluster())
        .put("subset", r.subset())
        .put("pod", r.upstreamPod())
        .put("version", version(r, inventory))
        .put("virtualService", r.virtualService())
        .put("rule", r.rule())
        .put("match", r.match())
        .put("origin", OriginJson.of(r.origin()))
        .put("durationMs", r.durationMs())
        .put("endUser", r.endUser() == null || r.endUser().isEmpty() ? null : r.endUser());
  }

  /**
   * productpage's last {@code window} calls to reviews (page views and sent requests alike) by the
   * version that answered; "failed" counts calls no reviews pod answered.
   */
  static JsonObject reviewCounts(List<TrafficRecord> records, int window, Inventory inventory) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    VERSIONS.forEach(v -> counts.put(v, 0));
    counts.put("failed", 0);
    int seen = 0;
    for (int i = records.size() - 1; i >= 0 && seen < window; i--) {
      TrafficRecord r = records.get(i);
      if (r.fromPod() == null
          || !r.fromPod().startsWith("productpage")
          || !service(r.authority()).equals("reviews")) {
        continue;
      }
      seen++;
      String version = version(r, inventory);
      counts.merge(
          version != null && r.status() > 0 && r.status() < 500 ? version : "failed",
          1,
          Integer::sum);
    }
    JsonObject out = new JsonObject();
    counts.forEach(out::put);
    return new JsonObject().put("window", window).put("calls", seen).put("counts", out);
  }

  /** The version label of the pod that answered, or null when none did. */
  static String version(TrafficRecord r, Inventory inventory) {
    if (r.upstreamPod() == null || r.upstreamPod().isEmpty()) {
      return null;
    }
    return inventory
        .podOrWorkload(r.upstreamPod())
        .map(p -> p.version())
        .filter(v -> !v.isEmpty())
        .orElse(null);
  }

  /**
   * The service name of an authority: "reviews" for reviews:9080 or
   * reviews.default.svc.cluster.local.
   */
  static String service(String authority) {
    if (authority == null) {
      return "";
    }
    String host = authority.toLowerCase(Locale.ROOT);
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    int dot = host.indexOf('.');
    return dot >= 0 ? host.substring(0, dot) : host;
  }

  private static long longParam(
      RoutingContext ctx, String name, long fallback, long min, long max) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(values.get(0));
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "\""
              + name
              + "\" must be a whole number from "
              + min
              + " to "
              + max
              + ", got \""
              + ApiRouter.shorten(values.get(0))
              + "\"");
    }
  }
}
