package dev.trafficlab.server.durable;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The vault the settings ask for: Redis (REDIS_URL), the embedded store under DATA_DIR, or none
 * (memory only).
 */
public final class Vaults {
  private Vaults() {}

  /**
   * Opens the vault, off the event loop; empty when sandboxes live in memory only.
   *
   * @param dataDir DATA_DIR, null for memory only
   */
  public static Future<Optional<SandboxVault>> open(Vertx vertx, Path dataDir, Clock clock) {
    return open(vertx, dataDir, null, null, clock);
  }

  /**
   * As {@link #open(Vertx, Path, Clock)}, or the Redis at {@code redisUrl} when it is set (it takes
   * precedence over DATA_DIR): sandboxes shared by every server given that URL, expiring after
   * {@code idleTimeout} unused.
   */
  public static Future<Optional<SandboxVault>> open(
      Vertx vertx, Path dataDir, String redisUrl, Duration idleTimeout, Clock clock) {
    if (redisUrl != null) {
      return RedisVault.connect(vertx, redisUrl, idleTimeout, clock).map(Optional::of);
    }
    if (dataDir == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return EmbeddedVault.open(vertx, dataDir, clock)
        .<Optional<SandboxVault>>map(Optional::of)
        .recover(
            err ->
                Future.failedFuture(
                    new IllegalStateException(
                        "could not open the sandbox store in DATA_DIR="
                            + dataDir
                            + " ("
                            + err.getMessage()
                            + "): is another server using it? Set DATA_DIR to another directory,"
                            + " or empty for memory only",
                        err)));
  }
}
