package dev.trafficlab.server.durable;

/**
 * The store sandboxes are kept in does not answer (Redis stopped or unreachable). Changes are
 * refused with this message until it is back; what a server has cached can still be read.
 */
public final class VaultUnavailable extends RuntimeException {
  public VaultUnavailable(String store, String why) {
    super(
        "the sandbox store ("
            + store
            + ") is not answering"
            + (why == null || why.isBlank() ? "" : " (" + why + ")")
            + ": changes are refused until it is back; try again in a moment",
        null,
        false,
        false);
  }
}
