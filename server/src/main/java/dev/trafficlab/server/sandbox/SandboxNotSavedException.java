package dev.trafficlab.server.sandbox;

/**
 * A change was made but could not be kept in the sandbox store (disk full, store unreachable): the
 * learner is told rather than left to believe it will survive a restart. The HTTP edge answers 503.
 */
public final class SandboxNotSavedException extends RuntimeException {
  public SandboxNotSavedException(Throwable cause) {
    super(
        "the sandbox store could not keep this change ("
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
            + "); it is applied for now but may be lost if the server restarts",
        cause,
        false,
        false);
  }
}
