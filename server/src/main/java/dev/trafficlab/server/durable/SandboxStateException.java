package dev.trafficlab.server.durable;

/**
 * A saved sandbox state this server cannot take back: written by a newer version, damaged, or for a
 * lesson this server no longer has. The message says which, for the operator's log and the
 * learner's notice.
 */
public final class SandboxStateException extends RuntimeException {
  public SandboxStateException(String message) {
    super(message);
  }

  public SandboxStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
