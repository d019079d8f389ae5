package dev.trafficlab.server.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response. Everything (scripts, styles, images, XHR, frames) comes from
 * this origin only. The app's pages may not be framed at all; a product page (/bookinfo/...) may be
 * framed only by this origin, that is by the app's own Product page tab.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  /** The prefix of the product pages, the only pages another page of this origin may frame. */
  public static final String FRAMEABLE_PREFIX = "/bookinfo/";

  static final String BASE_POLICY =
      "default-src 'self'; script-src 'self'; "
          // Inline style attributes are harmless here and CodeMirror and the product page use them;
          // scripts stay strict.
          + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
          + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";
  static final String APP_POLICY = BASE_POLICY + "frame-ancestors 'none'";
  static final String PRODUCT_PAGE_POLICY = BASE_POLICY + "frame-ancestors 'self'";

  @Override
  public void handle(RoutingContext ctx) {
    boolean productPage = ctx.normalizedPath().startsWith(FRAMEABLE_PREFIX);
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", productPage ? PRODUCT_PAGE_POLICY : APP_POLICY);
    headers.set("X-Frame-Options", productPage ? "SAMEORIGIN" : "DENY");
    headers.set("X-Content-Type-Options", "nosniff");
    // same-origin: page keys and sandbox ids in our URLs never leak to other sites.
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    ctx.next();
  }
}
