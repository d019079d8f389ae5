package dev.trafficlab.terminal;

/**
 * What was piped or redirected into a command, shared by the commands of a compound command so that
 * each `read` takes the next line (while read -r line; do ...; done).
 */
final class Stdin {
  private final String text;
  private int pos;

  private Stdin(String text) {
    this.text = text;
  }

  /** Null stays null: nothing was piped in. */
  static Stdin of(String text) {
    return text == null ? null : new Stdin(text);
  }

  /** What no read has taken yet. */
  String rest() {
    return pos == 0 ? text : text.substring(pos);
  }

  /**
   * The next line without its newline, or null at the end; {@code ended[0]} tells whether it ended
   * with a newline (read answers 1 for a last line without one, as bash does).
   */
  String readLine(boolean[] ended) {
    if (pos >= text.length()) {
      return null;
    }
    int nl = text.indexOf('\n', pos);
    String line;
    if (nl < 0) {
      line = text.substring(pos);
      pos = text.length();
      ended[0] = false;
    } else {
      line = text.substring(pos, nl);
      pos = nl + 1;
      ended[0] = true;
    }
    return line;
  }
}
