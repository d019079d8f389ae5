package dev.trafficlab.terminal;

/**
 * A terminal session's output: hands each write on to the session at once (nothing is held), counts
 * what passed against {@link Budget#LIVE_MAX_OUTPUT_CHARS}, and drops writes once the line ended (a
 * late write from an interrupted command never lands after the next prompt).
 */
final class LiveSink implements Sink {
  private final Sink terminal;
  private final int max;
  private long written;
  private char last = '\n';
  private volatile boolean closed;

  LiveSink(Sink terminal, int max) {
    this.terminal = terminal;
    this.max = max;
  }

  @Override
  public void write(String text) {
    if (closed || text.isEmpty()) {
      return;
    }
    if (written + text.length() > max) {
      String part = text.substring(0, (int) Math.max(0, max - written));
      pass(part);
      throw new ShellLimitException(
          "output limit exceeded: at most " + max / 1024 + " KiB; the rest was dropped");
    }
    pass(text);
  }

  private void pass(String text) {
    if (text.isEmpty()) {
      return;
    }
    written += text.length();
    last = text.charAt(text.length() - 1);
    terminal.write(text);
  }

  /** True when the last character written ended a line (or nothing was written). */
  boolean atLineStart() {
    return last == '\n';
  }

  /** Writes past the limit and after the end (the ^C and limit messages of the shell itself). */
  void writeFinal(String text) {
    if (!closed) {
      pass(text);
    }
  }

  void close() {
    closed = true;
  }
}
