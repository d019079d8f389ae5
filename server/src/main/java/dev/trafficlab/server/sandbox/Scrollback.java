package dev.trafficlab.server.sandbox;

import java.util.ArrayDeque;

/**
 * What one terminal of a sandbox showed: its last {@link #MAX_LINES} lines (prompts, the lines the
 * learner entered, output), drawn again when the page is reloaded or another step is opened.
 * Bounded in lines and characters, so a noisy loop keeps the newest screenfuls and never grows the
 * heap. Sessions on different event loops may write the same terminal, so every method is
 * synchronized.
 */
public final class Scrollback {
  public static final int MAX_LINES = 2_000;

  /** 2,000 lines of 128 characters: a wide table's lines fit, a runaway one is cut. */
  public static final int MAX_CHARS = MAX_LINES * 128;

  /** A single line longer than this keeps its start only (a minified JSON blob, a long base64). */
  public static final int MAX_LINE_CHARS = 4_096;

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private long chars;

  /** Adds text as the terminal received it ({@code \n} ends a line). */
  public synchronized void append(String text) {
    int start = 0;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      String piece = nl < 0 ? text.substring(start) : text.substring(start, nl);
      int room = MAX_LINE_CHARS - partial.length();
      partial.append(piece, 0, Math.max(0, Math.min(room, piece.length())));
      if (nl < 0) {
        break;
      }
      lines.addLast(partial.toString());
      chars += partial.length() + 1;
      partial.setLength(0);
      start = nl + 1;
    }
    while (lines.size() > MAX_LINES || (chars > MAX_CHARS && !lines.isEmpty())) {
      chars -= lines.removeFirst().length() + 1;
    }
  }

  /** Everything kept, as one text to write to a fresh terminal. */
  public synchronized String text() {
    StringBuilder out = new StringBuilder((int) chars + partial.length());
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.append(partial).toString();
  }

  public synchronized int lineCount() {
    return lines.size() + (partial.isEmpty() ? 0 : 1);
  }

  /** Ctrl+L or `clear`: the screen starts empty, also after a reload. */
  public synchronized void clear() {
    lines.clear();
    partial.setLength(0);
    chars = 0;
  }
}
