package dev.trafficlab.bookinfo.requests;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.MeshRequestException;
import dev.trafficlab.bookinfo.sidecar.HopResult;
import dev.trafficlab.bookinfo.sidecar.Outbound;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * POST /api/sandboxes/{id}/requests: count real requests from one pod's sidecar, at most
 * concurrency at a time, each one sent when {@link BatchAdmission} gives the sandbox its turn; the
 * whole batch bounded in time, requests still running or waiting at the bound are reported as
 * cancelled.
 */
public final class RequestBatch {
  public static final int MAX_COUNT = 1000;
  public static final int MAX_CONCURRENCY = 64;
  static final int MAX_BODY_CHARS = 64 * 1024;

  /** Distinct bodies a batch keeps one copy of; past that, bodies are kept as they come. */
  static final int MAX_SHARED_BODIES = 64;

  private final Vertx vertx;
  private final Sidecar sidecar;
  private final BatchAdmission admission;
  private final MeshContext ctx;
  private final Outbound template;
  private final int count;
  private final int concurrency;
  private final long boundMs;
  private final JsonObject[] entries;
  private final Map<String, String> bodies = new HashMap<>();
  private final long startNanos = System.nanoTime();
  private final Promise<JsonObject> promise = Promise.promise();
  private int launched;
  private int completed;
  private boolean finished;
  private long boundTimer = -1;

  private Context context;

  private RequestBatch(
      Vertx vertx,
      Sidecar sidecar,
      BatchAdmission admission,
      MeshContext ctx,
      Outbound template,
      int count,
      int concurrency,
      long boundMs) {
    this.vertx = vertx;
    this.sidecar = sidecar;
    this.admission = admission;
    this.ctx = ctx;
    this.template = template;
    this.count = count;
    this.concurrency = concurrency;
    this.boundMs = boundMs;
    this.entries = new JsonObject[count];
  }

  public static void validate(int count, int concurrency) {
    if (count < 1 || count > MAX_COUNT) {
      throw new MeshRequestException("count must be between 1 and " + MAX_COUNT + ", got " + count);
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new MeshRequestException(
          "concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
    }
  }

  /**
   * Starts the batch; each request waits for its turn in {@code admission} (the caller has claimed
   * the batch's slot there).
   */
  public static Future<JsonObject> run(
      Vertx vertx,
      Sidecar sidecar,
      BatchAdmission admission,
      MeshContext ctx,
      Outbound template,
      int count,
      int concurrency,
      long boundMs) {
    validate(count, concurrency);
    RequestBatch b =
        new RequestBatch(vertx, sidecar, admission, ctx, template, count, concurrency, boundMs);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> b.start(context));
    return b.promise.future();
  }

  private synchronized void start(Context context) {
    this.context = context;
    boundTimer = vertx.setTimer(boundMs, id -> cancelRest());
    for (int i = 0; i < Math.min(concurrency, count); i++) {
      launchNext();
    }
  }

  private synchronized void launchNext() {
    if (finished || launched >= count) {
      return;
    }
    int index = launched++;
    admission.submit(ctx.sandboxId(), context, () -> send(index));
  }

  /**
   * The request's turn has come: sends it, or gives the turn back at once when the batch is over.
   */
  private synchronized void send(int index) {
    if (finished) {
      admission.release(ctx.sandboxId());
      return;
    }
    long remaining = boundMs - (System.nanoTime() - startNanos) / 1_000_000;
    // The hop hangs up a little after the batch's bound, so the bound always reports it first (as
    // cancelled).
    Outbound out =
        new Outbound(
            template.fromPod(),
            template.host(),
            template.port(),
            template.method(),
            template.path(),
            template.headers(),
            template.body(),
            Math.max(1, remaining) + 50);
    sidecar
        .send(ctx, out)
        .onComplete(
            ar -> {
              admission.release(ctx.sandboxId());
              done(index, ar.succeeded() ? entry(ar.result()) : failed(ar.cause()));
            });
  }

  private synchronized void done(int index, JsonObject entry) {
    if (finished) {
      return;
    }
    entries[index] = entry;
    completed++;
    if (completed == count) {
      finish();
    } else {
      launchNext();
    }
  }

  private synchronized void cancelRest() {
    if (finished) {
      return;
    }
    double ms = Math.round((System.nanoTime() - startNanos) / 1e5) / 10.0;
    for (int i = 0; i < count; i++) {
      if (entries[i] == null) {
        entries[i] = cancelled(ms);
      }
    }
    finish();
  }

