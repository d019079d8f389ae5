package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.BookinfoMesh;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import dev.trafficlab.server.terminal.Shell;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The pages of the app (lesson list, lesson pages, htmx partials, checks, static files, webjars).
 * (Contract stub: the web-ui work fills this in; TrafficLabServer calls mount.)
 */
public final class WebRoutes {
  private WebRoutes() {}

  public static void mount(Vertx vertx, Router router, SandboxRegistry sandboxes, BookinfoMesh dataPlane, Shell shell) {
  }
}
