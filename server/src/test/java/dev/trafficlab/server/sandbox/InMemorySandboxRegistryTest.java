package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.server.MutableClock;
import dev.trafficlab.server.lessons.LessonCatalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemorySandboxRegistryTest {
  private final MutableClock clock = new MutableClock();
  static final LessonCatalog LESSONS = LessonCatalog.fromClasspath();

  private InMemorySandboxRegistry registry(int max, int burst) {
    return new InMemorySandboxRegistry(
        clock, Duration.ofHours(2), max, LESSONS, null, new CreationRateLimiter(clock, 30, burst));
  }

  @Test
  void findsASandboxByIdAndByPageKeyButNotOneByTheOther() {
    InMemorySandboxRegistry registry = registry(10, 10);
    Sandbox sandbox = registry.create(StartState.LESSON, "10.0.0.1");
    assertThat(registry.byId(sandbox.id())).containsSame(sandbox);
    assertThat(registry.byPageKey(sandbox.pageKey())).containsSame(sandbox);
    assertThat(registry.byId(sandbox.pageKey())).isEmpty();
    assertThat(registry.byPageKey(sandbox.id())).isEmpty();
    assertThat(sandbox.pageKey()).isNotEqualTo(sandbox.id());
    assertThat(sandbox.csrfToken()).isNotIn(sandbox.id(), sandbox.pageKey());
  }

  @Test
  void aLookupMarksTheSandboxUsed() {
    InMemorySandboxRegistry registry = registry(10, 10);
    Sandbox sandbox = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofMinutes(30));
    registry.byId(sandbox.id());
    assertThat(sandbox.lastUsedAt()).isEqualTo(clock.instant());
    clock.advance(Duration.ofMinutes(30));
    registry.byPageKey(sandbox.pageKey());
    assertThat(sandbox.lastUsedAt()).isEqualTo(clock.instant());
  }

  @Test
  void expiresSandboxesIdleLongerThanTheTimeoutOnly() {
    InMemorySandboxRegistry registry = registry(10, 10);
    Sandbox idle = registry.create(StartState.LESSON, "10.0.0.1");
    Sandbox active = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofMinutes(90));
    registry.byId(active.id());
    clock.advance(Duration.ofMinutes(31));
    assertThat(registry.expireIdle()).isEqualTo(1);
    assertThat(registry.byId(idle.id())).isEmpty();
    assertThat(registry.byPageKey(idle.pageKey())).isEmpty();
    assertThat(registry.byId(active.id())).isPresent();
  }

  @Test
  void aSandboxPastItsIdleTimeIsGoneEvenBeforeTheSweep() {
    InMemorySandboxRegistry registry = registry(10, 10);
    Sandbox sandbox = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofHours(2).plusSeconds(1));
    assertThat(registry.byId(sandbox.id())).isEmpty();
    assertThat(registry.size()).isZero();
  }

  @Test
  void atTheCapTheLeastRecentlyUsedSandboxIsEvicted() {
    InMemorySandboxRegistry registry = registry(3, 10);
    Sandbox first = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofSeconds(1));
    Sandbox second = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofSeconds(1));
    Sandbox third = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofSeconds(1));
    registry.byId(first.id());
    clock.advance(Duration.ofSeconds(1));
    Sandbox fourth = registry.create(StartState.LESSON, "10.0.0.1");
    assertThat(registry.size()).isEqualTo(3);
    assertThat(registry.byId(second.id())).isEmpty();
    assertThat(registry.byId(first.id())).isPresent();
    assertThat(registry.byId(third.id())).isPresent();
    assertThat(registry.byId(fourth.id())).isPresent();
  }

  @Test
  void creationIsRateLimitedPerClientAddress() {
    InMemorySandboxRegistry registry = registry(100, 2);
    registry.create(StartState.LESSON, "10.0.0.1");
    registry.create(StartState.LESSON, "10.0.0.1");
    assertThatThrownBy(() -> registry.create(StartState.LESSON, "10.0.0.1"))
        .isInstanceOf(SandboxRateLimitedException.class)
        .hasMessageContaining("try again in 2 seconds");
    assertThat(registry.create(StartState.LESSON, "10.0.0.2")).isNotNull();
    assertThat(registry.size()).isEqualTo(3);
  }

  @Test
  void removeForgetsIdAndPageKey() {
    InMemorySandboxRegistry registry = registry(10, 10);
    Sandbox sandbox = registry.create(StartState.NONE, "10.0.0.1");
    assertThat(registry.remove(sandbox.id())).isTrue();
    assertThat(registry.remove(sandbox.id())).isFalse();
    assertThat(registry.byPageKey(sandbox.pageKey())).isEmpty();
  }

  @Test
  void sandboxesShareTheStartSnapshotInsteadOfBuildingOne() {
    InMemorySandboxRegistry registry = registry(10, 10);
    Sandbox a = registry.create(StartState.LESSON, "10.0.0.1");
    Sandbox b = registry.create(StartState.LESSON, "10.0.0.1");
    Sandbox none = registry.create(StartState.NONE, "10.0.0.1");
    assertThat(a.snapshot()).isSameAs(b.snapshot()).isSameAs(LESSONS.defaultLesson().start());
    assertThat(none.snapshot().objects()).isEmpty();
    assertThat(registry.create(StartState.NONE, "10.0.0.1").snapshot()).isSameAs(none.snapshot());
  }

  @Test
  void atTheCapAnAddressReplacesItsOwnSandboxBeforeAnyoneElses() {
    InMemorySandboxRegistry registry = registry(3, 100);
    Sandbox learner = registry.create(StartState.LESSON, "10.0.0.1");
    clock.advance(Duration.ofSeconds(1));
    Sandbox other = registry.create(StartState.LESSON, "10.0.0.2");
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 20; i++) {
      registry.create(StartState.LESSON, "10.0.0.66");
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(registry.size()).isEqualTo(3);
    assertThat(registry.byId(learner.id())).isPresent();
    assertThat(registry.byId(other.id())).isPresent();
  }

  @Test
  void aReservationCostsNothingUntilUsedAndIsNotMadeAgainOnceGone() {
    InMemorySandboxRegistry registry = registry(10, 10);
    SandboxRegistry.Reservation r = registry.reserve();
    assertThat(registry.size()).isZero();
    assertThat(registry.fate(r.id())).isEqualTo(SandboxRegistry.Fate.RESERVED);
    Sandbox made = registry.useByPageKey(r.pageKey(), "10.0.0.1").orElseThrow();
    assertThat(made.id()).isEqualTo(r.id());
    assertThat(made.csrfToken()).isEqualTo(r.csrfToken());
    assertThat(registry.use(r.id(), "10.0.0.1")).containsSame(made);
    assertThat(registry.size()).isEqualTo(1);
    clock.advance(Duration.ofHours(3));
    registry.expireIdle();
    assertThat(registry.fate(r.id())).isEqualTo(SandboxRegistry.Fate.EXPIRED);
    assertThat(registry.use(r.id(), "10.0.0.1")).isEmpty();
    assertThat(registry.size()).isZero();
  }
}
