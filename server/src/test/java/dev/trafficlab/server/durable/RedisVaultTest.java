package dev.trafficlab.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.server.testing.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RedisVault against a real redis-server started for this class. */
class RedisVaultTest {
  private static final Duration IDLE = Duration.ofMinutes(10);
  private static RedisServer redis;

  private Vertx vertx;
  private RedisVault vault;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void connect() {
    redis.call("FLUSHALL");
    vertx = Vertx.vertx();
    vault = open(IDLE);
  }

  private RedisVault open(Duration idle) {
    return RedisVault.connect(vertx, redis.url(), idle, Clock.systemUTC()).await();
  }

  @AfterEach
  void close() {
    vault.close().await();
    vertx.close().await();
  }

  private static StoredSandbox sandbox(String id, long version, String state) {
    return new StoredSandbox(
        id,
        "page-" + id,
        version,
        Instant.ofEpochMilli(1_700_000_000_123L),
        state.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSavedSandboxLoadsBackByIdAndIsFoundByItsPageKey() {
    vault.save(sandbox("a", 1, "applied: reviews-v2"), 0).await();

    StoredSandbox loaded = vault.load("a").await().orElseThrow();
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.pageKey()).isEqualTo("page-a");
    assertThat(loaded.lastUsedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(new String(loaded.state(), StandardCharsets.UTF_8)).isEqualTo("applied: reviews-v2");
    assertThat(vault.idByPageKey("page-a").await()).contains("a");
    assertThat(vault.load("never-saved").await()).isEmpty();
    assertThat(vault.idByPageKey("page-never-saved").await()).isEmpty();
  }

  @Test
  void stateIsKeptByteForByte() {
    byte[] state = new byte[256];
    for (int i = 0; i < state.length; i++) {
      state[i] = (byte) i;
    }
    vault.save(new StoredSandbox("bin", "page-bin", 1, Instant.EPOCH, state), 0).await();

    assertThat(vault.load("bin").await().orElseThrow().state()).isEqualTo(state);
  }

  @Test
  void aSaveFromAnOutdatedVersionFailsAndKeepsWhatWasStored() {
    vault.save(sandbox("a", 1, "first"), 0).await();
    vault.save(sandbox("a", 2, "second"), 1).await();

    assertThatThrownBy(() -> vault.save(sandbox("a", 2, "lost race"), 1).await())
        .isInstanceOf(VersionConflict.class)
        .satisfies(e -> assertThat(((VersionConflict) e).stored()).isEqualTo(2));
    assertThatThrownBy(() -> vault.save(sandbox("a", 1, "again"), 0).await())
        .isInstanceOf(VersionConflict.class);
    assertThat(new String(vault.load("a").await().orElseThrow().state(), StandardCharsets.UTF_8))
        .isEqualTo("second");
  }

  @Test
  void ofTwoServersSavingTheSameVersionAtOnceExactlyOneWins() {
    vault.save(sandbox("a", 1, "start"), 0).await();
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      for (int round = 1; round <= 20; round++) {
        Future<Void> mine = vault.save(sandbox("a", round + 1, "mine " + round), round);
        Future<Void> theirs = other.save(sandbox("a", round + 1, "theirs " + round), round);
        Future.join(mine, theirs).otherwiseEmpty().await();
        assertThat(List.of(mine.succeeded(), theirs.succeeded()))
            .as("round " + round)
            .containsExactlyInAnyOrder(true, false);
        Throwable lost = mine.failed() ? mine.cause() : theirs.cause();
        assertThat(lost).isInstanceOf(VersionConflict.class);
      }
    }
    assertThat(vault.load("a").await().orElseThrow().version()).isEqualTo(21);
  }

  @Test
  void aChangeTurnWaitsForAnotherServersTurnAndTellsTheVersionItLeft() throws Exception {
    vault.save(sandbox("a", 1, "x"), 0).await();
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      ChangeTurn mine = vault.beginChange("a").await();
      assertThat(mine.storedVersion()).isEqualTo(1);

      Future<ChangeTurn> theirs = other.beginChange("a");
      TimeUnit.MILLISECONDS.sleep(200);
      assertThat(theirs.isComplete()).as("waits while this server changes the sandbox").isFalse();

      vault.save(sandbox("a", 2, "y"), 1).await();
      mine.end().get().await();
      assertThat(theirs.await().storedVersion()).isEqualTo(2);
      theirs.result().end().get().await();
    }
    assertThat(vault.beginChange("never-saved").await().storedVersion()).isZero();
  }

