package dev.trafficlab.terminal;

/** return, break and continue: unwind to the function or loop that handles them. */
final class ControlSignal extends RuntimeException {
  enum Kind {
    RETURN,
    BREAK,
    CONTINUE
  }

  final Kind kind;

  /** The status for return; the number of loops left to leave for break and continue. */
  final int value;

  ControlSignal(Kind kind, int value) {
    super(null, null, false, false);
    this.kind = kind;
    this.value = value;
  }
}
