package dev.trafficlab.server.sandbox;

/**
 * This server's copy of a sandbox is older than the stored one: another server changed it a moment
 * ago and the announcement had not arrived yet. Nothing was changed here; the copy is dropped, so
 * the same request made again works on the latest state.
 */
public final class SandboxChangedElsewhere extends RuntimeException {
  public SandboxChangedElsewhere(String id) {
    super(
        "sandbox "
            + id
            + " was changed on another server a moment ago: nothing was changed here; try again",
        null,
        false,
        false);
  }
}
