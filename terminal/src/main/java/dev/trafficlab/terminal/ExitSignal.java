package dev.trafficlab.terminal;

/** `exit N`: unwinds the running script (or command line) with that code. */
final class ExitSignal extends RuntimeException {
  final int code;

  ExitSignal(int code) {
    super(null, null, false, false);
    this.code = code;
  }
}
