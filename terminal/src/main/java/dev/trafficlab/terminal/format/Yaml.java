package dev.trafficlab.terminal.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * YAML as kubectl prints it (sigs.k8s.io/yaml over go-yaml v2): map keys sorted, list items at the
 * key's indentation, strings quoted only when plain text would read back as something else.
 */
public final class Yaml {
  private Yaml() {}

  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?0[xX][0-9a-fA-F]+|0o?[0-7]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
              + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*");
  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y",
          "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
          "OFF", "<<");

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      map(sb, m, 0);
    } else if (value instanceof List<?> l && !l.isEmpty()) {
      list(sb, l, 0);
    } else {
      sb.append(inline(value)).append('\n');
    }
    return sb.toString();
  }

  private static void map(StringBuilder sb, Map<?, ?> m, int indent) {
    Map<String, Object> sorted = new TreeMap<>();
    m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      pad(sb, indent);
      sb.append(scalar(e.getKey())).append(':');
      value(sb, e.getValue(), indent, false);
    }
  }

  private static void list(StringBuilder sb, List<?> l, int indent) {
    for (Object item : l) {
      pad(sb, indent);
      sb.append('-');
      value(sb, item, indent, true);
    }
  }

  /** After "key:" or "-": the value inline, or nested on the next lines. */
  private static void value(StringBuilder sb, Object v, int indent, boolean inList) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      if (inList) {
        // "- " then the first key on the same line, the rest aligned under it
        StringBuilder inner = new StringBuilder();
        map(inner, m, indent + 2);
        sb.append(' ').append(inner.substring(indent + 2));
      } else {
        sb.append('\n');
        map(sb, m, indent + 2);
      }
    } else if (v instanceof List<?> l && !l.isEmpty()) {
      if (inList) {
        StringBuilder inner = new StringBuilder();
        list(inner, l, indent + 2);
        sb.append(' ').append(inner.substring(indent + 2));
      } else {
        sb.append('\n');
        list(sb, l, indent);
      }
    } else if (v instanceof String s && s.contains("\n")) {
      block(sb, s, indent + 2);
    } else {
      sb.append(' ').append(inline(v)).append('\n');
    }
  }

  private static void block(StringBuilder sb, String s, int indent) {
    String chomp = s.endsWith("\n\n") ? "+" : s.endsWith("\n") ? "" : "-";
    sb.append(" |").append(chomp).append('\n');
    String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        pad(sb, indent);
        sb.append(line);
      }
      sb.append('\n');
    }
  }

  private static String inline(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?>) {
      return "[]";
    }
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Number n) {
      return Json.number(n);
    }
    return scalar(v.toString());
  }

  static String scalar(String s) {
    if (RESERVED.contains(s) || NUMBER.matcher(s).matches() || TIMESTAMP.matcher(s).matches()) {
      return doubleQuoted(s);
    }
    if (!plainAllowed(s)) {
      return "'" + s.replace("'", "''") + "'";
    }
    return s;
  }

  private static boolean plainAllowed(String s) {
    char first = s.charAt(0);
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
      if (!((first == '-' || first == '?' || first == ':')
          && s.length() > 1
          && s.charAt(1) != ' ')) {
        return false;
      }
    }
    if (Character.isWhitespace(first) || Character.isWhitespace(s.charAt(s.length() - 1))) {
      return false;
    }
    if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
      return false;
    }
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String doubleQuoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }
}
