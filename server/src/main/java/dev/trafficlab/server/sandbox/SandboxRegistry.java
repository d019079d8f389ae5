package dev.trafficlab.server.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * All sandboxes of this server: create, find by id or page key, bind to a browser by cookie, expire, evict.
 * (Contract stub: the web-api work fills this in.)
 */
public interface SandboxRegistry {
  /** The sandbox with this id, if it exists (and marks it used). */
  Optional<Sandbox> byId(String id);

  Optional<Sandbox> byPageKey(String pageKey);

  /**
   * The browser's sandbox (cookie tl_sandbox), creating one (and setting the cookie) when the browser has none
   * or its sandbox expired; in that last case {@link BrowserSandbox#expiredNotice()} is true.
   */
  BrowserSandbox forBrowser(RoutingContext ctx);

  record BrowserSandbox(Sandbox sandbox, boolean expiredNotice) {
  }
}
