package dev.trafficlab.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.server.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedVaultTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  private EmbeddedVault open() {
    return EmbeddedVault.open(vertx, dir, clock).await();
  }

  private static StoredSandbox sandbox(String id, long version, Instant usedAt, String state) {
    return new StoredSandbox(
        id, "page-" + id, version, usedAt, state.getBytes(StandardCharsets.UTF_8));
  }

  private static String state(Optional<StoredSandbox> stored) {
    return new String(stored.orElseThrow().state(), StandardCharsets.UTF_8);
  }

  @Test
  void createsTheDataDirectoryAndKeepsSandboxesAcrossACleanReopen() {
    Path data = dir.resolve("nested/data");
    EmbeddedVault vault = EmbeddedVault.open(vertx, data, clock).await();
    vault.save(sandbox("s1", 1, clock.instant(), "applied"), 0).await();
    vault.close().await();

    EmbeddedVault again = EmbeddedVault.open(vertx, data, clock).await();
    StoredSandbox stored = again.load("s1").await().orElseThrow();
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.pageKey()).isEqualTo("page-s1");
    assertThat(stored.lastUsedAt()).isEqualTo(clock.instant());
    assertThat(again.idByPageKey("page-s1").await()).contains("s1");
    assertThat(Files.exists(EmbeddedVault.file(data))).isTrue();
    again.close().await();
  }

  @Test
  void aCommittedSaveSurvivesACrashThatWritesNothingMore() {
    EmbeddedVault vault = open();
    vault.save(sandbox("s1", 1, clock.instant(), "v1"), 0).await();
    vault.save(sandbox("s1", 2, clock.instant(), "v2 with my.yaml"), 1).await();
    vault.crash().await();

    EmbeddedVault again = open();
    assertThat(state(again.load("s1").await())).isEqualTo("v2 with my.yaml");
    assertThat(again.load("s1").await().orElseThrow().version()).isEqualTo(2);
    again.close().await();
  }

  @Test
  void manySavesAtOnceAreEachAnsweredAfterTheCommitThatKeepsThem() {
    EmbeddedVault vault = open();
    List<Future<Void>> saves = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      saves.add(vault.save(sandbox("s" + i, 1, clock.instant(), "state " + i), 0));
    }
    // one of them loses its race and is refused; the others are kept
    saves.add(vault.save(sandbox("s7", 1, clock.instant(), "late"), 0));
    Future.join(saves).otherwiseEmpty().await();
    assertThat(saves.subList(0, 100)).allMatch(Future::succeeded);
    assertThat(saves.get(100).cause()).isInstanceOf(VersionConflict.class);
    vault.crash().await();

    EmbeddedVault again = open();
    assertThat(again.size().await()).isEqualTo(100);
    assertThat(state(again.load("s99").await())).isEqualTo("state 99");
    assertThat(state(again.load("s7").await())).isEqualTo("state 7");
    again.close().await();
  }

  @Test
  void aSaveAskedOnAWorkerThreadIsCommittedThereBeforeItAnswers() {
    EmbeddedVault vault = open();
    // where a sandbox's change listener runs: its worker context
    boolean answeredAtOnce =
        vertx
            .executeBlocking(
                () -> {
                  Future<Void> saved =
                      vault.save(sandbox("s1", 1, clock.instant(), "applied on a worker"), 0);
                  return saved.isComplete() && saved.succeeded();
                })
            .await();
    assertThat(answeredAtOnce).isTrue();
    vault.crash().await();

    EmbeddedVault again = open();
    assertThat(state(again.load("s1").await())).isEqualTo("applied on a worker");
    again.close().await();
  }

  @Test
  void savesOnWorkersAndTouchesOnTheWriterNeverLoseAVersion() {
    EmbeddedVault vault = open();
    int sandboxes = 4;
    int saves = 500;
    Instant later = clock.instant().plusSeconds(60);
    List<Future<Long>> savers = new ArrayList<>();
    for (int s = 0; s < sandboxes; s++) {
      String id = "s" + s;
      savers.add(
          vertx.executeBlocking(
              () -> {
                for (int v = 1; v <= saves; v++) {
                  // answered before it returns, on a worker
                  Future<Void> saved = vault.save(sandbox(id, v, clock.instant(), "v" + v), v - 1);
                  if (!saved.succeeded()) {
                    throw new AssertionError(id + " version " + v + ": " + saved.cause());
                  }
                }
                return (long) saves;
              },
              false));
    }
    // a touch reads the version and writes it back with a new time: it must never write back one
    // that a save on a worker replaced meanwhile
    Future<?> saved = Future.all(savers);
    for (int i = 0; !saved.isComplete(); i++) {
      vault.touch("s" + (i % sandboxes), later.plusMillis(i)).await();
    }
    saved.await();
    for (int s = 0; s < sandboxes; s++) {
      StoredSandbox stored = vault.load("s" + s).await().orElseThrow();
      assertThat(stored.version()).isEqualTo(saves);
      assertThat(new String(stored.state(), StandardCharsets.UTF_8)).isEqualTo("v" + saves);
    }
    // and a stale save on a worker is refused there too
    Future<Void> stale =
        vertx
            .executeBlocking(() -> vault.save(sandbox("s0", 2, clock.instant(), "stale"), 1))
            .await();
    assertThat(stale.cause()).isInstanceOf(VersionConflict.class);
    vault.close().await();
  }

  @Test
  void housekeepingRewritesChunksThatAreMostlyFreeSpace() {
    // chunks are rewritten once their retention ended: none here, instead of five seconds
    EmbeddedVault vault = EmbeddedVault.open(vertx, dir, clock, Duration.ZERO).await();
    byte[] big = new byte[8192];
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 300; i++) {
      random.nextBytes(big); // incompressible, and each state its own
      vault.save(new StoredSandbox("s" + i, "p" + i, 1, clock.instant(), big.clone()), 0).await();
    }
    // every other sandbox saved again: the chunks that held both halves are half free space
    for (int i = 0; i < 300; i += 2) {
      random.nextBytes(big);
      vault.save(new StoredSandbox("s" + i, "p" + i, 2, clock.instant(), big.clone()), 1).await();
    }
    int before = vault.chunksFillRate().await();
    int after = before;
    for (int round = 0; round < 100 && after < EmbeddedVault.TARGET_FILL_RATE; round++) {
      after = vault.housekeepNow().await();
    }
    assertThat(before).isLessThan(EmbeddedVault.TARGET_FILL_RATE);
    assertThat(after).isGreaterThanOrEqualTo(EmbeddedVault.TARGET_FILL_RATE);
    vault.crash().await();

    EmbeddedVault again = open();
    assertThat(again.size().await()).isEqualTo(300);
    assertThat(again.load("s1").await().orElseThrow().version()).isEqualTo(1);
    assertThat(again.load("s2").await().orElseThrow().version()).isEqualTo(2);
    again.close().await();
  }

  @Test
  void aSaveFromAStaleVersionIsRefusedAndChangesNothing() {
    EmbeddedVault vault = open();
    vault.save(sandbox("s1", 1, clock.instant(), "first"), 0).await();
    vault.save(sandbox("s1", 2, clock.instant(), "second"), 1).await();

    assertThatThrownBy(() -> vault.save(sandbox("s1", 2, clock.instant(), "lost race"), 1).await())
        .isInstanceOf(VersionConflict.class)
        .hasMessageContaining("version 2, not 1")
        .satisfies(e -> assertThat(((VersionConflict) e).stored()).isEqualTo(2));
    assertThatThrownBy(() -> vault.save(sandbox("s2", 1, clock.instant(), "x"), 3).await())
        .isInstanceOf(VersionConflict.class);
    assertThat(state(vault.load("s1").await())).isEqualTo("second");
    assertThat(vault.load("s2").await()).isEmpty();
    vault.close().await();
  }

  @Test
  void removesASandboxAndItsPageKey() {
    EmbeddedVault vault = open();
    vault.save(sandbox("s1", 1, clock.instant(), "x"), 0).await();
    assertThat(vault.remove("s1").await()).isTrue();
    assertThat(vault.remove("s1").await()).isFalse();
    assertThat(vault.load("s1").await()).isEmpty();
    assertThat(vault.idByPageKey("page-s1").await()).isEmpty();
    vault.close().await();
  }

  @Test
  void whyASandboxWentIsKeptAcrossACrashForThirtyDays() {
    EmbeddedVault vault = open();
    Instant start = clock.instant();
    vault.save(sandbox("deleted", 1, start, "x"), 0).await();
    vault.save(sandbox("idle", 1, start, "y"), 0).await();
    vault.save(sandbox("live", 1, start.plus(Duration.ofHours(1)), "z"), 0).await();
    vault.remove("deleted").await();
    assertThat(vault.expireIdle(start.plus(Duration.ofMinutes(30))).await()).isEqualTo(1);
    vault.crash().await();

    EmbeddedVault again = open();
    assertThat(again.gone("deleted").await()).contains(SandboxVault.Gone.DELETED);
    assertThat(again.gone("idle").await()).contains(SandboxVault.Gone.EXPIRED);
    assertThat(again.gone("live").await()).isEmpty();
    assertThat(again.gone("never-stored").await()).isEmpty();

    // a month on, no cookie can still name them: the sweep forgets them
    clock.advance(SandboxVault.REMEMBER_GONE.plusMinutes(1));
    again.touch("live", clock.instant()).await();
    again.expireIdle(clock.instant().minus(Duration.ofHours(2))).await();
    assertThat(again.gone("deleted").await()).isEmpty();
    assertThat(again.gone("idle").await()).isEmpty();
    assertThat(again.load("live").await()).isPresent();
    again.close().await();
  }

  @Test
  void expiresOnlySandboxesLastUsedBeforeTheCutoffAndATouchPostponesIt() {
    EmbeddedVault vault = open();
    Instant start = clock.instant();
    vault.save(sandbox("idle", 1, start, "x"), 0).await();
    vault.save(sandbox("used", 1, start, "y"), 0).await();
    vault.touch("used", start.plus(Duration.ofMinutes(90))).await();
    // an older touch arriving late does not move the time back
    vault.touch("used", start.plus(Duration.ofMinutes(10))).await();

    assertThat(vault.expireIdle(start.plus(Duration.ofMinutes(60))).await()).isEqualTo(1);
    assertThat(vault.load("idle").await()).isEmpty();
    assertThat(vault.idByPageKey("page-idle").await()).isEmpty();
    assertThat(vault.load("used").await().orElseThrow().lastUsedAt())
        .isEqualTo(start.plus(Duration.ofMinutes(90)));
    assertThat(vault.size().await()).isEqualTo(1);
    vault.close().await();
  }

  @Test
  void expiryShrinksWhatTheFileHolds() {
    EmbeddedVault vault = open();
    byte[] big = new byte[4096];
    new java.util.Random(7).nextBytes(big); // incompressible
    for (int i = 0; i < 200; i++) {
      vault.save(new StoredSandbox("s" + i, "p" + i, 1, clock.instant(), big), 0).await();
    }
    clock.advance(Duration.ofHours(3));
    assertThat(vault.expireIdle(clock.instant().minus(Duration.ofHours(2))).await()).isEqualTo(200);
    vault.close().await();
    EmbeddedVault again = open();
    assertThat(again.size().await()).isZero();
    assertThat(again.load("s0").await()).isEmpty();
    again.close().await();
  }

  @Test
  void aSharedSecretIsMadeOnceAndKeptAcrossACrash() {
    EmbeddedVault vault = open();
    byte[] first = vault.sharedSecret("mac", () -> new byte[] {1, 2, 3}).await();
    byte[] second = vault.sharedSecret("mac", () -> new byte[] {9}).await();
    assertThat(second).containsExactly(1, 2, 3);
    assertThat(first).containsExactly(1, 2, 3);
    vault.crash().await();

    EmbeddedVault again = open();
    assertThat(again.sharedSecret("mac", () -> new byte[] {9}).await()).containsExactly(1, 2, 3);
    again.close().await();
  }

  @Test
  void countsCreationsPerAddressInAWindowThatStartsAgain() {
    EmbeddedVault vault = open();
    Duration minute = Duration.ofMinutes(1);
    assertThat(vault.countCreation("10.0.0.1", minute).await()).isEqualTo(1);
    assertThat(vault.countCreation("10.0.0.1", minute).await()).isEqualTo(2);
    assertThat(vault.countCreation("10.0.0.2", minute).await()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(61));
    assertThat(vault.countCreation("10.0.0.1", minute).await()).isEqualTo(1);
    vault.close().await();
  }

  @Test
  void answersOnTheCallersEventLoop() {
    EmbeddedVault vault = open();
    io.vertx.core.Context loop = vertx.getOrCreateContext();
    java.util.concurrent.CompletableFuture<String> thread =
        new java.util.concurrent.CompletableFuture<>();
    loop.runOnContext(
        v ->
            vault
                .save(sandbox("s1", 1, clock.instant(), "x"), 0)
                .onComplete(ar -> thread.complete(Thread.currentThread().getName())));
    assertThat(thread.join()).contains("eventloop");
    vault.close().await();
  }
}
