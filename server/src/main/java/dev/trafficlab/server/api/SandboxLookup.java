package dev.trafficlab.server.api;

import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.http.CsrfGuard;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * Finds the sandbox named by the :id of the path, or answers 404; checks CSRF for state changes.
 */
final class SandboxLookup {
  private final BrowserSessions sessions;

  SandboxLookup(BrowserSessions sessions) {
    this.sessions = sessions;
  }

  /** For reads: the sandbox, marked used (a page's reserved sandbox is made on its first use). */
  Sandbox read(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return sessions
        .sandboxes()
        .use(id, sessions.clientAddress(ctx))
        .orElseThrow(
            () ->
                HttpError.notFound(
                    "no sandbox with id \""
                        + ApiRouter.shorten(id == null ? "" : id)
                        + "\": it never existed, was deleted, "
                        + "expired after being idle, or the server restarted since it was made"));
  }

  /** For state changes: the sandbox, after the CSRF check for browser requests. */
  Sandbox write(RoutingContext ctx) {
    Sandbox sandbox = read(ctx);
    CsrfGuard.checkApiRequest(ctx, sandbox);
    return sandbox;
  }

  SandboxRegistry registry() {
    return sessions.sandboxes();
  }

  /** The limit key of the request's client address. */
  String clientAddress(RoutingContext ctx) {
    return sessions.clientAddress(ctx);
  }
}
