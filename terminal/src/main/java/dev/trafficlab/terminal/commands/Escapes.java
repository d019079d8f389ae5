package dev.trafficlab.terminal.commands;

/** Backslash escapes of echo -e and printf. */
final class Escapes {
  private Escapes() {}

  /** The text, and whether a \c asked to stop output there. */
  record Result(String text, boolean stop) {}

  static Result interpret(String s, boolean allowStop) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'e', 'E' -> sb.append('\u001b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000b');
        case '\\' -> sb.append('\\');
        case 'c' -> {
          if (allowStop) {
            return new Result(sb.toString(), true);
          }
          sb.append("\\c");
        }
        case '0' -> {
          int v = 0;
          int k = 0;
          while (k < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
            v = v * 8 + (s.charAt(++i) - '0');
            k++;
          }
          sb.append((char) v);
        }
        default -> sb.append('\\').append(n);
      }
    }
    return new Result(sb.toString(), false);
  }
}
