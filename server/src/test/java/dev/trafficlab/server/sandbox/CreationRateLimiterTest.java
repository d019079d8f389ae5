package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreationRateLimiterTest {
  private final MutableClock clock = new MutableClock();
  private final CreationRateLimiter limiter = new CreationRateLimiter(clock, 6, 3);

  @Test
  void allowsTheBurstThenRefusesWithTheWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("10.0.0.1")).isZero();
    }
    // 6 a minute: one every 10 s.
    assertThat(limiter.acquire("10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refillsAtTheSteadyRate() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.acquire("10.0.0.1")).isZero();
    assertThat(limiter.acquire("10.0.0.1")).isPositive();
  }

  @Test
  void addressesHaveTheirOwnBuckets() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("10.0.0.1");
    }
    assertThat(limiter.acquire("10.0.0.1")).isPositive();
    assertThat(limiter.acquire("10.0.0.2")).isZero();
  }

  @Test
  void pruneForgetsAddressesThatAreFullAgain() {
    limiter.acquire("10.0.0.1");
    limiter.acquire("10.0.0.2");
    assertThat(limiter.trackedAddresses()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(1));
    limiter.prune();
    assertThat(limiter.trackedAddresses()).isZero();
  }
}
