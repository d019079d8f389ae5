package dev.trafficlab.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so expiry and rate limits are checked without waiting. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /** System.nanoTime() when a running clock started; null for a clock that only moves by hand. */
  private final Long runningSince;

  public MutableClock(Instant start) {
    this(start, null);
  }

  private MutableClock(Instant start, Long runningSince) {
    this.now = start;
    this.runningSince = runningSince;
  }

  /**
   * A clock that also moves with real time, for tests where time must pass during one command
   * (kubectl wait for a pod that starts in a few seconds).
   */
  public static MutableClock running() {
    return new MutableClock(Instant.parse("2026-01-15T10:00:00Z"), System.nanoTime());
  }

  public MutableClock() {
    this(Instant.parse("2026-01-15T10:00:00Z"));
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return runningSince == null ? now : now.plusNanos(System.nanoTime() - runningSince);
  }
}
