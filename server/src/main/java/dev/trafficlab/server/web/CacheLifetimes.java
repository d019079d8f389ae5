package dev.trafficlab.server.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * How long a browser may keep a static file. A URL whose version stamp is the current digest of the
 * file (the pages' script, stylesheet and editor) or whose path names a webjar's version never
 * changes its content: a year, immutable, so a repeat visit asks for nothing. Any other URL (the
 * favicon, a stamp from before an upgrade) is revalidated on each use: the answer is a 304 unless
 * it changed, so a view is never stale.
 */
final class CacheLifetimes {
  static final String VERSIONED = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private CacheLifetimes() {}

  /** Webjar URLs carry the library's version in their path. */
  static void webjar(RoutingContext ctx) {
    ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, VERSIONED);
    ctx.next();
  }

  /**
   * The app's static files: long-lived only when the stamp is current ({@code assets} are known
   * once the pages have loaded; before that, everything revalidates).
   */
  static void staticFile(RoutingContext ctx, Future<StaticAssets> assets) {
    boolean current = assets.succeeded() && isCurrent(assets.result(), ctx.request().uri());
    ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, current ? VERSIONED : REVALIDATE);
    ctx.next();
  }

  static boolean isCurrent(StaticAssets assets, String uri) {
    return assets.all().contains(uri);
  }
}
