package dev.trafficlab.server.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers: UTF-8, never cached (bodies hold sandbox secrets). */
public final class JsonReply {
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private JsonReply() {}

  public static Future<Void> send(RoutingContext ctx, int status, JsonObject body) {
    return send(ctx, status, body.toBuffer());
  }

  /** An answer encoded elsewhere: a large one (an apply report) is encoded off the event loop. */
  public static Future<Void> send(RoutingContext ctx, int status, Buffer encoded) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(encoded);
  }

  public static Future<Void> error(RoutingContext ctx, int status, String message) {
    return send(ctx, status, new JsonObject().put("error", message));
  }
}
