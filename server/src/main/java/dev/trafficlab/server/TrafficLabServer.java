package dev.trafficlab.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Wires the routes of the web app and binds the HTTP server. */
public final class TrafficLabServer {
  private final HttpServer http;

  private TrafficLabServer(HttpServer http) {
    this.http = http;
  }

  public static Future<TrafficLabServer> start(Vertx vertx, ServerConfig config) {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", "UP").encode()));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.port(), config.host())
        .map(TrafficLabServer::new);
  }

  public int port() {
    return http.actualPort();
  }

  public Future<Void> close() {
    return http.close();
  }
}
