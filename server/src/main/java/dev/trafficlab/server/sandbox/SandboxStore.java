package dev.trafficlab.server.sandbox;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a registry keeps its sandboxes beyond memory (a vault, through the codec of their state).
 * Every method answers on the caller's context and never blocks an event loop.
 */
public interface SandboxStore {
  /**
   * The stored sandbox with this id, made again off the event loop; empty when none is or was
   * stored. One stored but idle past the idle timeout is removed and comes back {@link
   * Loaded#gone() gone} as EXPIRED; one that expired or was deleted earlier (also before a restart)
   * comes back gone, with its fate, for a while.
   */
  Future<Optional<Loaded>> load(String id);

  /** The id of the stored sandbox whose product page has this key. */
  Future<Optional<String>> idByPageKey(String pageKey);

  /**
   * From now on, saves each change of the sandbox before the change is answered (its {@link
   * Sandbox#onChange} listener), the first save writing the version after {@code storedVersion} (0:
   * not stored yet).
   */
  void keep(Sandbox sandbox, long storedVersion);

  /** Records a use, which postpones the stored copy's expiry. */
  void touch(String id, Instant lastUsedAt);

  /**
   * True when other servers use the same store (Redis): a copy idle in this server's memory may be
   * in use on another, so only the store's own expiry removes it.
   */
  default boolean shared() {
    return false;
  }

  /** Removes the stored copy, remembering why (EXPIRED or DELETED). */
  void remove(String id, SandboxRegistry.Fate why);

  /**
   * Counts one sandbox creation by this address in the current window of this length, as every
   * server sharing the store sees it; the count so far.
   */
  default Future<Long> countCreation(String clientAddress, Duration window) {
    return Future.failedFuture(new UnsupportedOperationException("a store of one server"));
  }

  /** Removes the stored sandboxes last used before the cutoff; how many. */
  Future<Integer> expireIdle(Instant cutoff);

  /** Called with the id of a sandbox another server changed (never, with one server). */
  void onChangedElsewhere(Consumer<String> listener);

  /**
   * A stored sandbox: made again with the version it was stored at, or (sandbox null) gone, and
   * why.
   */
  record Loaded(Sandbox sandbox, long version, SandboxRegistry.Fate fate) {
    public static Loaded of(Sandbox sandbox, long version) {
      return new Loaded(sandbox, version, SandboxRegistry.Fate.LIVE);
    }

    public static Loaded gone(SandboxRegistry.Fate why) {
      return new Loaded(null, 0, why);
    }

    public boolean gone() {
      return sandbox == null;
    }
  }
}
