package dev.trafficlab.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so expiry and rate limits are checked without waiting. One made by
 * {@link #followingSystemTime()} also moves with real time: pods then start as the data plane
 * starts them (their lifecycle is a function of time), which tests that wait for a pod need.
 */
public final class MutableClock extends Clock {
  private final Clock ticking;
  private volatile Instant now;

  public MutableClock(Instant start) {
    this(start, null);
  }

  private MutableClock(Instant start, Clock ticking) {
    this.now = start;
    this.ticking = ticking;
  }

  /** Real time, still movable by {@link #advance}. */
  public static MutableClock followingSystemTime() {
    return new MutableClock(Instant.EPOCH, Clock.systemUTC());
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
    if (ticking != null) {
      // now holds how far the test moved this clock, counted from the epoch
      return ticking.instant().plusMillis(now.toEpochMilli());
    }
    return now;
  }
}
