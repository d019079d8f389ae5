package dev.trafficlab.server.http;

import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Cross-site request protection for state-changing requests. A sandbox's API is reached only with
 * its secret id in the URL, which another site cannot read; on top of that, a request that carries
 * the browser's sandbox cookie (so it comes from a browser) must also carry the sandbox's CSRF
 * token, and a wrong token is always refused.
 */
public final class CsrfGuard {
  public static final String HEADER = "X-CSRF-Token";

  /** The form field name for plain HTML form posts. */
  public static final String FORM_FIELD = "_csrf";

  private CsrfGuard() {}

  /**
   * True when the request presents this sandbox's token, in the header or (forms) the _csrf field.
   */
  public static boolean presentsToken(RoutingContext ctx, String csrfToken) {
    String presented = ctx.request().getHeader(HEADER);
    if (presented == null) {
      presented = ctx.request().getFormAttribute(FORM_FIELD);
    }
    return matches(csrfToken, presented);
  }

  /** True when {@code presented} is this sandbox's token (a WebSocket handshake's query). */
  public static boolean presentsToken(Sandbox sandbox, String presented) {
    return matches(sandbox, presented);
  }

  static boolean matches(Sandbox sandbox, String presented) {
    return matches(sandbox.csrfToken(), presented);
  }

  private static boolean matches(String csrfToken, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The API's check for state-changing requests on a sandbox: 403 when a browser request lacks the
   * token.
   */
  public static void checkApiRequest(RoutingContext ctx, Sandbox sandbox) {
    String presented = ctx.request().getHeader(HEADER);
    if (presented != null) {
      if (!matches(sandbox, presented)) {
        throw new HttpError(
            403, "the " + HEADER + " header does not match this sandbox: reload the page");
      }
      return;
    }
    if (ctx.request().getCookie(BrowserSessions.COOKIE) != null) {
      throw new HttpError(
          403,
          "missing "
              + HEADER
              + " header: requests made from the app's pages must send the "
              + "token of <meta name=\"csrf-token\">");
    }
  }
}
