package dev.trafficlab.terminal.commands.jq;

import dev.trafficlab.terminal.commands.jq.JqFilter.Env;
import dev.trafficlab.terminal.commands.jq.JqFilter.Node;
import dev.trafficlab.terminal.commands.jq.JqFilter.RuntimeError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** jq's values: truth, types, ordering, indexing, iteration, + - * / %, and filter results. */
final class JqValues {
  private JqValues() {}

  static List<Object> all(Node n, Object in, Env env) {
    List<Object> out = new ArrayList<>();
    n.eval(in, env, out);
    env.count(out.size());
    return out;
  }

  static Object one(Node n, Object in, Env env) {
    List<Object> r = all(n, in, env);
    return r.isEmpty() ? JsonText.NULL : r.get(0);
  }

  static boolean truthy(Object v) {
    return v != JsonText.NULL && v != Boolean.FALSE;
  }

  static String typeName(Object v) {
    if (v == JsonText.NULL) {
      return "null";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof Double) {
      return "number";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof List) {
      return "array";
    }
    return "object";
  }

  /** jq's error text for a value: its type and a short JSON form. */
  static String described(Object v) {
    String json = JsonText.print(v, true, false);
    if (json.length() > 11) {
      json = json.substring(0, 10) + "...";
    }
    return typeName(v) + " (" + json + ")";
  }

  static Object index(Object v, Object key) {
    if (v == JsonText.NULL) {
      return JsonText.NULL;
    }
    if (key instanceof String k) {
      if (v instanceof Map<?, ?> m) {
        Object r = m.get(k);
        return r == null ? JsonText.NULL : r;
      }
      throw new RuntimeError("Cannot index " + typeName(v) + " with string \"" + k + "\"");
    }
    if (key instanceof Double d) {
      if (v instanceof List<?> l) {
        int i = (int) Math.floor(d);
        if (i < 0) {
          i += l.size();
        }
        return i >= 0 && i < l.size() ? l.get(i) : JsonText.NULL;
      }
      throw new RuntimeError("Cannot index " + typeName(v) + " with number");
    }
    throw new RuntimeError("Cannot index " + typeName(v) + " with " + typeName(key));
  }

  static void iterate(Object v, List<Object> out) {
    if (v instanceof List<?> l) {
      out.addAll(l);
    } else if (v instanceof Map<?, ?> m) {
      out.addAll(m.values());
    } else {
      throw new RuntimeError(
          "Cannot iterate over "
              + described(v).replaceFirst(" \\(.*", "")
              + (v == JsonText.NULL ? "" : " (" + JsonText.print(v, true, false) + ")"));
    }
  }

  static int compare(Object a, Object b) {
    int ta = order(a);
    int tb = order(b);
    if (ta != tb) {
      return Integer.compare(ta, tb);
    }
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    if (a instanceof String x) {
      return x.compareTo((String) b);
    }
    if (a instanceof Boolean x) {
      return Boolean.compare(x, (Boolean) b);
    }
    if (a instanceof List<?> x) {
      List<?> y = (List<?>) b;
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = compare(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a instanceof Map<?, ?> x) {
      Map<?, ?> y = (Map<?, ?>) b;
      List<String> kx = sortedKeys(x);
      List<String> ky = sortedKeys(y);
      int c = compare(new ArrayList<Object>(kx), new ArrayList<Object>(ky));
      if (c != 0) {
        return c;
      }
      for (String k : kx) {
        c = compare(x.get(k), y.get(k));
        if (c != 0) {
          return c;
        }
      }
    }
    return 0;
  }

  static int order(Object v) {
    if (v == JsonText.NULL) {
      return 0;
    }
    if (v == Boolean.FALSE) {
      return 1;
    }
    if (v == Boolean.TRUE) {
      return 2;
    }
    if (v instanceof Double) {
      return 3;
    }
    if (v instanceof String) {
      return 4;
    }
    return v instanceof List ? 5 : 6;
  }

  static List<String> sortedKeys(Map<?, ?> m) {
    List<String> keys = new ArrayList<>();
    m.keySet().forEach(k -> keys.add((String) k));
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  static Object add(Object a, Object b) {
    if (a == JsonText.NULL) {
      return b;
    }
    if (b == JsonText.NULL) {
      return a;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x + y;
    }
    if (a instanceof String x && b instanceof String y) {
      return x + y;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      List<Object> r = new ArrayList<>(x);
      r.addAll(y);
      return r;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      Map<String, Object> r = new LinkedHashMap<>();
      x.forEach((k, v) -> r.put((String) k, v));
      y.forEach((k, v) -> r.put((String) k, v));
      return r;
    }
    throw new RuntimeError(described(a) + " and " + described(b) + " cannot be added");
  }

  static Object arith(String op, Object a, Object b) {
    if (op.equals("+")) {
      return add(a, b);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return switch (op) {
        case "-" -> x - y;
        case "*" -> x * y;
        case "/" -> {
          if (y == 0) {
            throw new RuntimeError(
                described(a)
                    + " and "
                    + described(b)
                    + " cannot be divided because the divisor is zero");
          }
          yield x / y;
        }
        default -> {
          if ((long) (double) y == 0) {
            throw new RuntimeError(
                described(a)
                    + " and "
                    + described(b)
                    + " cannot be divided because the divisor is zero");
          }
          yield (double) ((long) (double) x % (long) (double) y);
        }
      };
    }
    if (op.equals("-") && a instanceof List<?> x && b instanceof List<?> y) {
      List<Object> r = new ArrayList<>();
      for (Object o : x) {
        if (y.stream().noneMatch(z -> compare(o, z) == 0)) {
          r.add(o);
        }
      }
      return r;
    }
    if (op.equals("/") && a instanceof String x && b instanceof String y) {
      return split(x, y);
    }
    String verb =
        switch (op) {
          case "-" -> "subtracted";
          case "*" -> "multiplied";
          default -> "divided";
        };
    throw new RuntimeError(described(a) + " and " + described(b) + " cannot be " + verb);
  }

  static List<Object> split(String s, String sep) {
    List<Object> r = new ArrayList<>();
    if (s.isEmpty()) {
      return r;
    }
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> r.add(new String(Character.toChars(cp))));
      return r;
    }
    int from = 0;
    while (true) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        r.add(s.substring(from));
        return r;
      }
      r.add(s.substring(from, at));
      from = at + sep.length();
    }
  }

  static String text(Object v) {
    return v instanceof String s ? s : JsonText.print(v, true, false);
  }

  static double length(Object v) {
    if (v == JsonText.NULL) {
      return 0;
    }
    if (v instanceof Boolean) {
      throw new RuntimeError("boolean (" + v + ") has no length");
    }
    if (v instanceof Double d) {
      return Math.abs(d);
    }
    if (v instanceof String s) {
      return s.codePointCount(0, s.length());
    }
    if (v instanceof List<?> l) {
      return l.size();
    }
    return ((Map<?, ?>) v).size();
  }
}
