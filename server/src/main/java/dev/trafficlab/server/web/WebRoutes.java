package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.lessons.LessonCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/**
 * The pages of the app: the lesson list, lesson pages (intro, steps, finish) with their htmx
 * partials, the Check and Reset actions, the Traffic tab's view, static files and webjars. The JSON
 * API lives elsewhere; the pages' scripts call it with the sandbox id and CSRF token the page
 * embeds.
 */
public final class WebRoutes {
  private static final System.Logger LOG = System.getLogger("trafficlab.web");

  /** The "Send 100 requests" form: a user name and the CSRF token. */
  static final long SEND_FORM_BYTES = 4096;

  private WebRoutes() {}

  /**
   * Starts loading the pages of the registry's lessons. Loading the template engine takes a second
   * or two on a small machine, so it runs on a worker thread. One load serves every router it is
   * mounted on (the server has a router per event loop); a page requested before it is ready waits
   * for it.
   */
  public static Future<LessonPages> load(
      Vertx vertx, BrowserSessions sessions, BookinfoMesh dataPlane) {
    Future<LessonPages> pages =
        vertx.executeBlocking(
            () -> ready(sessions.sandboxes().lessons(), sessions, dataPlane), false);
    pages.onFailure(
        err ->
            LOG.log(
                System.Logger.Level.ERROR, "the lessons could not be loaded: " + err.getMessage()));
    return pages;
  }

  /** Mounts the pages of a given lesson catalog, loaded now on the calling thread (tests). */
  public static void mount(
      Vertx vertx,
      Router router,
      BrowserSessions sessions,
      BookinfoMesh dataPlane,
      LessonCatalog lessons) {
    mount(vertx, router, Future.succeededFuture(ready(lessons, sessions, dataPlane)));
  }

  private static LessonPages ready(
      LessonCatalog lessons, BrowserSessions sessions, BookinfoMesh dataPlane) {
    LessonPages pages =
        new LessonPages(lessons, sessions, dataPlane, new PageRenderer(), WebjarVersions.load());
    pages.warmUp();
    return pages;
  }

  /**
   * Mounts the pages on one router; a page requested before {@code pages} is ready waits for it.
   */
  public static void mount(Vertx vertx, Router router, Future<LessonPages> pages) {
    Future<StaticAssets> assets = pages.map(LessonPages::assets);
    StaticFiles statics = new StaticFiles(vertx, "/static/", "static/");
    StaticFiles webjars = new StaticFiles(vertx, "/webjars/", "META-INF/resources/webjars/");
    router
        .get("/static/*")
        .handler(ctx -> CacheLifetimes.staticFile(ctx, assets))
        .handler(statics::handle);
    router.get("/webjars/*").handler(CacheLifetimes::webjar).handler(webjars::handle);

    router.get("/").handler(ctx -> when(pages, ctx, LessonPages::lessonList));
    router.get("/lessons/:lesson").handler(ctx -> when(pages, ctx, LessonPages::intro));
    router.get("/lessons/:lesson/steps/:n").handler(ctx -> when(pages, ctx, LessonPages::step));
    router.get("/lessons/:lesson/finish").handler(ctx -> when(pages, ctx, LessonPages::finish));
    router.get("/lessons/:lesson/report").handler(ctx -> when(pages, ctx, LessonPages::report));
    router
        .get("/lessons/:lesson/assets/*")
        .handler(ctx -> when(pages, ctx, LessonPages::scenarioImage));
    router
        .post("/lessons/:lesson/steps/:n/check")
        .handler(ctx -> when(pages, ctx, LessonPages::check));
    // links of imported scenarios to a port of their environment (KatacodaHostUrls)
    router.get("/lab/ports").handler(ctx -> when(pages, ctx, LessonPages::scenarioPort));
    router.get("/lab/ports/:port").handler(ctx -> when(pages, ctx, LessonPages::scenarioPort));
    router.get("/lab/ports/:port/*").handler(ctx -> when(pages, ctx, LessonPages::scenarioPort));
    router.post("/sandbox/reset").handler(ctx -> when(pages, ctx, LessonPages::reset));
    router.get("/sandbox/traffic").handler(ctx -> when(pages, ctx, LessonPages::traffic));
    router
        .post("/sandbox/traffic/clear")
        .handler(ctx -> when(pages, ctx, LessonPages::clearTraffic));
    // The form's two short fields, in memory: no page accepts file uploads, so nothing is ever
    // written to disk.
    router
        .post("/sandbox/traffic/send")
        .handler(new BodyLimit(SEND_FORM_BYTES))
        .handler(ctx -> when(pages, ctx, LessonPages::sendRequests));
  }

  private static void when(
      Future<LessonPages> pages, RoutingContext ctx, BiConsumer<LessonPages, RoutingContext> page) {
    if (pages.succeeded()) {
      page.accept(pages.result(), ctx);
      return;
    }
    pages.onComplete(
        ready -> {
          if (ready.succeeded()) {
            page.accept(ready.result(), ctx);
          } else {
            ctx.fail(500, ready.cause());
          }
        });
  }
}
