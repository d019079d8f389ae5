package dev.trafficlab.server.http;

import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first handler when sandboxes are kept in a vault: a request naming a sandbox that is stored
 * but not in memory (after a restart, or evicted at the cap) waits here, without holding the event
 * loop, until the sandbox is back in memory; then every route's lookup, which reads memory only,
 * finds it. A request whose sandboxes are in memory passes straight through.
 *
 * <p>A request names a sandbox by the id in an API path, the page key of a product page, or the
 * browser's cookie.
 */
public final class StoredSandboxes implements Handler<RoutingContext> {
  private static final String API = "/api/sandboxes/";

  private final SandboxRegistry sandboxes;

  public StoredSandboxes(SandboxRegistry sandboxes) {
    this.sandboxes = sandboxes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null || path.startsWith("/static/") || path.startsWith("/webjars/")) {
      ctx.next();
      return;
    }
    List<Future<Optional<Sandbox>>> loads = new ArrayList<>(2);
    String id = segmentAfter(path, API);
    if (id != null) {
      pending(sandboxes.restore(id), loads);
    }
    String pageKey = segmentAfter(path, SecurityHeaders.FRAMEABLE_PREFIX);
    if (pageKey != null) {
      pending(sandboxes.restoreByPageKey(pageKey), loads);
    }
    Cookie cookie = ctx.request().getCookie(BrowserSessions.COOKIE);
    if (cookie != null) {
      String value = cookie.getValue();
      int dot = value.indexOf('.');
      pending(sandboxes.restore(dot < 0 ? value : value.substring(0, dot)), loads);
    }
    if (loads.isEmpty()) {
      ctx.next();
      return;
    }
    // The body must wait for the route's body handler, which comes after this wait: paused until
    // then, or the request would end unread. A body handler (run synchronously by next) resumes it;
    // for a route without one, resuming after next lets the rest of the request go.
    ctx.request().pause();
    // A store that cannot answer leaves the sandbox out of memory: the route then finds none, and
    // says so.
    Future.join(loads)
        .onComplete(
            done -> {
              ctx.next();
              ctx.request().resume();
            });
  }

  private static void pending(Future<Optional<Sandbox>> load, List<Future<Optional<Sandbox>>> to) {
    if (!load.isComplete()) {
      to.add(load);
    }
  }

  /** The path segment right after the prefix, or null. */
  static String segmentAfter(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      return null;
    }
    int end = path.indexOf('/', prefix.length());
    String segment =
        end < 0 ? path.substring(prefix.length()) : path.substring(prefix.length(), end);
    return segment.isEmpty() ? null : segment;
  }
}
