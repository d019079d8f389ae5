package dev.trafficlab.bookinfo;

/**
 * The data plane refuses more work from this sandbox for now (its batches, or the server's, are at
 * their limit). The message names the limit and is meant for the learner; the server answers 429
 * with Retry-After.
 */
public final class MeshBusyException extends RuntimeException {
  private final long retryAfterSeconds;

  public MeshBusyException(String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
