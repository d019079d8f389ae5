package dev.trafficlab.terminal.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as Go's encoding/json writes it: MarshalIndent with 4 spaces (kubectl -o json) or compact;
 * maps sorted.
 */
public final class Json {
  private Json() {}

  public static String pretty(Object v) {
    return pretty(v, "    ", true);
  }

  /**
   * @param sortKeys false keeps the maps' own order (Envoy config dumps print fields in proto
   *     order)
   */
  public static String pretty(Object v, String indent, boolean sortKeys) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, indent, 0, sortKeys);
    return sb.append('\n').toString();
  }

  public static String compact(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, null, 0, true);
    return sb.toString();
  }

  private static void write(
      StringBuilder sb, Object v, String indent, int level, boolean sortKeys) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      Map<String, Object> entries = sortKeys ? new TreeMap<>() : new java.util.LinkedHashMap<>();
      m.forEach((k, val) -> entries.put(String.valueOf(k), val));
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        newline(sb, indent, level + 1);
        string(sb, e.getKey());
        sb.append(indent == null ? ":" : ": ");
        write(sb, e.getValue(), indent, level + 1, sortKeys);
      }
      newline(sb, indent, level);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        newline(sb, indent, level + 1);
        write(sb, l.get(i), indent, level + 1, sortKeys);
      }
      newline(sb, indent, level);
      sb.append(']');
    } else if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Number n) {
      sb.append(number(n));
    } else {
      string(sb, v.toString());
    }
  }

  private static void newline(StringBuilder sb, String indent, int level) {
    if (indent != null) {
      sb.append('\n').append(indent.repeat(level));
    }
  }

  /** A number as Go prints a float64 that came from JSON: integral values without a fraction. */
  public static String number(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return String.valueOf((long) d);
    }
    String s = Double.toString(d);
    if (s.contains("E")) {
      s = s.replace("E", "e");
      if (!s.contains("e-")) {
        s = s.replace("e", "e+");
      }
    }
    return s;
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        default -> {
          if (c < 0x20) {
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
