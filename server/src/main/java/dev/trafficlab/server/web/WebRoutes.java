package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.BookinfoMesh;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import dev.trafficlab.server.terminal.Shell;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The pages of the app: the lesson list, lesson pages (intro, steps, finish) with their htmx partials, the
 * Check and Reset actions, the Traffic tab's view, static files and webjars. The JSON API lives elsewhere;
 * the pages' scripts call it with the sandbox id and CSRF token the page embeds.
 */
public final class WebRoutes {
  private WebRoutes() {}

  public static void mount(Vertx vertx, Router router, SandboxRegistry sandboxes, BookinfoMesh dataPlane, Shell shell) {
    mount(vertx, router, sandboxes, dataPlane, LessonCatalog.fromClasspath());
  }

  /** As {@link #mount(Vertx, Router, SandboxRegistry, BookinfoMesh, Shell)}, with a given lesson catalog. */
  public static void mount(Vertx vertx, Router router, SandboxRegistry sandboxes, BookinfoMesh dataPlane,
      LessonCatalog lessons) {
    LessonPages pages = new LessonPages(lessons, sandboxes, dataPlane, new PageRenderer(), WebjarVersions.load());
    pages.warmUp();

    router.get("/static/*").handler(StaticHandler.create("static").setCachingEnabled(true).setMaxAgeSeconds(300));
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
        .setCachingEnabled(true).setMaxAgeSeconds(86_400));

    router.get("/").handler(pages::lessonList);
    router.get("/lessons/:lesson").handler(pages::intro);
    router.get("/lessons/:lesson/steps/:n").handler(pages::step);
    router.get("/lessons/:lesson/finish").handler(pages::finish);
    router.post("/lessons/:lesson/steps/:n/check").handler(pages::check);
    router.post("/sandbox/reset").handler(pages::reset);
    router.get("/sandbox/traffic").handler(pages::traffic);
    router.post("/sandbox/traffic/send").handler(BodyHandler.create().setBodyLimit(4096)).handler(pages::sendRequests);
  }
}
