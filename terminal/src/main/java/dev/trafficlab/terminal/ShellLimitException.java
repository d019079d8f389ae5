package dev.trafficlab.terminal;

/** A limit of the lab's shell was exceeded; the message says which, and the run stops. */
public final class ShellLimitException extends RuntimeException {
  public ShellLimitException(String message) {
    super(message, null, false, false);
  }
}
