package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.format.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of kubectl's JSONPath templates learners use: {.a.b}, [*], [n], [n:m], ['key'], escaped
 * dots, ..recursive, [?(@.x=="v")] filters, {range ...}{end}, and "literal" text. Missing fields
 * print nothing (kubectl's --allow-missing-template-keys defaults to true).
 */
public final class JsonPath {
  private JsonPath() {}

  public static final class JsonPathException extends Exception {
    JsonPathException(String message) {
      super(message, null, false, false);
    }
  }

  private sealed interface Node permits Text, Expr, Range {}

  private record Text(String text) implements Node {}

  private record Expr(String path) implements Node {}

  private record Range(String path, List<Node> body) implements Node {}

  public static String evaluate(String template, Object root) throws JsonPathException {
    List<Node> nodes = new ArrayList<>();
    int[] pos = {0};
    parse(template, pos, nodes, false);
    StringBuilder out = new StringBuilder();
    render(nodes, root, root, out);
    return out.toString();
  }

  private static void parse(String t, int[] pos, List<Node> out, boolean inRange)
      throws JsonPathException {
    StringBuilder text = new StringBuilder();
    while (pos[0] < t.length()) {
      char c = t.charAt(pos[0]);
      if (c != '{') {
        text.append(c);
        pos[0]++;
        continue;
      }
      int end = findClose(t, pos[0]);
      if (end < 0) {
        throw new JsonPathException("unclosed action");
      }
      String inner = t.substring(pos[0] + 1, end).trim();
      pos[0] = end + 1;
      if (text.length() > 0) {
        out.add(new Text(text.toString()));
        text.setLength(0);
      }
      if (inner.equals("end")) {
        if (!inRange) {
          throw new JsonPathException("not in range, nothing to end");
        }
        return;
      }
      if (inner.startsWith("range ") || inner.equals("range")) {
        List<Node> body = new ArrayList<>();
        parse(t, pos, body, true);
        out.add(new Range(inner.substring(5).trim(), body));
        continue;
      }
      if (inner.startsWith("\"") || inner.startsWith("'")) {
        out.add(new Text(unquote(inner)));
        continue;
      }
      out.add(new Expr(inner));
    }
    if (inRange) {
      throw new JsonPathException("unclosed range");
    }
    if (text.length() > 0) {
      out.add(new Text(text.toString()));
    }
  }

  private static int findClose(String t, int open) {
    boolean inQuote = false;
    char q = 0;
    for (int i = open + 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (inQuote) {
        if (c == '\\') {
          i++;
        } else if (c == q) {
          inQuote = false;
        }
      } else if (c == '"' || c == '\'') {
        inQuote = true;
        q = c;
      } else if (c == '}') {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String s) {
    String body =
        s.substring(
            1, s.length() - (s.length() > 1 && s.charAt(s.length() - 1) == s.charAt(0) ? 1 : 0));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        sb.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void render(List<Node> nodes, Object root, Object cur, StringBuilder out)
      throws JsonPathException {
    for (Node n : nodes) {
      if (n instanceof Text t) {
        out.append(t.text());
      } else if (n instanceof Expr e) {
        List<Object> values = select(e.path(), root, cur);
        List<String> printed = new ArrayList<>();
        for (Object v : values) {
          printed.add(print(v));
        }
        out.append(String.join(" ", printed));
      } else if (n instanceof Range r) {
        for (Object item : select(r.path(), root, cur)) {
          if (item instanceof List<?> l) {
            for (Object x : l) {
              render(r.body(), root, x, out);
            }
          } else {
            render(r.body(), root, item, out);
          }
        }
      }
    }
  }

  private static String print(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return Json.compact(v);
    }
    if (v instanceof Number num && !(v instanceof Integer) && !(v instanceof Long)) {
      return Json.number(num);
    }
    return v.toString();
  }

  /** The values a path selects, from the root ($) or the current node (. or @). */
  static List<Object> select(String path, Object root, Object cur) throws JsonPathException {
    String p = path.trim();
    Object start = cur;
    if (p.startsWith("$")) {
      start = root;
      p = p.substring(1);
    } else if (p.startsWith("@")) {
      p = p.substring(1);
    }
    List<Object> nodes = new ArrayList<>();
    nodes.add(start);
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        boolean recursive = i + 1 < p.length() && p.charAt(i + 1) == '.';
        i += recursive ? 2 : 1;
        StringBuilder name = new StringBuilder();
        while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
          if (p.charAt(i) == '\\' && i + 1 < p.length()) {
            i++;
          }
          name.append(p.charAt(i));
          i++;
        }
        nodes = field(nodes, name.toString(), recursive);
      } else if (c == '[') {
        int end = closeBracket(p, i);
        if (end < 0) {
          throw new JsonPathException("unterminated array");
        }
        nodes = bracket(nodes, p.substring(i + 1, end).trim(), root);
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_') {
        // a leading name without a dot ("items[*]") is a field of the current node
        int j = i;
        while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
          j++;
        }
        nodes = field(nodes, p.substring(i, j), false);
        i = j;
      } else {
        throw new JsonPathException("unrecognized character in action: " + c);
      }
    }
    return nodes;
  }

  private static int closeBracket(String p, int open) {
    int depth = 0;
    boolean inQuote = false;
    char q = 0;
    for (int i = open; i < p.length(); i++) {
      char c = p.charAt(i);
      if (inQuote) {
        if (c == q) {
          inQuote = false;
        }
      } else if (c == '\'' || c == '"') {
        inQuote = true;
        q = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<Object> field(List<Object> nodes, String name, boolean recursive) {
    List<Object> out = new ArrayList<>();
    for (Object n : nodes) {
      if (recursive) {
        collect(n, name, out);
      } else if (name.isEmpty()) {
        out.add(n);
      } else if (name.equals("*")) {
        if (n instanceof Map<?, ?> m) {
          out.addAll(m.values());
        } else if (n instanceof List<?> l) {
          out.addAll(l);
        }
      } else if (n instanceof Map<?, ?> m && m.containsKey(name)) {
        out.add(m.get(name));
      }
    }
    return out;
  }

  private static void collect(Object n, String name, List<Object> out) {
    if (n instanceof Map<?, ?> m) {
      if (m.containsKey(name)) {
        out.add(m.get(name));
      }
      for (Object v : m.values()) {
        collect(v, name, out);
      }
    } else if (n instanceof List<?> l) {
      for (Object v : l) {
        collect(v, name, out);
      }
    }
  }

  private static List<Object> bracket(List<Object> nodes, String sel, Object root)
      throws JsonPathException {
    List<Object> out = new ArrayList<>();
    for (Object n : nodes) {
      if (sel.startsWith("'") || sel.startsWith("\"")) {
        String key = unquote(sel);
        if (n instanceof Map<?, ?> m && m.containsKey(key)) {
          out.add(m.get(key));
        }
        continue;
      }
      if (sel.startsWith("?")) {
        if (n instanceof List<?> l) {
          String cond = sel.substring(1).trim();
          if (cond.startsWith("(") && cond.endsWith(")")) {
            cond = cond.substring(1, cond.length() - 1).trim();
          }
          for (Object item : l) {
            if (test(cond, item, root)) {
              out.add(item);
            }
          }
        }
        continue;
      }
      if (!(n instanceof List<?> l)) {
        if (sel.equals("*") && n instanceof Map<?, ?> m) {
          out.addAll(m.values());
        }
        continue;
      }
      if (sel.equals("*")) {
        out.addAll(l);
      } else if (sel.contains(":")) {
        String[] parts = sel.split(":", -1);
        int size = l.size();
        int from = parts[0].isBlank() ? 0 : index(parts[0].trim(), size);
        int to = parts[1].isBlank() ? size : index(parts[1].trim(), size);
        for (int k = Math.max(0, from); k < Math.min(size, to); k++) {
          out.add(l.get(k));
        }
      } else if (sel.contains(",")) {
        for (String s : sel.split(",")) {
          int k = index(s.trim(), l.size());
          if (k >= 0 && k < l.size()) {
            out.add(l.get(k));
          }
        }
      } else {
        int k = index(sel, l.size());
        if (k < 0 || k >= l.size()) {
          throw new JsonPathException(
              "array index out of bounds: index " + sel + ", length " + l.size());
        }
        out.add(l.get(k));
      }
    }
    return out;
  }

  private static int index(String s, int size) throws JsonPathException {
    try {
      int k = Integer.parseInt(s);
      return k < 0 ? size + k : k;
    } catch (NumberFormatException e) {
      throw new JsonPathException("invalid array index " + s);
    }
  }

  private static boolean test(String cond, Object item, Object root) throws JsonPathException {
    for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
      int at = cond.indexOf(op);
      if (at > 0) {
        List<Object> left = select(cond.substring(0, at).trim(), root, item);
        String rightRaw = cond.substring(at + op.length()).trim();
        Object right =
            rightRaw.startsWith("'") || rightRaw.startsWith("\"")
                ? unquote(rightRaw)
                : rightRaw.startsWith("@") || rightRaw.startsWith("$")
                    ? first(select(rightRaw, root, item))
                    : number(rightRaw);
        if (left.isEmpty()) {
          return false;
        }
        return compare(left.get(0), right, op);
      }
    }
    return !select(cond, root, item).isEmpty();
  }

  private static Object first(List<Object> l) {
    return l.isEmpty() ? null : l.get(0);
  }

  private static Object number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  private static boolean compare(Object a, Object b, String op) {
    if (a instanceof Number x && b instanceof Number y) {
      int c = Double.compare(x.doubleValue(), y.doubleValue());
      return switch (op) {
        case "==" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case ">" -> c > 0;
        case "<=" -> c <= 0;
        default -> c >= 0;
      };
    }
    String x = Objects.toString(a);
    String y = Objects.toString(b);
    return switch (op) {
      case "==" -> x.equals(y);
      case "!=" -> !x.equals(y);
      default -> false;
    };
  }
}
