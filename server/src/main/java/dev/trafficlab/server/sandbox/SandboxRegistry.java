package dev.trafficlab.server.sandbox;

import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * All sandboxes of this server: reserve, create, find by id or page key, expire, evict. It knows
 * ids, not requests: binding a browser to its sandbox is the web layer's work. Everything a sandbox
 * holds is behind this interface, so keeping sandboxes outside the process would be another
 * implementation, not a rewrite.
 */
public interface SandboxRegistry {
  /** The live sandbox with this id, if it exists (and marks it used). Never creates one. */
  Optional<Sandbox> byId(String id);

  /** The live sandbox whose product page has this key (and marks it used). Never creates one. */
  Optional<Sandbox> byPageKey(String pageKey);

  /**
   * Brings the stored sandbox with this id into memory when it is not there yet, so the lookups
   * here (which read memory only, and never wait) find it; empty when none is stored. Answers at
   * once from memory; only a sandbox not in memory costs a read of the store, off the event loop.
   */
  Future<Optional<Sandbox>> restore(String id);

  /** As {@link #restore}, for a product page's key. */
  Future<Optional<Sandbox>> restoreByPageKey(String pageKey);

  /**
   * Where servers share the store: makes sure the copy of this sandbox in memory is as new as the
   * stored one (a change made through another server a moment ago, its announcement not here yet),
   * replacing it when not, so the request about to be served sees that change. Answers at once
   * otherwise; never fails (a store that cannot tell leaves the copy as it is).
   */
  default Future<Void> freshen(Sandbox sandbox) {
    return Future.succeededFuture();
  }

  /**
   * A fresh id, page key and CSRF token for a browser, costing nothing until {@link #use} makes the
   * sandbox: a page view that is never followed by a command leaves no trace on the server.
   */
  Reservation reserve(Lesson lesson);

  /** {@link #reserve(Lesson)} for the default lesson. */
  default Reservation reserve() {
    return reserve(lessons().defaultLesson());
  }

  /** The lesson a reservation's sandbox is made for. */
  Lesson lessonOf(Reservation reservation);

  /** The lessons sandboxes are created for. */
  LessonCatalog lessons();

  /**
   * The reservation behind an id this server issued with {@link #reserve()}; empty for any other
   * id.
   */
  Optional<Reservation> reservation(String id);

  /**
   * The sandbox with this id: the live one, or a lesson-start sandbox made now for a reservation
   * that was never used. Empty when the id is unknown or its sandbox is gone (see {@link #fate}).
   *
   * @throws SandboxRateLimitedException when one must be made and the client address made too many
   *     lately
   */
  Optional<Sandbox> use(String id, String clientAddress);

  /** As {@link #use}, for the product page's key. */
  Optional<Sandbox> useByPageKey(String pageKey, String clientAddress);

  /** What became of a reserved id's sandbox, for the notice a returning learner sees. */
  Fate fate(String id);

  /**
   * A value that changes each time the server starts: cookies carry it to tell a restart from an
   * expiry.
   */
  String bootId();

  /** How long a sandbox may sit unused before it is removed. */
  Duration idleTimeout();

  /**
   * A new sandbox for this client address (evicting, when at the cap, this address's least recently
   * used sandbox, or when it has none the least recently used of all).
   *
   * @throws SandboxRateLimitedException when the address created too many lately
   */
  Sandbox create(Lesson lesson, StartState start, String clientAddress);

  /**
   * As {@link #create(Lesson, StartState, String)}, the creation counted first where several
   * servers share the limit (in their store); fails with {@link SandboxRateLimitedException}.
   */
  default Future<Sandbox> createCounted(Lesson lesson, StartState start, String clientAddress) {
    return Future.<Void>succeededFuture().map(v -> create(lesson, start, clientAddress));
  }

  /**
   * Where several servers share the creation limit (a shared store), counts in their store, ahead,
   * the creation that {@link #use} (or, with {@code pageKey}, {@link #useByPageKey}) would make for
   * this reserved sandbox, so that use decides without waiting. Answers at once when nothing would
   * be made or the limit is this server's own. Never fails: a count the store could not make leaves
   * the decision to this server's own limit.
   */
  default Future<Void> countAhead(String idOrPageKey, boolean pageKey, String clientAddress) {
    return Future.succeededFuture();
  }

  /** {@link #create(Lesson, StartState, String)} for the default lesson. */
  default Sandbox create(StartState start, String clientAddress) {
    return create(lessons().defaultLesson(), start, clientAddress);
  }

  /** Removes the sandbox; false when there was none with this id. */
  boolean remove(String id);

  /** Removes every sandbox idle for longer than the idle timeout; returns how many. */
  int expireIdle();

  int size();

  /**
   * The three tokens of a sandbox that may not exist yet, and the index of its lesson in {@link
   * #lessons()}.
   */
  record Reservation(String id, String pageKey, String csrfToken, int lesson) {
    public String productPagePath() {
      return "/bookinfo/" + pageKey + "/productpage";
    }
  }

  /** What is known of an id: in use, reserved and never used, or gone and why. */
  enum Fate {
    LIVE,
    RESERVED,
    EXPIRED,
    EVICTED,
    DELETED,
    UNKNOWN
  }
}
