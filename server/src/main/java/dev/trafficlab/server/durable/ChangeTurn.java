package dev.trafficlab.server.durable;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One server's turn at changing one sandbox: while it holds the turn no other server changes that
 * sandbox, so a change made on a fresh copy is saved without a conflict. {@code storedVersion} is
 * the version the vault held when the turn began: a server holding an older copy reloads it first.
 *
 * @param storedVersion the stored version (0: none stored), or {@link #UNSHARED} for a store only
 *     this server uses, whose copy is always the latest
 * @param end ends the turn; call it once the change is saved (or failed)
 */
public record ChangeTurn(long storedVersion, Supplier<Future<Void>> end) {
  /** The stored version is not asked for: one server, one copy. */
  public static final long UNSHARED = -1;

  /** The turn of a store only this server uses: nothing to wait for, nothing to end. */
  public static ChangeTurn unshared() {
    return new ChangeTurn(UNSHARED, Future::succeededFuture);
  }
}
