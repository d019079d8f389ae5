package dev.trafficlab.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxChangedElsewhere;
import dev.trafficlab.server.testing.RedisServer;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A shared sandbox's changes in turns, on a fresh copy only: against a real redis-server. */
class SharedTurnsTest {
  private final RedisServer redis = RedisServer.start();
  private final Vertx vertx = Vertx.vertx();
  private final RedisVault vault =
      RedisVault.connect(vertx, redis.url(), Duration.ofMinutes(5), Clock.systemUTC()).await();
  private final AtomicLong copyVersion = new AtomicLong();
  private final AtomicInteger dropped = new AtomicInteger();
  private final Sandbox sandbox =
      new Sandbox(
          "shared",
          "page-shared",
          "a-lesson",
          Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8),
          SandboxFiles.over(AssetTree.of(Map.of()), Clock.systemUTC()),
          null,
          Instant.now());

  {
    sandbox.gateChanges(new SharedTurns(vault, copyVersion::get, dropped::incrementAndGet));
  }

  @AfterEach
  void stop() {
    vault.close().await();
    vertx.close().await();
    redis.close();
  }

  private Future<Void> write(String content) {
    return sandbox.serially(
        () -> {
          try {
            sandbox.files().write("/root/notes.txt", content);
          } catch (FilesException e) {
            return Future.failedFuture(e);
          }
          return Future.succeededFuture();
        });
  }

  private void storeVersion(long version) {
    vault
        .save(
            new StoredSandbox(
                "shared",
                "page-shared",
                version,
                Instant.now(),
                "elsewhere".getBytes(StandardCharsets.UTF_8)),
            version - 1)
        .await();
  }

  @Test
  void aCopyAsNewAsTheStoredOneChangesAndFreesTheTurnAfter() {
    storeVersion(1);
    copyVersion.set(1);

    write("mine").await();

    assertThat(sandbox.files().isFile("/root/notes.txt")).isTrue();
    assertThat(redis.call("EXISTS", "trafficlab:lock:shared")).isEqualTo("0");
    assertThat(dropped).hasValue(0);
  }

  @Test
  void aStaleCopyRefusesTheChangeAndIsDropped() {
    storeVersion(1);
    storeVersion(2);
    copyVersion.set(1);

    assertThatThrownBy(() -> write("on an old copy").await())
        .isInstanceOf(SandboxChangedElsewhere.class)
        .hasMessageContaining("was changed on another server a moment ago");

    assertThat(sandbox.files().isFile("/root/notes.txt")).isFalse();
    assertThat(dropped).hasValue(1);
    assertThat(redis.call("EXISTS", "trafficlab:lock:shared")).isEqualTo("0");
  }

  @Test
  void aChangeWaitsWhileAnotherServerHoldsTheTurn() throws Exception {
    redis.call("SET", "trafficlab:lock:shared", "another server", "PX", "400");
    long started = System.nanoTime();

    write("after theirs").await();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(300));
    assertThat(sandbox.files().isFile("/root/notes.txt")).isTrue();
  }

  @Test
  void terminalLinesTakeNoTurn() {
    redis.call("SET", "trafficlab:lock:shared", "another server", "PX", "60000");

    assertThat(sandbox.alongside(() -> Future.succeededFuture("read")).await()).isEqualTo("read");
  }

  @Test
  void withRedisAwayAChangeIsRefusedWithTheStoresMessage() {
    redis.stop();

    assertThatThrownBy(() -> write("refused").await())
        .isInstanceOf(VaultUnavailable.class)
        .hasMessageContaining("changes are refused until it is back");
    assertThat(sandbox.files().isFile("/root/notes.txt")).isFalse();
    // once the vault has noticed (its subscription is gone), terminal lines are refused too
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (vault.reachable() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> sandbox.alongside(() -> Future.succeededFuture("line")).await())
        .isInstanceOf(VaultUnavailable.class);
  }
}
