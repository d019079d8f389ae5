package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.server.MutableClock;
import dev.trafficlab.server.durable.EmbeddedVault;
import dev.trafficlab.server.durable.SandboxStateCodec;
import dev.trafficlab.server.durable.VaultSandboxStore;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.SandboxRegistry.Fate;
import dev.trafficlab.server.sandbox.SandboxRegistry.Reservation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over a real embedded store in a temporary directory. */
class DurableRegistryTest {
  private static final LessonCatalog LESSONS = InMemorySandboxRegistryTest.LESSONS;
  private static final String VS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination: {host: reviews, subset: v2}
      """;

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();
  private EmbeddedVault vault;

  @AfterEach
  void close() {
    if (vault != null) {
      vault.close().await();
    }
    vertx.close().await();
  }

  /** A registry on the store in {@code dir}, as a server started now would make it. */
  private InMemorySandboxRegistry registry(int max) {
    if (vault == null) {
      vault = EmbeddedVault.open(vertx, dir, clock).await();
    }
    SharedKeys keys = VaultSandboxStore.sharedKeys(vault).await();
    return new InMemorySandboxRegistry(
        clock,
        Duration.ofHours(2),
        max,
        LESSONS,
        null,
        new CreationRateLimiter(clock, 1000, 1000),
        new VaultSandboxStore(
            vertx, vault, new SandboxStateCodec(LESSONS), null, clock, Duration.ofHours(2)),
        keys);
  }

  /** The server is killed: a new registry over the same file, nothing in memory. */
  private InMemorySandboxRegistry restart(int max) {
    vault.crash().await();
    vault = null;
    return registry(max);
  }

  private static Future<Void> apply(Sandbox sandbox, String yaml) {
    return sandbox.serially(
        () -> {
          sandbox.config().apply(yaml, "default", "vs.yaml", ApplyMode.APPLY);
          return Future.succeededFuture();
        });
  }

  private static boolean hasReviewsRule(Sandbox sandbox) {
    return !reviewsRule(sandbox).isEmpty();
  }

  /** The reviews VirtualService's spec as text, empty when there is none. */
  private static String reviewsRule(Sandbox sandbox) {
    return sandbox.snapshot().objects().values().stream()
        .filter(r -> r.kind() == ResourceKind.VIRTUAL_SERVICE && r.name().equals("reviews"))
        .map(r -> r.rawSpec().toString())
        .findFirst()
        .orElse("");
  }

  @Test
  void aChangeAnsweredBeforeACrashIsThereAfterIt() {
    InMemorySandboxRegistry before = registry(10);
    Sandbox sandbox = before.create(StartState.NONE, "10.0.0.1");
    apply(sandbox, VS).await();

    InMemorySandboxRegistry after = restart(10);
    assertThat(after.byId(sandbox.id())).isEmpty();
    Sandbox restored = after.restore(sandbox.id()).await().orElseThrow();
    assertThat(hasReviewsRule(restored)).isTrue();
    assertThat(restored.pageKey()).isEqualTo(sandbox.pageKey());
    assertThat(restored.csrfToken()).isEqualTo(sandbox.csrfToken());
    assertThat(after.byId(sandbox.id())).containsSame(restored);
    assertThat(after.byPageKey(sandbox.pageKey())).containsSame(restored);
    assertThat(after.fate(sandbox.id())).isEqualTo(Fate.LIVE);
  }

  @Test
  void aRestoredSandboxIsFoundByItsPageKeyAndKeepsBeingSaved() {
    InMemorySandboxRegistry before = registry(10);
    Sandbox sandbox = before.create(StartState.NONE, "10.0.0.1");
    sandbox.kept().await();

    InMemorySandboxRegistry after = restart(10);
    Sandbox restored = after.restoreByPageKey(sandbox.pageKey()).await().orElseThrow();
    apply(restored, VS).await();

    InMemorySandboxRegistry third = restart(10);
    assertThat(hasReviewsRule(third.restore(sandbox.id()).await().orElseThrow())).isTrue();
  }

  @Test
  void reservedIdsPageKeysAndCookiesOutliveARestart() {
    InMemorySandboxRegistry before = registry(10);
    Reservation r = before.reserve();
    Sandbox used = before.use(r.id(), "10.0.0.1").orElseThrow();
    apply(used, VS).await();

    InMemorySandboxRegistry after = restart(10);
    assertThat(after.bootId()).isEqualTo(before.bootId());
    assertThat(after.reservation(r.id())).contains(r);
    Sandbox restored = after.restore(r.id()).await().orElseThrow();
    assertThat(after.fate(r.id())).isEqualTo(Fate.LIVE);
    assertThat(restored.csrfToken()).isEqualTo(r.csrfToken());
    assertThat(hasReviewsRule(restored)).isTrue();
  }

  @Test
  void theCapEvictsFromMemoryOnlyAndTheNextUseBringsTheSandboxBack() {
    InMemorySandboxRegistry registry = registry(1);
    Sandbox first = registry.create(StartState.NONE, "10.0.0.1");
    apply(first, VS).await();
    clock.advance(Duration.ofSeconds(1));
    Sandbox second = registry.create(StartState.NONE, "10.0.0.2");
    second.kept().await();

    assertThat(registry.byId(first.id())).isEmpty();
    assertThat(registry.fate(first.id())).isNotIn(Fate.EVICTED, Fate.DELETED, Fate.EXPIRED);
    Sandbox back = registry.restore(first.id()).await().orElseThrow();
    assertThat(hasReviewsRule(back)).isTrue();
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.byId(second.id())).isEmpty();
  }

  @Test
  void expiryRemovesSandboxesFromTheStoreTooEvenOnesNotInMemory() {
    InMemorySandboxRegistry before = registry(10);
    Sandbox inMemory = before.create(StartState.NONE, "10.0.0.1");
    inMemory.kept().await();
    Sandbox storedOnly = before.create(StartState.NONE, "10.0.0.1");
    storedOnly.kept().await();

    InMemorySandboxRegistry after = restart(10);
    Sandbox loaded = after.restore(inMemory.id()).await().orElseThrow();
    clock.advance(Duration.ofHours(2).plusMinutes(1));
    assertThat(after.expireIdle()).isEqualTo(1);
    // the store's own sweep runs after the memory's, on the store's thread
    assertThat(vault.size().await()).isZero();
    assertThat(after.restore(storedOnly.id()).await()).isEmpty();
    assertThat(after.restore(loaded.id()).await()).isEmpty();
  }

  @Test
  void aSandboxStoredLongerAgoThanTheIdleTimeIsNotBroughtBack() {
    InMemorySandboxRegistry before = registry(10);
    Reservation r = before.reserve();
    before.use(r.id(), "10.0.0.1").orElseThrow().kept().await();

    InMemorySandboxRegistry after = restart(10);
    clock.advance(Duration.ofHours(3));
    assertThat(after.restore(r.id()).await()).isEmpty();
    assertThat(after.fate(r.id())).isEqualTo(Fate.EXPIRED);
    assertThat(vault.load(r.id()).await()).isEmpty();
  }

  @Test
  void aDeletedSandboxIsGoneFromTheStore() {
    InMemorySandboxRegistry registry = registry(10);
    Sandbox sandbox = registry.create(StartState.NONE, "10.0.0.1");
    sandbox.kept().await();
    assertThat(registry.remove(sandbox.id())).isTrue();
    assertThat(vault.load(sandbox.id()).await()).isEmpty();
  }

  @Test
  void aLearnerBackAfterARestartIsToldTheirSandboxExpiredBeforeIt() {
    InMemorySandboxRegistry before = registry(10);
    Reservation r = before.reserve();
    before.use(r.id(), "10.0.0.1").orElseThrow().kept().await();
    clock.advance(Duration.ofHours(2).plusMinutes(1));
    before.expireIdle();
    assertThat(vault.size().await()).isZero();

    InMemorySandboxRegistry after = restart(10);
    assertThat(after.restore(r.id()).await()).isEmpty();
    assertThat(after.fate(r.id())).isEqualTo(Fate.EXPIRED);
    // and the cookie does not quietly make a new sandbox under the old id
    assertThat(after.use(r.id(), "10.0.0.1")).isEmpty();
  }

  @Test
  void aLearnerBackAfterARestartIsToldTheyDeletedTheirSandbox() {
    InMemorySandboxRegistry before = registry(10);
    Reservation r = before.reserve();
    before.use(r.id(), "10.0.0.1").orElseThrow().kept().await();
    assertThat(before.remove(r.id())).isTrue();

    InMemorySandboxRegistry after = restart(10);
    assertThat(after.restore(r.id()).await()).isEmpty();
    assertThat(after.fate(r.id())).isEqualTo(Fate.DELETED);
  }

  @Test
  void aReservationNeverUsedBeforeARestartIsStillJustReserved() {
    InMemorySandboxRegistry before = registry(10);
    Reservation r = before.reserve();

    InMemorySandboxRegistry after = restart(10);
    assertThat(after.restore(r.id()).await()).isEmpty();
    assertThat(after.fate(r.id())).isEqualTo(Fate.RESERVED);
    assertThat(after.use(r.id(), "10.0.0.1")).isPresent();
  }

  @Test
  void aStaleCopyCannotOverwriteANewerSave() {
    InMemorySandboxRegistry registry = registry(10);
    Sandbox sandbox = registry.create(StartState.NONE, "10.0.0.1");
    sandbox.kept().await();
    // another registry on the same store (as a second server on Redis would be) saves first
    InMemorySandboxRegistry other = registry(10);
    Sandbox copy = other.restore(sandbox.id()).await().orElseThrow();
    apply(copy, VS).await();

    assertThatThrownBy(() -> apply(sandbox, VS.replace("v2", "v3")).await())
        .isInstanceOf(SandboxNotSavedException.class)
        .hasMessageContaining("could not keep this change");
    InMemorySandboxRegistry after = restart(10);
    assertThat(reviewsRule(after.restore(sandbox.id()).await().orElseThrow()))
        .contains("subset=v2")
        .doesNotContain("subset=v3");
  }

  @Test
  void withoutAStoreNothingIsRestored() {
    InMemorySandboxRegistry memory =
        new InMemorySandboxRegistry(
            clock,
            Duration.ofHours(2),
            10,
            LESSONS,
            null,
            new CreationRateLimiter(clock, 1000, 1000));
    Sandbox sandbox = memory.create(StartState.NONE, "10.0.0.1");
    assertThat(memory.restore(sandbox.id()).await()).containsSame(sandbox);
    assertThat(memory.restore("AAAAAAAAAAAAAAAAAAAAAAAA").await()).isEmpty();
  }
}
