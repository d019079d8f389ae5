package dev.trafficlab.server.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for sandbox creation: {@code burst} at once, then {@code
 * perMinute}. Stops one script from creating enough sandboxes to evict every learner.
 */
public final class CreationRateLimiter {
  private final Clock clock;
  private final double capacity;
  private final double tokensPerMilli;
  private final int burst;
  private final Duration sharedWindow;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public CreationRateLimiter(Clock clock, int perMinute, int burst) {
    this.clock = clock;
    this.capacity = burst;
    this.tokensPerMilli = perMinute / 60_000.0;
    this.burst = burst;
    this.sharedWindow = Duration.ofMillis(Math.max(1_000, burst * 60_000L / perMinute));
  }

  /** How many creations one address may make at once (and in each {@link #sharedWindow}). */
  public int burst() {
    return burst;
  }

  /**
   * The window of the count servers share (a counter in their store, not a bucket): {@code burst}
   * creations per window of {@code burst / perMinute} minutes keeps both the burst and the long-run
   * rate of the bucket.
   */
  public Duration sharedWindow() {
    return sharedWindow;
  }

  /**
   * Takes one creation for this address; when none is left, how long until one is.
   *
   * @return {@link Duration#ZERO} when allowed, else the wait
   */
  public Duration acquire(String address) {
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(capacity, now));
    synchronized (bucket) {
      bucket.refill(now, capacity, tokensPerMilli);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / tokensPerMilli));
    }
  }

  /**
   * Forgets addresses whose bucket is full again, so the map does not grow with every address ever
   * seen.
   */
  public void prune() {
    long now = clock.millis();
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket bucket = it.next();
      synchronized (bucket) {
        bucket.refill(now, capacity, tokensPerMilli);
        if (bucket.tokens >= capacity) {
          it.remove();
        }
      }
    }
  }

  int trackedAddresses() {
    return buckets.size();
  }

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }

    void refill(long now, double capacity, double perMilli) {
      if (now > updatedAt) {
        tokens = Math.min(capacity, tokens + (now - updatedAt) * perMilli);
        updatedAt = now;
      }
    }
  }
}