  private void finish() {
    finished = true;
    vertx.cancelTimer(boundTimer);
    JsonArray responses = new JsonArray(new ArrayList<>(Arrays.asList((Object[]) entries)));
    promise.complete(new JsonObject().put("responses", responses).put("summary", summary(entries)));
  }

  static JsonObject summary(JsonObject[] entries) {
    Map<String, Integer> subsets = new TreeMap<>();
    Map<String, Integer> statuses = new TreeMap<>();
    List<Double> durations = new ArrayList<>();
    for (JsonObject e : entries) {
      int status = e.getInteger("status");
      statuses.merge(Integer.toString(status), 1, Integer::sum);
      if (!"cancelled".equals(e.getString("responseFlags"))) {
        subsets.merge(e.getString("subset", ""), 1, Integer::sum);
        durations.add(e.getDouble("durationMs"));
      }
    }
    durations.sort(Double::compare);
    return new JsonObject()
        .put("subsets", new JsonObject(new java.util.LinkedHashMap<>(subsets)))
        .put("statuses", new JsonObject(new java.util.LinkedHashMap<>(statuses)))
        .put("p50Ms", percentile(durations, 50))
        .put("p99Ms", percentile(durations, 99));
  }

  /** Nearest-rank percentile; null when nothing completed. */
  static Double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private JsonObject entry(HopResult r) {
    if (r.status() == 0) {
      return cancelled(r.durationMs());
    }
    var t = r.target();
    String body = r.bodyText();
    if (body.length() > MAX_BODY_CHARS) {
      body = body.substring(0, MAX_BODY_CHARS);
    }
    body = shared(body);
    JsonObject fault = null;
    if (r.delayMs() > 0 || r.abortStatus() > 0) {
      fault = new JsonObject();
      if (r.delayMs() > 0) {
        fault.put("delayMs", r.delayMs());
      }
      if (r.abortStatus() > 0) {
        fault.put("abortStatus", r.abortStatus());
      }
    }
    return new JsonObject()
        .put("status", r.status())
        .put("responseFlags", r.responseFlags())
        .put("host", t == null ? null : t.host())
        .put("port", t == null ? template.port() : (Integer) t.port())
        .put("subset", t == null || t.subset() == null ? "" : t.subset())
        .put("pod", r.pod() == null ? null : r.pod().name())
        .put("cluster", t == null ? null : t.cluster())
        .put("durationMs", r.durationMs())
        .put("upstreamPath", r.upstreamPath())
        .put("upstreamHeaders", headers(r.upstreamHeaders()))
        .put("responseHeaders", headers(r.headers()))
        .put("body", body)
        .put("fault", fault)
        .put("mirroredTo", r.mirroredTo());
  }

  /**
   * One copy of each distinct body: the answers of a batch repeat (a product page has two or three
   * versions), and a thousand copies of each, kept for up to 120 s by dozens of batches, would be
   * copied by every young GC.
   */
  private synchronized String shared(String body) {
    String known = bodies.get(body);
    if (known != null) {
      return known;
    }
    if (bodies.size() < MAX_SHARED_BODIES) {
      bodies.put(body, body);
    }
    return body;
  }

  private JsonObject failed(Throwable cause) {
    return cancelled(Math.round((System.nanoTime() - startNanos) / 1e5) / 10.0)
        .put("responseFlags", "-")
        .put("body", String.valueOf(cause.getMessage()));
  }

  private JsonObject cancelled(double ms) {
    return new JsonObject()
        .put("status", 0)
        .put("responseFlags", "cancelled")
        .put("host", null)
        .put("port", template.port())
        .put("subset", "")
        .put("pod", null)
        .put("cluster", null)
        .put("durationMs", ms)
        .put("upstreamPath", null)
        .put("upstreamHeaders", new JsonObject())
        .put("responseHeaders", new JsonObject())
        .put("body", "")
        .put("fault", null)
        .put("mirroredTo", null);
  }

  /**
   * Header names in lower case, repeated headers joined with ", " (set-cookie keeps its own lines
   * joined by \n).
   */
  static JsonObject headers(MultiMap h) {
    JsonObject o = new JsonObject();
    if (h == null) {
      return o;
    }
    for (String name : new java.util.TreeSet<>(h.names())) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      List<String> values = h.getAll(name);
      o.put(lower, String.join(lower.equals("set-cookie") ? "\n" : ", ", values));
    }
    return o;
  }
}
