package dev.trafficlab.server.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * All sandboxes of this server: create, find by id or page key, bind to a browser by cookie, expire, evict.
 * Everything a sandbox holds is behind this interface, so keeping sandboxes outside the process would be another
 * implementation, not a rewrite.
 */
public interface SandboxRegistry {
  /** Name of the browser cookie holding the sandbox id (HttpOnly, SameSite=Lax, Path=/). */
  String COOKIE = "tl_sandbox";

  /** The sandbox with this id, if it exists (and marks it used). */
  Optional<Sandbox> byId(String id);

  /** The sandbox whose product page has this key (and marks it used: a learner watching the page is active). */
  Optional<Sandbox> byPageKey(String pageKey);

  /**
   * The browser's sandbox (cookie tl_sandbox), creating one (and setting the cookie) when the browser has none
   * or its sandbox expired; in that last case {@link BrowserSandbox#expiredNotice()} is true.
   *
   * @throws SandboxRateLimitedException when a new one is needed and the client address created too many lately
   */
  BrowserSandbox forBrowser(RoutingContext ctx);

  /**
   * A new sandbox for this client address (evicting the least recently used one when at the cap).
   *
   * @throws SandboxRateLimitedException when the address created too many lately
   */
  Sandbox create(StartState start, String clientAddress);

  /** Removes the sandbox; false when there was none with this id. */
  boolean remove(String id);

  /** Removes every sandbox idle for longer than the idle timeout; returns how many. */
  int expireIdle();

  int size();

  record BrowserSandbox(Sandbox sandbox, boolean expiredNotice) {
  }
}
