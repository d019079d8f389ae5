package dev.trafficlab.server.sandbox;

import java.time.Duration;

/**
 * This client address created too many sandboxes recently; the HTTP edge answers 429 with
 * Retry-After.
 */
public final class SandboxRateLimitedException extends RuntimeException {
  private final long retryAfterSeconds;

  public SandboxRateLimitedException(Duration retryAfter) {
    this(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
  }

  private SandboxRateLimitedException(long seconds) {
    super(
        "too many new sandboxes from your address: try again in "
            + seconds
            + (seconds == 1 ? " second" : " seconds"),
        null,
        false,
        false);
    this.retryAfterSeconds = seconds;
  }

  /** Whole seconds, rounded up, at least 1: the Retry-After header value. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
