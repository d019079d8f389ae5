package dev.trafficlab.server.web;

import dev.trafficlab.server.http.BrowserSessions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Serves only the pages (no JSON API) on PORT, for looking at the layout in a browser while the
 * rest of the server is elsewhere: java -cp ... dev.trafficlab.server.web.DevPagesServer.
 */
public final class DevPagesServer {
  private DevPagesServer() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    OneSandboxRegistry registry = new OneSandboxRegistry(OneSandboxRegistry.emptyCluster());
    Router router = Router.router(vertx);
    WebRoutes.mount(
        vertx, router, new BrowserSessions(registry, 0), null, OneSandboxRegistry.LESSONS);
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "18106"));
    vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port, "127.0.0.1")
        .onSuccess(s -> System.out.println("pages on http://127.0.0.1:" + s.actualPort()));
  }
}
