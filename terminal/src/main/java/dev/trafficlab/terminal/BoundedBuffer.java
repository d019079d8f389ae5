package dev.trafficlab.terminal;

/** A sink that keeps at most {@code max} characters and stops the run when more arrive. */
final class BoundedBuffer implements Sink {
  private final StringBuilder sb = new StringBuilder();
  private final int max;
  private final String what;

  BoundedBuffer(int max, String what) {
    this.max = max;
    this.what = what;
  }

  @Override
  public void write(String text) {
    if (sb.length() + text.length() > max) {
      sb.append(text, 0, Math.max(0, max - sb.length()));
      throw new ShellLimitException(
          what + " limit exceeded: at most " + max / 1024 + " KiB; the rest was dropped");
    }
    sb.append(text);
  }

  int length() {
    return sb.length();
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
