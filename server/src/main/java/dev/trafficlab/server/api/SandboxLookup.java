package dev.trafficlab.server.api;

import dev.trafficlab.server.http.CsrfGuard;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import io.vertx.ext.web.RoutingContext;

/** Finds the sandbox named by the :id of the path, or answers 404; checks CSRF for state changes. */
final class SandboxLookup {
  private final SandboxRegistry sandboxes;

  SandboxLookup(SandboxRegistry sandboxes) {
    this.sandboxes = sandboxes;
  }

  /** For reads: the sandbox, marked used. */
  Sandbox read(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return sandboxes.byId(id).orElseThrow(() -> HttpError.notFound("no sandbox with id \""
        + ApiRouter.shorten(id == null ? "" : id) + "\": it never existed, was deleted or expired after being idle"));
  }

  /** For state changes: the sandbox, after the CSRF check for browser requests. */
  Sandbox write(RoutingContext ctx) {
    Sandbox sandbox = read(ctx);
    CsrfGuard.checkApiRequest(ctx, sandbox);
    return sandbox;
  }

  SandboxRegistry registry() {
    return sandboxes;
  }
}
