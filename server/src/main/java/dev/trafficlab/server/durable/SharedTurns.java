package dev.trafficlab.server.durable;

import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxChangedElsewhere;
import io.vertx.core.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gate of a sandbox that several servers share: a change (an apply, a file saved, a check, a
 * reset) runs only in this server's turn ({@link SandboxVault#beginChange}) and only on a copy as
 * new as the stored one, so two servers never change one sandbox at once and never from an old
 * copy. A stale copy refuses the change and is dropped; the request made again loads the latest.
 *
 * <p>Terminal lines take no turn: one may run for minutes (watch, a loop with sleep) and would hold
 * every other change back. Their saves are still compare-and-set on the version, so a line racing a
 * change elsewhere fails with a conflict instead of overwriting it.
 */
public final class SharedTurns implements Sandbox.ChangeGate {
  private static final Supplier<Future<Void>> NO_TURN = Future::succeededFuture;

  private final SandboxVault vault;
  private final LongSupplier copyVersion;
  private final Runnable dropCopy;

  /**
   * @param copyVersion the stored version this server's copy was loaded at or last saved as
   * @param dropCopy forgets this server's copy (the next use loads the stored one)
   */
  public SharedTurns(SandboxVault vault, LongSupplier copyVersion, Runnable dropCopy) {
    this.vault = vault;
    this.copyVersion = copyVersion;
    this.dropCopy = dropCopy;
  }

  @Override
  public Future<Supplier<Future<Void>>> enter(Sandbox sandbox, boolean line) {
    if (line) {
      // a line is saved with the terminal's history: refused up front while Redis is away, as
      // it could not be kept
      return vault.reachable()
          ? Future.succeededFuture(NO_TURN)
          : Future.failedFuture(new VaultUnavailable(vault.describe(), "not subscribed"));
    }
    return vault
        .beginChange(sandbox.id())
        .compose(
            turn -> {
              long stored = turn.storedVersion();
              if (stored == ChangeTurn.UNSHARED || stored == copyVersion.getAsLong()) {
                return Future.succeededFuture(turn.end());
              }
              dropCopy.run();
              return turn.end()
                  .get()
                  .transform(
                      ended ->
                          Future.<Supplier<Future<Void>>>failedFuture(
                              new SandboxChangedElsewhere(sandbox.id())));
            });
  }

  @Override
  public Future<Boolean> staleCopy(Sandbox sandbox) {
    if (!vault.reachable()) {
      // Redis away: the cached copy is served as it is, without waiting for a timeout
      return Future.succeededFuture(false);
    }
    long copy = copyVersion.getAsLong();
    return vault
        .storedVersion(sandbox.id())
        // none stored (yet, or any more) is the business of the next change, not of a read
        .map(stored -> stored.isPresent() && stored.getAsLong() > copy)
        .otherwise(false);
  }
}
