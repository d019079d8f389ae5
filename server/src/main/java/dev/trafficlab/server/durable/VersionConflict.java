package dev.trafficlab.server.durable;

/** A save lost a race: the stored sandbox changed since the version the saver had read. */
public final class VersionConflict extends RuntimeException {
  private final long stored;

  public VersionConflict(String id, long expected, long stored) {
    super("sandbox " + id + " is at version " + stored + ", not " + expected, null, false, false);
    this.stored = stored;
  }

  /** The version the vault holds. */
  public long stored() {
    return stored;
  }
}
