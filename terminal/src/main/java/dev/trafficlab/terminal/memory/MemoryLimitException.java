package dev.trafficlab.terminal.memory;

/**
 * A sandbox's memory limit would be exceeded; the message names the limit, and the command line
 * stops.
 */
public final class MemoryLimitException extends RuntimeException {
  public MemoryLimitException(String message) {
    super(message, null, false, false);
  }
}
