package dev.trafficlab.terminal;

/** Ctrl+C reached a checkpoint: unwinds the whole command line, which ends with status 130. */
final class InterruptSignal extends RuntimeException {
  /** bash's status for a command ended by SIGINT (128 + 2). */
  static final int STATUS = 130;

  InterruptSignal() {
    super(null, null, false, false);
  }
}
