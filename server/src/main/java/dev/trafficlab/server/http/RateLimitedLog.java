package dev.trafficlab.server.http;

import java.util.function.LongSupplier;

/**
 * Error lines with a budget: up to {@code burst} at once, then one per {@code interval}; lines over
 * the budget are counted, and the next line written says how many were left out. A request that
 * fails the same way in a loop costs the log a few lines a minute, not megabytes.
 */
final class RateLimitedLog {
  static final int BURST = 10;
  static final long INTERVAL_NANOS = 6_000_000_000L;

  private final System.Logger logger;
  private final LongSupplier nanoTime;
  private double tokens = BURST;
  private long refilledAt;
  private long suppressed;

  RateLimitedLog(System.Logger logger) {
    this(logger, System::nanoTime);
  }

  RateLimitedLog(System.Logger logger, LongSupplier nanoTime) {
    this.logger = logger;
    this.nanoTime = nanoTime;
    this.refilledAt = nanoTime.getAsLong();
  }

  /** Logs at ERROR with the stack trace, unless over budget. */
  void log(String message, Throwable error) {
    long left;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      tokens = Math.min(BURST, tokens + (now - refilledAt) / (double) INTERVAL_NANOS);
      refilledAt = now;
      if (tokens < 1) {
        suppressed++;
        return;
      }
      tokens -= 1;
      left = suppressed;
      suppressed = 0;
    }
    String text =
        left == 0
            ? message
            : message + " (" + left + " similar error lines left out before this one)";
    logger.log(System.Logger.Level.ERROR, text, error);
  }

  synchronized long suppressed() {
    return suppressed;
  }
}
