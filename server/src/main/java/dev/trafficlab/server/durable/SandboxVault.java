package dev.trafficlab.server.durable;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where sandboxes live beyond one process: an embedded store under DATA_DIR, or Redis shared by
 * several servers. It stores opaque state with a version; what the state holds is the sandbox's
 * business. Every method answers on the caller's context and never blocks an event loop.
 */
public interface SandboxVault {
  /** The stored sandbox with this id; empty when it was never stored, was removed or expired. */
  Future<Optional<StoredSandbox>> load(String id);

  /** The id of the stored sandbox whose product page has this key. */
  Future<Optional<String>> idByPageKey(String pageKey);

  /**
   * Stores the sandbox when the stored version is {@code expectedVersion} (0: none stored yet);
   * fails with {@link VersionConflict} otherwise, so two servers never lose each other's change.
   * Completes only once the write is as durable as the backend promises (handed to the operating
   * system by the embedded store, acknowledged by Redis).
   */
  Future<Void> save(StoredSandbox sandbox, long expectedVersion);

  /**
   * The store this vault names in its messages, e.g. {@code Redis at host:port}; false from {@link
   * #reachable} means changes are refused with it.
   */
  default String describe() {
    return "the sandbox store";
  }

  /** False while the vault knows its store does not answer (Redis away); a guess, never a wait. */
  default boolean reachable() {
    return true;
  }

  /** True when other servers use this vault too (Redis): changes then take turns. */
  default boolean shared() {
    return false;
  }

  /**
   * Waits for this server's turn at changing the sandbox (another server may be changing it now)
   * and tells the version stored. A store only one server uses needs no turns.
   */
  default Future<ChangeTurn> beginChange(String id) {
    return Future.succeededFuture(ChangeTurn.unshared());
  }

  /**
   * The version stored for the sandbox, read alone (one small read, for a cached copy to check it
   * is still the latest); empty when none is stored. A store only one server uses never needs it.
   */
  default Future<OptionalLong> storedVersion(String id) {
    return load(id)
        .map(s -> s.isPresent() ? OptionalLong.of(s.get().version()) : OptionalLong.empty());
  }

  /** Records use, which postpones expiry. */
  Future<Void> touch(String id, Instant lastUsedAt);

  /**
   * Removes the sandbox, remembering why for {@link #REMEMBER_GONE} (see {@link #gone}); false when
   * none was stored.
   */
  Future<Boolean> remove(String id, Gone why);

  /** Removes the sandbox because the learner deleted it; false when none was stored. */
  default Future<Boolean> remove(String id) {
    return remove(id, Gone.DELETED);
  }

  /**
   * Why no sandbox with this id is stored any more, when one was: so a learner returning after a
   * restart is told that theirs expired or was deleted, instead of silently getting a new one.
   * Empty when none was stored under this id (or it went over {@link #REMEMBER_GONE} ago).
   */
  Future<Optional<Gone>> gone(String id);

  /** Why a stored sandbox went. */
  enum Gone {
    /** Unused for the idle timeout. */
    EXPIRED,
    /** Deleted by its learner. */
    DELETED
  }

  /** As long as the browser's sandbox cookie lives (30 days): after that nobody can ask. */
  Duration REMEMBER_GONE = Duration.ofDays(30);

  /**
   * Removes the sandboxes last used before the cutoff (remembered as {@link Gone#EXPIRED}); how
   * many. A store that expires by itself (Redis TTLs) answers 0.
   */
  Future<Integer> expireIdle(Instant cutoff);

  /** Called with the id of a sandbox another server changed; never called by a store of one. */
  void onChangedElsewhere(Consumer<String> listener);

  /**
   * A secret shared by every server on this vault (the keys that sign reservations), made by {@code
   * create} the first time it is asked for and the same ever after.
   */
  Future<byte[]> sharedSecret(String name, Supplier<byte[]> create);

  /** Counts one sandbox creation by this address; the count in the current window, all servers. */
  Future<Long> countCreation(String clientAddress, Duration window);

  /**
   * Lets go of the store (the embedded one flushes and syncs its file, Redis closes its
   * connections); asynchronous because both are I/O, and it may be called on an event loop.
   */
  Future<Void> close();
}
