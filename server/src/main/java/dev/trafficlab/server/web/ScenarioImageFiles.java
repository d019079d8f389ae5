package dev.trafficlab.server.web;

import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.lessons.imports.ImportedScenario;
import dev.trafficlab.server.lessons.imports.ScenarioImages;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /lessons/<id>/assets/<path>}: an image an imported scenario's page shows, from the
 * copy read when it loaded. The raw path is looked up as it is: only the plain names the loader
 * stored match, so {@code ../}, encoded dots or slashes and backslashes find nothing. The answer is
 * an image type the bytes were checked to be, never sniffed, never a document that could run a
 * script; it revalidates with its ETag as the app's unversioned static files do.
 */
final class ScenarioImageFiles {
  private static final String ASSETS = "/assets/";

  private ScenarioImageFiles() {}

  /** False when the request names no image the lesson has; the caller answers 404. */
  static boolean send(RoutingContext ctx, LessonCatalog lessons) {
    String raw = ctx.request().path();
    int at = raw == null ? -1 : raw.indexOf(ASSETS);
    if (at < 0) {
      return false;
    }
    String path = raw.substring(at + ASSETS.length());
    Optional<ScenarioImages.Image> image =
        lessons
            .lesson(ctx.pathParam("lesson"))
            .flatMap(l -> l.origin().imported())
            .map(ImportedScenario::images)
            .flatMap(images -> images.find(path));
    if (image.isEmpty()) {
      return false;
    }
    var response = ctx.response();
    response.putHeader(HttpHeaders.CACHE_CONTROL, CacheLifetimes.REVALIDATE);
    response.putHeader(HttpHeaders.ETAG, image.get().etag());
    response.putHeader("X-Content-Type-Options", "nosniff");
    // opened on its own, the image is still no page: nothing of it may run or load
    response.putHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    if (image.get().etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return true;
    }
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, image.get().contentType())
        .end(Buffer.buffer(image.get().bytes()));
    return true;
  }
}
