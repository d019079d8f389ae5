package dev.trafficlab.terminal.commands.jq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as jq reads and writes it: objects keep their key order, numbers are doubles, null is {@link
 * #NULL}; several values may follow each other in one text. Printing is jq 1.6's: two-space indent,
 * only control characters escaped.
 */
public final class JsonText {
  /** JSON null (Java null is never a value). */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** How deeply arrays and objects may nest in input. */
  static final int MAX_DEPTH = 512;

  private final String src;
  private int pos;
  private int depth;

  private JsonText(String src) {
    this.src = src;
  }

  /** A malformed text; the message is jq's ("... at line L, column C"). */
  public static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Every value in the text, in order. */
  public static List<Object> parseAll(String text) throws Malformed {
    JsonText p = new JsonText(text);
    List<Object> out = new ArrayList<>();
    while (true) {
      p.skip();
      if (p.pos >= p.src.length()) {
        return out;
      }
      out.add(p.value());
    }
  }

  private Object value() throws Malformed {
    skip();
    if (pos >= src.length()) {
      throw error("Unfinished JSON term at EOF");
    }
    char c = src.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        break;
    }
    int start = pos;
    while (pos < src.length() && "{}[],:\" \t\r\n".indexOf(src.charAt(pos)) < 0) {
      pos++;
    }
    String word = src.substring(start, pos);
    switch (word) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return NULL;
      default:
        break;
    }
    if (word.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      return Double.parseDouble(word);
    }
    if (word.isEmpty()) {
      pos++;
      throw error("Expected value before '" + c + "'");
    }
    throw error("Invalid literal");
  }

  private Object object() throws Malformed {
    enter();
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    skip();
    if (at('}')) {
      pos++;
      depth--;
      return m;
    }
    while (true) {
      skip();
      if (!at('"')) {
        throw error(
            pos >= src.length() ? "Unfinished JSON term at EOF" : "Object keys must be strings");
      }
      String k = string();
      skip();
      if (!at(':')) {
        throw error(
            pos >= src.length()
                ? "Unfinished JSON term at EOF"
                : "Objects must consist of key:value pairs");
      }
      pos++;
      m.put(k, value());
      skip();
      if (at(',')) {
        pos++;
      } else if (at('}')) {
        pos++;
        depth--;
        return m;
      } else {
        throw error(
            pos >= src.length()
                ? "Unfinished JSON term at EOF"
                : "Expected separator between values");
      }
    }
  }

  private Object array() throws Malformed {
    enter();
    pos++;
    List<Object> l = new ArrayList<>();
    skip();
    if (at(']')) {
      pos++;
      depth--;
      return l;
    }
    while (true) {
      l.add(value());
      skip();
      if (at(',')) {
        pos++;
      } else if (at(']')) {
        pos++;
        depth--;
        return l;
      } else {
        throw error(
            pos >= src.length()
                ? "Unfinished JSON term at EOF"
                : "Expected separator between values");
      }
    }
  }

  private String string() throws Malformed {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (pos + 4 > src.length()) {
              throw error("Invalid escape");
            }
            try {
              sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("Invalid escape");
            }
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw error("Unfinished JSON term at EOF");
  }

  private void enter() throws Malformed {
    if (++depth > MAX_DEPTH) {
      throw error("Exceeds depth limit for parsing");
    }
  }

  private boolean at(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  private void skip() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private Malformed error(String what) {
    int line = 1;
    int col = 0;
    for (int i = 0; i < Math.min(pos, src.length()); i++) {
      if (src.charAt(i) == '\n') {
        line++;
        col = 0;
      } else {
        col++;
      }
    }
    return new Malformed(what + " at line " + line + ", column " + col);
  }

  // ---- printing ----

  /** jq's output of one value: indented with two spaces, or on one line (-c). */
  public static String print(Object v, boolean compact, boolean sortKeys) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, compact, sortKeys, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, boolean compact, boolean sort, int level) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      List<?> keys = new ArrayList<>(m.keySet());
      if (sort) {
        keys.sort((a, b) -> ((String) a).compareTo((String) b));
      }
      boolean first = true;
      for (Object k : keys) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, compact, level + 1);
        quote(sb, (String) k);
        sb.append(compact ? ":" : ": ");
        write(sb, m.get(k), compact, sort, level + 1);
      }
      newline(sb, compact, level);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        newline(sb, compact, level + 1);
        write(sb, l.get(i), compact, sort, level + 1);
      }
      newline(sb, compact, level);
      sb.append(']');
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Double d) {
      sb.append(number(d));
    } else {
      sb.append(v);
    }
  }

  private static void newline(StringBuilder sb, boolean compact, int level) {
    if (!compact) {
      sb.append('\n').append("  ".repeat(level));
    }
  }

  /** jq 1.6's number text: integers plainly, others shortest, exponents as 1e+20 and 1e-05. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "null";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "1.7976931348623157e+308" : "-1.7976931348623157e+308";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e17) {
      return Long.toString((long) d);
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
