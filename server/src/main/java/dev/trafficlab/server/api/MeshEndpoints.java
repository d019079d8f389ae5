package dev.trafficlab.server.api;

import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * routes/explain (what Envoy would do) and requests (send real requests through the sandbox's
 * mesh).
 */
final class MeshEndpoints {
  static final int MAX_COUNT = 1000;
  static final int MAX_CONCURRENCY = 64;

  /** Default parallelism: enough that a 7 s delay rule does not turn 100 requests into minutes. */
  static final int DEFAULT_CONCURRENCY = 16;

  private final SandboxLookup lookup;

  /** Only ever touched on this router's event loop. */
  private WorkerExecutor encoder;

  MeshEndpoints(SandboxLookup lookup) {
    this.lookup = lookup;
  }

  void mount(ApiRouter api) {
    api.add(
        HttpMethod.POST, "/api/sandboxes/:id/routes/explain", BodyLimit.JSON_BYTES, this::explain);
    api.add(HttpMethod.POST, "/api/sandboxes/:id/requests", BodyLimit.JSON_BYTES, this::requests);
  }

  private Future<?> explain(RoutingContext ctx) {
    Sandbox sandbox = lookup.read(ctx);
    JsonObject body = RequestBodies.jsonObject(ctx, false);
    // One snapshot for the whole answer: an apply in between cannot mix two states.
    Snapshot snapshot = sandbox.snapshot();
    RouteRequest request = RouteRequests.parse(body, snapshot.inventory(), List.of());
    Decision decision = snapshot.routes().resolve(request);
    return JsonReply.send(ctx, 200, DecisionJson.of(decision));
  }

  private Future<?> requests(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    JsonObject body = RequestBodies.jsonObject(ctx, false);
    RouteRequest request =
        RouteRequests.parse(body, sandbox.snapshot().inventory(), List.of("count", "concurrency"));
    int count = bounded(body, "count", 1, 1, MAX_COUNT);
    int concurrency =
        bounded(body, "concurrency", Math.min(count, DEFAULT_CONCURRENCY), 1, MAX_CONCURRENCY);
    // The data plane counts the sandbox's batches (once for all event loops) and answers 429 over
    // its limit. A
    // batch's answer runs to megabytes (1,000 product pages): encoded off the event loops, so that
    // no other
    // learner's page waits for it, by one thread, since fair shares make many batches end together,
    // and twenty
    // threads encoding at once would take the cores from the event loops.
    return sandbox
        .dataPlane()
        .sendRequests(sandbox, request, count, concurrency)
        .compose(result -> encoder(ctx).executeBlocking(result::toBuffer, false))
        .compose(encoded -> JsonReply.send(ctx, 200, encoded));
  }

  private WorkerExecutor encoder(RoutingContext ctx) {
    if (encoder == null) {
      // Shared by name: every event loop's endpoints use the same single thread.
      encoder = ctx.vertx().createSharedWorkerExecutor("batch-answers", 1);
    }
    return encoder;
  }

  private static int bounded(JsonObject body, String field, int fallback, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw HttpError.badRequest(
          "\""
              + field
              + "\" must be a whole number from "
              + min
              + " to "
              + max
              + ", got "
              + ApiRouter.shorten(String.valueOf(value)));
    }
    return ((Number) value).intValue();
  }
}