  @Test
  void aTurnHeldByAServerThatDiedEndsWithItsTtl() {
    redis.call("SET", "trafficlab:lock:a", "a dead server's turn", "PX", "300");
    long started = System.nanoTime();

    ChangeTurn turn = vault.beginChange("a").await();

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    turn.end().get().await();
    assertThat(redis.call("EXISTS", "trafficlab:lock:a")).isEqualTo("0");
  }

  @Test
  void twoServersIncrementingOneSandboxInTurnsLoseNoChange() {
    vault.save(sandbox("counter", 1, "0"), 0).await();
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      List<Future<Void>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 25; i++) {
        all.add(increment(vault));
        all.add(increment(other));
      }
      Future.all(all).await();
    }
    StoredSandbox counter = vault.load("counter").await().orElseThrow();
    assertThat(new String(counter.state(), StandardCharsets.UTF_8)).isEqualTo("50");
    assertThat(counter.version()).isEqualTo(51);
  }

  /** What a server does for one change: its turn, a fresh copy, the change, the save. */
  private static Future<Void> increment(RedisVault on) {
    return on.beginChange("counter")
        .compose(
            turn ->
                on.load("counter")
                    .compose(
                        stored -> {
                          StoredSandbox copy = stored.orElseThrow();
                          assertThat(copy.version()).isEqualTo(turn.storedVersion());
                          int next =
                              Integer.parseInt(new String(copy.state(), StandardCharsets.UTF_8))
                                  + 1;
                          return on.save(
                              sandbox("counter", copy.version() + 1, Integer.toString(next)),
                              copy.version());
                        })
                    .eventually(() -> turn.end().get()));
  }

  @Test
  void aSandboxAndItsPageKeyExpireAfterTheIdleTimeoutWhichUseRenews() throws Exception {
    vault.save(sandbox("a", 1, "x"), 0).await();
    assertThat(Long.parseLong(redis.call("PTTL", "trafficlab:sandbox:a")))
        .isBetween(IDLE.toMillis() - 5_000, IDLE.toMillis());
    assertThat(Long.parseLong(redis.call("PTTL", "trafficlab:page:page-a")))
        .isBetween(IDLE.toMillis() - 5_000, IDLE.toMillis());

    // Almost expired, then used: both live another idle timeout.
    redis.call("PEXPIRE", "trafficlab:sandbox:a", "1000");
    redis.call("PEXPIRE", "trafficlab:page:page-a", "1000");
    vault.touch("a", Instant.ofEpochMilli(1_800_000_000_000L)).await();
    assertThat(Long.parseLong(redis.call("PTTL", "trafficlab:sandbox:a")))
        .isGreaterThan(IDLE.toMillis() - 5_000);
    assertThat(Long.parseLong(redis.call("PTTL", "trafficlab:page:page-a")))
        .isGreaterThan(IDLE.toMillis() - 5_000);
    assertThat(vault.load("a").await().orElseThrow().lastUsedAt())
        .isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));

    // Not used: gone, both keys.
    redis.call("PEXPIRE", "trafficlab:sandbox:a", "50");
    redis.call("PEXPIRE", "trafficlab:page:page-a", "50");
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(vault.load("a").await()).isEmpty();
    assertThat(vault.idByPageKey("page-a").await()).isEmpty();
    assertThat(vault.expireIdle(Instant.now()).await()).isZero();
  }

  @Test
  void aLateReportOfAnOlderUseNeitherMovesTheLastUseBackNorShortensTheLife() {
    Instant now = Instant.now();
    vault.save(sandbox("a", 1, "x"), 0).await();
    vault.touch("a", now).await();

    vault.touch("a", now.minus(Duration.ofMinutes(9))).await();

    assertThat(vault.load("a").await().orElseThrow().lastUsedAt().toEpochMilli())
        .isEqualTo(now.toEpochMilli());
    assertThat(Long.parseLong(redis.call("PTTL", "trafficlab:sandbox:a")))
        .isGreaterThan(IDLE.toMillis() - 5_000);
    assertThat(Long.parseLong(redis.call("PTTL", "trafficlab:page:page-a")))
        .isGreaterThan(IDLE.toMillis() - 5_000);
  }

  @Test
  void touchingASandboxThatIsNotStoredMakesNone() {
    vault.touch("ghost", Instant.now()).await();

    assertThat(redis.call("EXISTS", "trafficlab:sandbox:ghost")).isEqualTo("0");
  }

  @Test
  void removeDeletesTheSandboxAndItsPageKey() {
    vault.save(sandbox("a", 1, "x"), 0).await();

    assertThat(vault.remove("a").await()).isTrue();
    assertThat(vault.load("a").await()).isEmpty();
    assertThat(vault.idByPageKey("page-a").await()).isEmpty();
    assertThat(vault.remove("a").await()).isFalse();
  }

  @Test
  void whyASandboxWentIsKeptWhetherItsLearnerDeletedItOrItsTtlRanOut() throws Exception {
    vault.save(sandbox("deleted", 1, "x"), 0).await();
    vault.remove("deleted").await();
    assertThat(vault.gone("deleted").await()).contains(SandboxVault.Gone.DELETED);
    assertThat(redis.call("PTTL", "trafficlab:fate:deleted"))
        .satisfies(
            ttl ->
                assertThat(Long.parseLong(ttl))
                    .isGreaterThan(SandboxVault.REMEMBER_GONE.toMillis() - 60_000));

    try (Closing closing = new Closing(open(Duration.ofMillis(300)))) {
      RedisVault shortLived = closing.vault();
      shortLived.save(sandbox("idle", 1, "y"), 0).await();
      assertThat(shortLived.gone("idle").await()).isEmpty();
      TimeUnit.MILLISECONDS.sleep(450);
      assertThat(shortLived.load("idle").await()).isEmpty();
      assertThat(vault.gone("idle").await()).contains(SandboxVault.Gone.EXPIRED);
    }
    assertThat(vault.gone("never-stored").await()).isEmpty();
  }

  @Test
  void anotherServerHearsOfEveryChangeButNotOfItsOwn() throws Exception {
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      List<String> heardHere = new CopyOnWriteArrayList<>();
      List<String> heardThere = new CopyOnWriteArrayList<>();
      vault.onChangedElsewhere(heardHere::add);
      other.onChangedElsewhere(heardThere::add);

      vault.save(sandbox("a", 1, "x"), 0).await();
      vault.save(sandbox("a", 2, "y"), 1).await();
      vault.remove("a").await();
      other.save(sandbox("b", 1, "z"), 0).await();

      awaitSize(heardThere, 3);
      awaitSize(heardHere, 1);
      assertThat(heardThere).containsExactly("a", "a", "a");
      assertThat(heardHere).containsExactly("b");
    }
  }

  @Test
  void manyVersionReadsAtOnceEachGetTheirSandboxsVersionInFewerCommands() {
    for (int i = 0; i < 20; i++) {
      vault.save(sandbox("s" + i, 1, "x"), 0).await();
      if (i % 2 == 0) {
        vault.save(sandbox("s" + i, 2, "y"), 1).await();
      }
    }
    long before = commandsServed();
    List<Future<java.util.OptionalLong>> reads = new java.util.ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 20; i++) {
        reads.add(vault.storedVersion("s" + i));
      }
      reads.add(vault.storedVersion("never-saved"));
    }
    Future.all(reads).await();
    long commands = commandsServed() - before - 1; // less the INFO that asked

    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 20; i++) {
        assertThat(reads.get(round * 21 + i).result()).hasValue(i % 2 == 0 ? 2 : 1);
      }
      assertThat(reads.get(round * 21 + 20).result()).isEmpty();
    }
    // The first read goes out alone; the 104 asked while it was out share the next round (or a
    // few, on a slow machine): one MGET a round, far from a command a read.
    assertThat(commands).isLessThan(10);
  }

  @Test
  void aSandboxSavedByAnEarlierVersionWithoutAVersionStringIsReadFromItsHash() {
    vault.save(sandbox("new", 3, "x"), 0).await();
    // as a server of the version before the version strings left it
    redis.call("HSET", "trafficlab:sandbox:old", "version", "7", "pageKey", "page-old");

    assertThat(vault.storedVersion("old").await()).hasValue(7);
    List<Future<java.util.OptionalLong>> both =
        List.of(
            vault.storedVersion("new"), vault.storedVersion("old"), vault.storedVersion("none"));
    Future.all(both).await();
    assertThat(both.get(0).result()).hasValue(3);
    assertThat(both.get(1).result()).hasValue(7);
    assertThat(both.get(2).result()).isEmpty();
  }

  private static long commandsServed() {
    return Long.parseLong(redis.info("stats", "total_commands_processed"));
  }

  @Test
  void aSharedSecretIsMadeOnceAndTheSameOnEveryServer() {
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      byte[] first = vault.sharedSecret("reservations", () -> bytes("made here")).await();
      byte[] second = other.sharedSecret("reservations", () -> bytes("made there")).await();

      assertThat(first).isEqualTo(bytes("made here"));
      assertThat(second).isEqualTo(first);
      assertThat(other.sharedSecret("csrf", () -> bytes("other secret")).await())
          .isEqualTo(bytes("other secret"));
    }
  }

  @Test
  void creationsAreCountedPerAddressAcrossServersWithinTheWindow() throws Exception {
    Duration window = Duration.ofMillis(400);
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      // Stay clear of a window's end, so the three counts fall in one window.
      while (System.currentTimeMillis() % window.toMillis() > 100) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      assertThat(vault.countCreation("10.0.0.1", window).await()).isEqualTo(1);
      assertThat(other.countCreation("10.0.0.1", window).await()).isEqualTo(2);
      assertThat(other.countCreation("10.0.0.2", window).await()).isEqualTo(1);

      TimeUnit.MILLISECONDS.sleep(window.toMillis() + 50);
      assertThat(vault.countCreation("10.0.0.1", window).await()).isEqualTo(1);
    }
    assertThat(redis.call("PTTL", redis.call("KEYS", "trafficlab:creations:10.0.0.1:*")))
        .satisfies(ttl -> assertThat(Long.parseLong(ttl)).isBetween(1L, 400L));
  }

  @Test
  void answersComeOnTheCallersContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Boolean> same = new CompletableFuture<>();
    context.runOnContext(
        v ->
            vault
                .save(sandbox("ctx", 1, "x"), 0)
                .compose(done -> vault.load("ctx"))
                .onComplete(r -> same.complete(Vertx.currentContext() == context)));

    assertThat(same.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void whileRedisIsAwayCallsFailWithAClearMessageAndWorkAgainWhenItIsBack() throws Exception {
    try (Closing closing = new Closing(open(IDLE))) {
      RedisVault other = closing.vault();
      vault.save(sandbox("a", 1, "x"), 0).await();
      List<String> heard = new CopyOnWriteArrayList<>();
      other.load("a").await();
      other.onChangedElsewhere(heard::add);

      redis.stop();
      long started = System.nanoTime();
      assertThatThrownBy(() -> vault.save(sandbox("a", 2, "y"), 1).await())
          .isInstanceOf(VaultUnavailable.class)
          .hasMessageContaining("the sandbox store (Redis at 127.0.0.1:" + redis.port() + ")")
          .hasMessageContaining("changes are refused until it is back");
      assertThatThrownBy(() -> vault.load("a").await()).isInstanceOf(VaultUnavailable.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));

      redis.startAgain();
      vault.save(sandbox("b", 1, "back"), 0).await();
      assertThat(vault.load("b").await()).isPresent();
      // Whatever was announced while the subscription was down is lost, so the server that holds
      // "a" is told to refresh it once it is subscribed again.
      awaitSize(heard, 1);
      assertThat(heard).contains("a");
      // And it hears announcements again.
      heard.clear();
      vault.save(sandbox("c", 1, "after"), 0).await();
      awaitCondition(() -> heard.contains("c"));
    }
  }

  @Test
  void aConnectionToNoRedisFailsTheStartNamingTheAddress() {
    assertThatThrownBy(
            () -> RedisVault.connect(vertx, "redis://127.0.0.1:1", IDLE, Clock.systemUTC()).await())
        .isInstanceOf(VaultUnavailable.class)
        .hasMessageContaining("Redis at 127.0.0.1:1");
  }

  @Test
  void withAnAppendOnlyFileWhatRedisAcknowledgedSurvivesItsCrash() {
    try (RedisServer durable = RedisServer.startWithAppendOnlyFile()) {
      RedisVault onDurable =
          RedisVault.connect(vertx, durable.url(), IDLE, Clock.systemUTC()).await();
      try {
        onDurable.save(sandbox("kept", 1, "acknowledged"), 0).await();
        durable.kill();
        durable.startAgain();
        assertThat(onDurable.load("kept").await()).map(StoredSandbox::version).contains(1L);
      } finally {
        onDurable.close().await();
      }
    }
  }

  /** A second server's vault, closed (and waited for) at the end of the block. */
  private record Closing(RedisVault vault) implements AutoCloseable {
    @Override
    public void close() {
      vault.close().await();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitSize(List<String> list, int size) throws InterruptedException {
    awaitCondition(() -> list.size() >= size);
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
  }
}
