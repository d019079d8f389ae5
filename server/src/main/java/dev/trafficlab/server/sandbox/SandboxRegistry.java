package dev.trafficlab.server.sandbox;

import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
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
  default BrowserSandbox forBrowser(RoutingContext ctx) {
    return forBrowser(ctx, null);
  }

  /**
   * The browser's sandbox for this lesson: as {@link #forBrowser(RoutingContext)}, but a sandbox of another lesson
   * is replaced by a fresh one at this lesson's start (a browser holds one sandbox at a time). A null lesson takes
   * the browser's sandbox whatever its lesson.
   */
  BrowserSandbox forBrowser(RoutingContext ctx, Lesson lesson);

  /** The lessons sandboxes are created for. */
  LessonCatalog lessons();

  /**
   * A new sandbox of this lesson for this client address (evicting the least recently used one when at the cap):
   * its files are the lesson's, its Istio resources the lesson's start or none.
   *
   * @throws SandboxRateLimitedException when the address created too many lately
   */
  Sandbox create(Lesson lesson, StartState start, String clientAddress);

  /** {@link #create(Lesson, StartState, String)} for the default lesson. */
  default Sandbox create(StartState start, String clientAddress) {
    return create(lessons().defaultLesson(), start, clientAddress);
  }

  /** Removes the sandbox; false when there was none with this id. */
  boolean remove(String id);

  /** Removes every sandbox idle for longer than the idle timeout; returns how many. */
  int expireIdle();

  int size();

  record BrowserSandbox(Sandbox sandbox, boolean expiredNotice) {
  }
}
