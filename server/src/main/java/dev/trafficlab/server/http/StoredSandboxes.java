package dev.trafficlab.server.http;

import dev.trafficlab.bookinfo.ingress.ProductPageEdge;
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
 * finds it. Where servers share the store, a sandbox in memory is first checked against the stored
 * version and replaced when another server changed it (see {@link SandboxRegistry#freshen}); with a
 * store of one server, a request whose sandboxes are in memory passes straight through.
 *
 * <p>A request names a sandbox by the id in an API path, the page key of a product page, or the
 * browser's cookie.
 */
public final class StoredSandboxes implements Handler<RoutingContext> {
  private static final String API = "/api/sandboxes/";

  private final SandboxRegistry sandboxes;
  private final BrowserSessions sessions;

  public StoredSandboxes(BrowserSessions sessions) {
    this.sessions = sessions;
    this.sandboxes = sessions.sandboxes();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null || path.startsWith("/static/") || path.startsWith("/webjars/")) {
      ctx.next();
      return;
    }
    List<Future<Optional<Sandbox>>> named = new ArrayList<>(3);
    String id = segmentAfter(path, API);
    if (id != null) {
      named.add(sandboxes.restore(id));
    }
    String pageKey = segmentAfter(path, SecurityHeaders.FRAMEABLE_PREFIX);
    if (pageKey != null) {
      named.add(sandboxes.restoreByPageKey(pageKey));
    }
    Cookie cookie = ctx.request().getCookie(BrowserSessions.COOKIE);
    String cookieId = null;
    if (cookie != null) {
      String value = cookie.getValue();
      int dot = value.indexOf('.');
      cookieId = dot < 0 ? value : value.substring(0, dot);
      named.add(sandboxes.restore(cookieId));
    }
    String byCookie = cookieId;
    Future<Void> ready =
        allOf(named)
            .compose(v -> freshen(named))
            .compose(v -> countAhead(ctx, id, pageKey, byCookie));
    if (ready.isComplete()) {
      ctx.next();
      return;
    }
    // The body must wait for the route's body handler, which comes after this wait: paused until
    // then, or the request would end unread. A body handler (run synchronously by next) resumes it;
    // for a route without one, resuming after next lets the rest of the request go.
    ctx.request().pause();
    // A store that cannot answer leaves the sandbox out of memory: the route then finds none, and
    // says so.
    ready.onComplete(
        done -> {
          ctx.next();
          ctx.request().resume();
        });
  }

  /**
   * Every sandbox the request names, in memory now, checked against the stored version where
   * servers share the store: a change made through another server a moment ago is seen by this
   * request, not only once its announcement arrives.
   */
  private Future<Void> freshen(List<Future<Optional<Sandbox>>> named) {
    List<Future<Void>> checks = new ArrayList<>(named.size());
    List<Sandbox> seen = new ArrayList<>(named.size());
    for (Future<Optional<Sandbox>> restored : named) {
      if (restored.succeeded() && restored.result().isPresent()) {
        Sandbox sandbox = restored.result().get();
        if (seen.stream().noneMatch(s -> s == sandbox)) {
          seen.add(sandbox);
          pending(sandboxes.freshen(sandbox), checks);
        }
      }
    }
    return allOf(checks);
  }

  /** Completes when every future has (failed or not); at once when all have. */
  private static <T> Future<Void> allOf(List<Future<T>> futures) {
    return futures.stream().allMatch(Future::isComplete)
        ? Future.succeededFuture()
        : Future.join(futures).transform(done -> Future.succeededFuture());
  }

  /**
   * A reserved sandbox this request may make is counted ahead where servers share the creation
   * limit, so the route's use (which never waits) can make it or refuse it with 429.
   */
  private Future<Void> countAhead(RoutingContext ctx, String id, String pageKey, String cookieId) {
    String address = sessions.clientAddress(ctx);
    List<Future<Void>> counts = new ArrayList<>(3);
    if (id != null) {
      pending(sandboxes.countAhead(id, false, address), counts);
    }
    if (pageKey != null) {
      pending(sandboxes.countAhead(ProductPageEdge.pageKeyOf(pageKey), true, address), counts);
    }
    if (cookieId != null) {
      pending(sandboxes.countAhead(cookieId, false, address), counts);
    }
    return allOf(counts);
  }

  private static <T> void pending(Future<T> load, List<Future<T>> to) {
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
