package dev.trafficlab.terminal.commands.jq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of jq's language lessons use: paths (.a.b, .[0], .[], .["k"], .a?), pipes, commas, array
 * and object construction, string interpolation, comparisons, and/or/not, //, + and -,
 * if-then-else, $variables (--arg), and the builtins keys, length, select, map, has, type, sort,
 * sort_by, unique, first, last, add, join, tostring, tonumber, to_entries, from_entries,
 * with_entries, contains, startswith, endswith, split, ascii_downcase, ascii_upcase, min, max,
 * reverse, any, all, flatten, values, empty, not, test. Each filter gives a list of results.
 */
public final class JqFilter {
  /** A filter that cannot be compiled; the message follows "jq: error: ". */
  public static final class CompileError extends Exception {
    CompileError(String message) {
      super(message, null, false, false);
    }
  }

  /** A runtime error (jq's status 5); the message follows "jq: error (at FILE): ". */
  public static final class RuntimeError extends RuntimeException {
    RuntimeError(String message) {
      super(message, null, false, false);
    }
  }

  /** How many values one run may produce in all, whatever the filter does. */
  public static final int MAX_VALUES = 1_000_000;

  /** How deeply a filter may nest. */
  static final int MAX_NESTING = 64;

  private interface Node {
    void eval(Object in, Env env, List<Object> out);
  }

  /** Variables and the count of values made (bounded), plus a hook for long runs. */
  static final class Env {
    final Map<String, Object> vars;
    final Runnable checkpoint;
    long made;

    Env(Map<String, Object> vars, Runnable checkpoint) {
      this.vars = vars;
      this.checkpoint = checkpoint;
    }

    void count(int n) {
      made += n;
      if (made > MAX_VALUES) {
        throw new RuntimeError("the filter made more than " + MAX_VALUES + " values");
      }
      if ((made & 4095) < n) {
        checkpoint.run();
      }
    }
  }

  private final Node root;

  private JqFilter(Node root) {
    this.root = root;
  }

  public static JqFilter compile(String text) throws CompileError {
    Parser p = new Parser(text);
    Node n = p.pipe();
    p.skip();
    if (p.pos < text.length()) {
      throw p.error("syntax error, unexpected " + p.rest());
    }
    return new JqFilter(n);
  }

  /** Every result of the filter applied to one input. */
  public List<Object> apply(Object input, Map<String, Object> vars, Runnable checkpoint) {
    List<Object> out = new ArrayList<>();
    root.eval(input, new Env(vars, checkpoint), out);
    return out;
  }

  // ---- evaluation helpers ----

  private static List<Object> all(Node n, Object in, Env env) {
    List<Object> out = new ArrayList<>();
    n.eval(in, env, out);
    env.count(out.size());
    return out;
  }

  private static Object one(Node n, Object in, Env env) {
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
  private static String described(Object v) {
    String json = JsonText.print(v, true, false);
    if (json.length() > 11) {
      json = json.substring(0, 10) + "...";
    }
    return typeName(v) + " (" + json + ")";
  }

  private static Object index(Object v, Object key) {
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

  private static void iterate(Object v, List<Object> out) {
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

  private static int order(Object v) {
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

  private static List<String> sortedKeys(Map<?, ?> m) {
    List<String> keys = new ArrayList<>();
    m.keySet().forEach(k -> keys.add((String) k));
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  private static Object add(Object a, Object b) {
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

  private static Object arith(String op, Object a, Object b) {
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

  private static List<Object> split(String s, String sep) {
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

  private static double length(Object v) {
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

  // ---- builtins ----

  private static void call(String name, List<Node> args, Object in, Env env, List<Object> out) {
    switch (name + "/" + args.size()) {
      case "empty/0" -> {}
      case "not/0" -> out.add(!truthy(in));
      case "length/0" -> out.add(length(in));
      case "type/0" -> out.add(typeName(in));
      case "keys/0", "keys_unsorted/0" -> {
        if (in instanceof Map<?, ?> m) {
          List<Object> keys =
              new ArrayList<>(name.equals("keys") ? sortedKeys(m) : new ArrayList<>(m.keySet()));
          out.add(keys);
        } else if (in instanceof List<?> l) {
          List<Object> keys = new ArrayList<>();
          for (int i = 0; i < l.size(); i++) {
            keys.add((double) i);
          }
          out.add(keys);
        } else {
          throw new RuntimeError(described(in) + " has no keys");
        }
      }
      case "has/1" -> {
        for (Object k : all(args.get(0), in, env)) {
          if (in instanceof Map<?, ?> m && k instanceof String s) {
            out.add(m.containsKey(s));
          } else if (in instanceof List<?> l && k instanceof Double d) {
            out.add(d >= 0 && d < l.size());
          } else {
            throw new RuntimeError(
                "Cannot check whether " + typeName(in) + " has a " + typeName(k) + " key");
          }
        }
      }
      case "select/1" -> {
        for (Object c : all(args.get(0), in, env)) {
          if (truthy(c)) {
            out.add(in);
          }
        }
      }
      case "map/1" -> {
        List<Object> items = new ArrayList<>();
        iterate(in, items);
        List<Object> r = new ArrayList<>();
        for (Object item : items) {
          args.get(0).eval(item, env, r);
        }
        env.count(r.size());
        out.add(r);
      }
      case "map_values/1" -> {
        if (in instanceof Map<?, ?> m) {
          Map<String, Object> r = new LinkedHashMap<>();
          m.forEach(
              (k, v) -> {
                List<Object> vs = all(args.get(0), v, env);
                if (!vs.isEmpty()) {
                  r.put((String) k, vs.get(0));
                }
              });
          out.add(r);
        } else {
          List<Object> items = new ArrayList<>();
          iterate(in, items);
          List<Object> r = new ArrayList<>();
          for (Object item : items) {
            List<Object> vs = all(args.get(0), item, env);
            if (!vs.isEmpty()) {
              r.add(vs.get(0));
            }
          }
          out.add(r);
        }
      }
      case "sort/0" -> {
        List<Object> r = new ArrayList<>(array(in, "sorted"));
        r.sort(JqFilter::compare);
        out.add(r);
      }
      case "sort_by/1", "unique_by/1", "min_by/1", "max_by/1", "group_by/1" -> {
        List<Object> items = array(in, "sorted");
        List<Object[]> keyed = new ArrayList<>();
        for (Object item : items) {
          keyed.add(new Object[] {all(args.get(0), item, env), item});
        }
        keyed.sort((x, y) -> compare(x[0], y[0]));
        switch (name) {
          case "sort_by" -> out.add(new ArrayList<>(keyed.stream().map(k -> k[1]).toList()));
          case "min_by" -> out.add(keyed.isEmpty() ? JsonText.NULL : keyed.get(0)[1]);
          case "max_by" ->
              out.add(keyed.isEmpty() ? JsonText.NULL : keyed.get(keyed.size() - 1)[1]);
          default -> {
            List<Object> groups = new ArrayList<>();
            List<Object> current = null;
            Object currentKey = null;
            for (Object[] k : keyed) {
              if (current == null || compare(currentKey, k[0]) != 0) {
                current = new ArrayList<>();
                groups.add(current);
                currentKey = k[0];
              }
              current.add(k[1]);
            }
            if (name.equals("unique_by")) {
              List<Object> firsts = new ArrayList<>();
              groups.forEach(g -> firsts.add(((List<?>) g).get(0)));
              out.add(firsts);
            } else {
              out.add(groups);
            }
          }
        }
      }
      case "unique/0" -> {
        List<Object> r = new ArrayList<>(array(in, "sorted"));
        r.sort(JqFilter::compare);
        List<Object> u = new ArrayList<>();
        for (Object o : r) {
          if (u.isEmpty() || compare(u.get(u.size() - 1), o) != 0) {
            u.add(o);
          }
        }
        out.add(u);
      }
      case "reverse/0" -> {
        if (in instanceof String s) {
          out.add(new StringBuilder(s).reverse().toString());
        } else {
          List<Object> r = new ArrayList<>(in == JsonText.NULL ? List.of() : array(in, "reversed"));
          java.util.Collections.reverse(r);
          out.add(r);
        }
      }
      case "min/0", "max/0" -> {
        List<Object> items = array(in, "compared");
        Object best = JsonText.NULL;
        for (Object o : items) {
          if (best == JsonText.NULL
              || (name.equals("min") ? compare(o, best) < 0 : compare(o, best) >= 0)) {
            best = o;
          }
        }
        out.add(best);
      }
      case "first/0" -> out.add(index(in, 0.0));
      case "last/0" -> out.add(index(in, -1.0));
      case "first/1" -> {
        List<Object> r = all(args.get(0), in, env);
        if (!r.isEmpty()) {
          out.add(r.get(0));
        }
      }
      case "add/0" -> {
        List<Object> items = new ArrayList<>();
        iterate(in, items);
        Object acc = JsonText.NULL;
        for (Object o : items) {
          acc = add(acc, o);
        }
        out.add(acc);
      }
      case "any/0", "all/0" -> {
        List<Object> items = new ArrayList<>();
        iterate(in, items);
        boolean any = items.stream().anyMatch(JqFilter::truthy);
        boolean every = items.stream().allMatch(JqFilter::truthy);
        out.add(name.equals("any") ? any : every);
      }
      case "flatten/0" -> out.add(flatten(array(in, "flattened"), 1_000));
      case "join/1" -> {
        for (Object sep : all(args.get(0), in, env)) {
          StringBuilder sb = new StringBuilder();
          List<Object> items = new ArrayList<>();
          iterate(in, items);
          for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
              sb.append(text(sep));
            }
            Object o = items.get(i);
            if (o instanceof List || o instanceof Map) {
              throw new RuntimeError("Cannot join with " + typeName(o));
            }
            sb.append(o == JsonText.NULL ? "" : text(o));
          }
          out.add(sb.toString());
        }
      }
      case "tostring/0" -> out.add(text(in));
      case "tonumber/0" -> {
        if (in instanceof Double) {
          out.add(in);
        } else if (in instanceof String s) {
          try {
            out.add(Double.parseDouble(s.strip()));
          } catch (NumberFormatException e) {
            throw new RuntimeError("Cannot parse '" + s + "' as JSON");
          }
        } else {
          throw new RuntimeError(described(in) + " cannot be parsed as a number");
        }
      }
      case "ascii_downcase/0", "ascii_upcase/0" -> {
        if (!(in instanceof String s)) {
          throw new RuntimeError(name + " input must be a string");
        }
        out.add(
            name.equals("ascii_downcase")
                ? s.toLowerCase(java.util.Locale.ROOT)
                : s.toUpperCase(java.util.Locale.ROOT));
      }
      case "startswith/1",
          "endswith/1",
          "contains/1",
          "split/1",
          "test/1",
          "ltrimstr/1",
          "rtrimstr/1" -> {
        for (Object a : all(args.get(0), in, env)) {
          out.add(stringOp(name, in, a));
        }
      }
      case "to_entries/0" -> {
        if (!(in instanceof Map<?, ?> m)) {
          throw new RuntimeError(described(in) + " has no keys");
        }
        List<Object> r = new ArrayList<>();
        m.forEach(
            (k, v) -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("key", k);
              e.put("value", v);
              r.add(e);
            });
        out.add(r);
      }
      case "from_entries/0" -> out.add(fromEntries(in));
      case "with_entries/1" -> {
        List<Object> entries = new ArrayList<>();
        call("to_entries", List.of(), in, env, entries);
        List<Object> mapped = new ArrayList<>();
        call("map", args, entries.get(0), env, mapped);
        out.add(fromEntries(mapped.get(0)));
      }
      case "values/0" -> {
        if (in != JsonText.NULL) {
          out.add(in);
        }
      }
      case "tojson/0" -> out.add(JsonText.print(in, true, false));
      case "fromjson/0" -> {
        try {
          List<Object> vs = JsonText.parseAll(text(in));
          out.add(vs.isEmpty() ? JsonText.NULL : vs.get(0));
        } catch (JsonText.Malformed e) {
          throw new RuntimeError(e.getMessage());
        }
      }
      case "env/0" -> out.add(new LinkedHashMap<String, Object>());
      default -> throw new RuntimeError(name + "/" + args.size() + " is not defined");
    }
  }

  private static List<Object> array(Object in, String what) {
    if (in instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    throw new RuntimeError(described(in) + " cannot be " + what + ", as it is not an array");
  }

  private static List<Object> flatten(List<Object> items, int depth) {
    List<Object> r = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof List<?> l && depth > 0) {
        r.addAll(flatten(new ArrayList<>(l), depth - 1));
      } else {
        r.add(o);
      }
    }
    return r;
  }

  private static Object fromEntries(Object in) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (Object e : array(in, "made into an object")) {
      if (!(e instanceof Map<?, ?> m)) {
        throw new RuntimeError("Cannot index " + typeName(e) + " with \"key\"");
      }
      Object k =
          m.containsKey("key") ? m.get("key") : m.containsKey("name") ? m.get("name") : m.get("k");
      Object v = m.containsKey("value") ? m.get("value") : m.get("v");
      r.put(k == null || k == JsonText.NULL ? "null" : text(k), v == null ? JsonText.NULL : v);
    }
    return r;
  }

  private static Object stringOp(String name, Object in, Object a) {
    if (name.equals("contains")) {
      return contains(in, a);
    }
    if (!(in instanceof String s) || !(a instanceof String t)) {
      if (name.equals("ltrimstr") || name.equals("rtrimstr")) {
        return in;
      }
      throw new RuntimeError(name + "() requires string inputs");
    }
    return switch (name) {
      case "startswith" -> s.startsWith(t);
      case "endswith" -> s.endsWith(t);
      case "split" -> split(s, t);
      case "ltrimstr" -> s.startsWith(t) ? s.substring(t.length()) : s;
      case "rtrimstr" -> s.endsWith(t) ? s.substring(0, s.length() - t.length()) : s;
      default -> {
        if (t.length() > 1000) {
          throw new RuntimeError("the regular expression is too long for the lab's jq");
        }
        try {
          yield java.util.regex.Pattern.compile(t)
              .matcher(s.length() > 100_000 ? s.substring(0, 100_000) : s)
              .find();
        } catch (java.util.regex.PatternSyntaxException e) {
          throw new RuntimeError(
              t + " (at offset " + Math.max(0, e.getIndex()) + ") is not a valid regex");
        }
      }
    };
  }

  private static boolean contains(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      for (Map.Entry<?, ?> e : y.entrySet()) {
        if (!x.containsKey(e.getKey()) || !contains(x.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      for (Object o : y) {
        if (x.stream().noneMatch(z -> contains(z, o))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof String x && b instanceof String y) {
      return x.contains(y);
    }
    if (typeName(a).equals(typeName(b))) {
      return compare(a, b) == 0;
    }
    throw new RuntimeError(
        described(a) + " and " + described(b) + " cannot have their containment checked");
  }

  // ---- parsing ----

  private static final class Parser {
    final String src;
    int pos;
    int depth;

    Parser(String src) {
      this.src = src;
    }

    String rest() {
      return pos >= src.length()
          ? "$end"
          : "'" + src.substring(pos, Math.min(src.length(), pos + 10)) + "'";
    }

    CompileError error(String what) {
      return new CompileError(
          what + " (Unix shell quoting issues?) at <top-level>, line 1:\n" + src);
    }

    void skip() {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
      if (pos < src.length() && src.charAt(pos) == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
        skip();
      }
    }

    boolean at(String s) {
      skip();
      return src.startsWith(s, pos);
    }

    boolean accept(String s) {
      if (at(s)) {
        pos += s.length();
        return true;
      }
      return false;
    }

    boolean acceptWord(String w) {
      skip();
      if (src.startsWith(w, pos)
          && (pos + w.length() >= src.length() || !isIdent(src.charAt(pos + w.length())))) {
        pos += w.length();
        return true;
      }
      return false;
    }

    void expect(String s) throws CompileError {
      if (!accept(s)) {
        throw error("syntax error, unexpected " + rest() + ", expecting '" + s + "'");
      }
    }

    static boolean isIdent(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }

    void enter() throws CompileError {
      if (++depth > MAX_NESTING) {
        throw error("the filter nests too deeply");
      }
    }

    Node pipe() throws CompileError {
      enter();
      Node left = comma();
      if (acceptWord("as")) {
        skip();
        if (!accept("$")) {
          throw error("syntax error, unexpected " + rest() + ", expecting '$'");
        }
        String name = ident();
        expect("|");
        Node body = pipe();
        Node source = left;
        depth--;
        return (in, env, out) -> {
          for (Object v : all(source, in, env)) {
            Object saved = env.vars.get(name);
            env.vars.put(name, v);
            try {
              body.eval(in, env, out);
            } finally {
              if (saved == null) {
                env.vars.remove(name);
              } else {
                env.vars.put(name, saved);
              }
            }
          }
        };
      }
      while (accept("|")) {
        Node a = left;
        Node b = comma();
        left =
            (in, env, out) -> {
              for (Object v : all(a, in, env)) {
                b.eval(v, env, out);
              }
            };
      }
      depth--;
      return left;
    }

    Node comma() throws CompileError {
      Node left = alternative();
      while (accept(",")) {
        Node a = left;
        Node b = alternative();
        left =
            (in, env, out) -> {
              a.eval(in, env, out);
              b.eval(in, env, out);
            };
      }
      return left;
    }

    Node alternative() throws CompileError {
      Node left = or();
      while (accept("//")) {
        Node a = left;
        Node b = or();
        left =
            (in, env, out) -> {
              List<Object> r = new ArrayList<>();
              try {
                for (Object v : all(a, in, env)) {
                  if (truthy(v)) {
                    r.add(v);
                  }
                }
              } catch (RuntimeError e) {
                // errors on the left count as no value
              }
              if (r.isEmpty()) {
                b.eval(in, env, out);
              } else {
                out.addAll(r);
              }
            };
      }
      return left;
    }

    Node or() throws CompileError {
      Node left = and();
      while (acceptWord("or")) {
        Node a = left;
        Node b = and();
        left =
            (in, env, out) -> {
              for (Object x : all(a, in, env)) {
                if (truthy(x)) {
                  out.add(true);
                } else {
                  for (Object y : all(b, in, env)) {
                    out.add(truthy(y));
                  }
                }
              }
            };
      }
      return left;
    }

    Node and() throws CompileError {
      Node left = comparison();
      while (acceptWord("and")) {
        Node a = left;
        Node b = comparison();
        left =
            (in, env, out) -> {
              for (Object x : all(a, in, env)) {
                if (!truthy(x)) {
                  out.add(false);
                } else {
                  for (Object y : all(b, in, env)) {
                    out.add(truthy(y));
                  }
                }
              }
            };
      }
      return left;
    }

    Node comparison() throws CompileError {
      Node left = additive();
      for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
        if (accept(op)) {
          Node a = left;
          Node b = additive();
          return (in, env, out) -> {
            for (Object y : all(b, in, env)) {
              for (Object x : all(a, in, env)) {
                int c = compare(x, y);
                out.add(
                    switch (op) {
                      case "==" -> c == 0;
                      case "!=" -> c != 0;
                      case "<=" -> c <= 0;
                      case ">=" -> c >= 0;
                      case "<" -> c < 0;
                      default -> c > 0;
                    });
              }
            }
          };
        }
      }
      return left;
    }

    Node additive() throws CompileError {
      Node left = multiplicative();
      while (true) {
        String op = at("+") ? "+" : at("-") ? "-" : null;
        if (op == null) {
          return left;
        }
        pos++;
        left = binary(op, left, multiplicative());
      }
    }

    Node multiplicative() throws CompileError {
      Node left = postfix();
      while (true) {
        String op = at("*") ? "*" : at("/") && !at("//") ? "/" : at("%") ? "%" : null;
        if (op == null) {
          return left;
        }
        pos++;
        left = binary(op, left, postfix());
      }
    }

    static Node binary(String op, Node a, Node b) {
      return (in, env, out) -> {
        for (Object y : all(b, in, env)) {
          for (Object x : all(a, in, env)) {
            out.add(arith(op, x, y));
          }
        }
      };
    }

    Node postfix() throws CompileError {
      Node n = primary();
      while (true) {
        skip();
        if (pos < src.length()
            && src.charAt(pos) == '.'
            && !at("..")
            && pos + 1 < src.length()
            && (isIdent(src.charAt(pos + 1))
                || src.charAt(pos + 1) == '"'
                || src.charAt(pos + 1) == '[')) {
          pos++;
          n = suffixAfterDot(n);
        } else if (at("[")) {
          n = bracket(n);
        } else if (at("?")) {
          pos++;
          n = optional(n);
        } else {
          return n;
        }
      }
    }

    static Node optional(Node n) {
      return (in, env, out) -> {
        List<Object> r = new ArrayList<>();
        try {
          n.eval(in, env, r);
        } catch (RuntimeError e) {
          // ? drops the error, keeping what came before it
        }
        out.addAll(r);
      };
    }

    /** After a '.': a name, a "quoted name", or a bracket. */
    Node suffixAfterDot(Node target) throws CompileError {
      if (pos < src.length() && src.charAt(pos) == '[') {
        return bracket(target);
      }
      String key = pos < src.length() && src.charAt(pos) == '"' ? stringLiteral() : ident();
      return (in, env, out) -> {
        for (Object v : all(target, in, env)) {
          out.add(index(v, key));
        }
      };
    }

    Node bracket(Node target) throws CompileError {
      expect("[");
      if (accept("]")) {
        return (in, env, out) -> {
          for (Object v : all(target, in, env)) {
            iterate(v, out);
          }
        };
      }
      Node from = at(":") ? null : pipe();
      if (accept(":")) {
        Node to = at("]") ? null : pipe();
        expect("]");
        return (in, env, out) -> {
          for (Object v : all(target, in, env)) {
            Object f = from == null ? JsonText.NULL : one(from, in, env);
            Object t = to == null ? JsonText.NULL : one(to, in, env);
            out.add(slice(v, f, t));
          }
        };
      }
      expect("]");
      return (in, env, out) -> {
        for (Object v : all(target, in, env)) {
          for (Object k : all(from, in, env)) {
            out.add(index(v, k));
          }
        }
      };
    }

    static Object slice(Object v, Object f, Object t) {
      if (v == JsonText.NULL) {
        return JsonText.NULL;
      }
      int size = v instanceof List<?> l ? l.size() : v instanceof String s ? s.length() : -1;
      if (size < 0) {
        throw new RuntimeError("Cannot index " + typeName(v) + " with object");
      }
      int from = f instanceof Double d ? (int) Math.floor(d) : 0;
      int to = t instanceof Double d ? (int) Math.ceil(d) : size;
      from = Math.max(0, Math.min(size, from < 0 ? from + size : from));
      to = Math.max(from, Math.min(size, to < 0 ? to + size : to));
      return v instanceof List<?> l
          ? new ArrayList<Object>(l.subList(from, to))
          : ((String) v).substring(from, to);
    }

    String ident() throws CompileError {
      skip();
      int start = pos;
      while (pos < src.length() && isIdent(src.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("syntax error, unexpected " + rest());
      }
      return src.substring(start, pos);
    }

    String stringLiteral() throws CompileError {
      Node n = string();
      List<Object> r = new ArrayList<>();
      n.eval(JsonText.NULL, new Env(new LinkedHashMap<>(), () -> {}), r);
      return (String) r.get(0);
    }

    /** "..." with escapes and \(interpolation). */
    Node string() throws CompileError {
      expect("\"");
      List<Object> parts = new ArrayList<>(); // String or Node
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= src.length()) {
          throw error("syntax error, unexpected $end, expecting QQSTRING_TEXT");
        }
        char c = src.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c == '\\' && pos < src.length()) {
          char e = src.charAt(pos++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '(' -> {
              parts.add(sb.toString());
              sb.setLength(0);
              parts.add(pipe());
              expect(")");
            }
            case 'u' -> {
              if (pos + 4 > src.length()) {
                throw error("invalid escape");
              }
              sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      parts.add(sb.toString());
      return (in, env, out) -> {
        List<String> texts = new ArrayList<>();
        texts.add("");
        for (Object p : parts) {
          if (p instanceof String s) {
            texts.replaceAll(t -> t + s);
          } else {
            List<String> next = new ArrayList<>();
            for (Object v : all((Node) p, in, env)) {
              for (String t : texts) {
                next.add(t + text(v));
              }
            }
            texts = next;
          }
        }
        out.addAll(texts);
      };
    }

    Node primary() throws CompileError {
      skip();
      if (pos >= src.length()) {
        throw error("syntax error, unexpected $end");
      }
      char c = src.charAt(pos);
      if (at("..")) {
        pos += 2;
        return (in, env, out) -> recurse(in, out, env);
      }
      if (c == '.') {
        pos++;
        if (pos < src.length()
            && (isIdent(src.charAt(pos)) || src.charAt(pos) == '"' || src.charAt(pos) == '[')) {
          return suffixAfterDot((in, env, out) -> out.add(in));
        }
        return (in, env, out) -> out.add(in);
      }
      if (c == '"') {
        return string();
      }
      if (c == '(') {
        pos++;
        Node n = pipe();
        expect(")");
        return n;
      }
      if (c == '[') {
        pos++;
        if (accept("]")) {
          return (in, env, out) -> out.add(new ArrayList<>());
        }
        Node body = pipe();
        expect("]");
        return (in, env, out) -> out.add(all(body, in, env));
      }
      if (c == '{') {
        return object();
      }
      if (c == '$') {
        pos++;
        String name = ident();
        return (in, env, out) -> {
          Object v = env.vars.get(name);
          if (v == null) {
            throw new RuntimeError("$" + name + " is not defined");
          }
          out.add(v);
        };
      }
      if (c == '-') {
        pos++;
        Node n = postfix();
        return (in, env, out) -> {
          for (Object v : all(n, in, env)) {
            if (!(v instanceof Double d)) {
              throw new RuntimeError(described(v) + " cannot be negated");
            }
            out.add(-d);
          }
        };
      }
      if (Character.isDigit(c)) {
        int start = pos;
        while (pos < src.length()
            && (Character.isDigit(src.charAt(pos))
                || src.charAt(pos) == '.'
                || src.charAt(pos) == 'e'
                || src.charAt(pos) == 'E'
                || ((src.charAt(pos) == '-' || src.charAt(pos) == '+')
                    && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
          pos++;
        }
        double d;
        try {
          d = Double.parseDouble(src.substring(start, pos));
        } catch (NumberFormatException e) {
          throw error("syntax error, unexpected INVALID_CHARACTER");
        }
        return (in, env, out) -> out.add(d);
      }
      if (isIdent(c)) {
        String name = ident();
        switch (name) {
          case "true":
            return (in, env, out) -> out.add(true);
          case "false":
            return (in, env, out) -> out.add(false);
          case "null":
            return (in, env, out) -> out.add(JsonText.NULL);
          case "if":
            return ifThen();
          default:
            break;
        }
        List<Node> args = new ArrayList<>();
        if (accept("(")) {
          args.add(pipe());
          while (accept(";")) {
            args.add(pipe());
          }
          expect(")");
        }
        return (in, env, out) -> call(name, args, in, env, out);
      }
      throw error("syntax error, unexpected " + rest());
    }

    Node ifThen() throws CompileError {
      Node cond = pipe();
      if (!acceptWord("then")) {
        throw error("syntax error, unexpected " + rest() + ", expecting then");
      }
      Node then = pipe();
      Node otherwise;
      if (acceptWord("elif")) {
        otherwise = ifThen();
        return branch(cond, then, otherwise);
      }
      if (acceptWord("else")) {
        otherwise = pipe();
      } else {
        otherwise = (in, env, out) -> out.add(in);
      }
      if (!acceptWord("end")) {
        throw error("syntax error, unexpected " + rest() + ", expecting end");
      }
      return branch(cond, then, otherwise);
    }

    static Node branch(Node cond, Node then, Node otherwise) {
      return (in, env, out) -> {
        for (Object c : all(cond, in, env)) {
          (truthy(c) ? then : otherwise).eval(in, env, out);
        }
      };
    }

    Node object() throws CompileError {
      expect("{");
      List<Node[]> entries = new ArrayList<>();
      if (!accept("}")) {
        while (true) {
          skip();
          Node key;
          Node value = null;
          if (at("\"")) {
            key = string();
          } else if (at("(")) {
            pos++;
            key = pipe();
            expect(")");
          } else if (at("$")) {
            pos++;
            String name = ident();
            key = (in, env, out) -> out.add(name);
            value = (in, env, out) -> out.add(env.vars.getOrDefault(name, JsonText.NULL));
          } else {
            String name = ident();
            key = (in, env, out) -> out.add(name);
          }
          if (accept(":")) {
            value = objectValue();
          } else if (value == null) {
            Node k = key;
            value =
                (in, env, out) -> {
                  for (Object kv : all(k, in, env)) {
                    out.add(index(in, kv));
                  }
                };
          }
          entries.add(new Node[] {key, value});
          if (accept("}")) {
            break;
          }
          expect(",");
        }
      }
      return (in, env, out) -> {
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(new LinkedHashMap<>());
        for (Node[] e : entries) {
          List<Map<String, Object>> next = new ArrayList<>();
          for (Object k : all(e[0], in, env)) {
            if (!(k instanceof String ks)) {
              throw new RuntimeError("Object keys must be strings");
            }
            for (Object v : all(e[1], in, env)) {
              for (Map<String, Object> partial : results) {
                Map<String, Object> m = new LinkedHashMap<>(partial);
                m.put(ks, v);
                next.add(m);
              }
            }
          }
          env.count(next.size());
          results = next;
        }
        out.addAll(results);
      };
    }

    /** An object value stops at ',' and '}' (a pipe inside needs parentheses, as in jq). */
    Node objectValue() throws CompileError {
      Node left = alternative();
      while (at("|")) {
        pos++;
        Node a = left;
        Node b = alternative();
        left =
            (in, env, out) -> {
              for (Object v : all(a, in, env)) {
                b.eval(v, env, out);
              }
            };
      }
      return left;
    }

    static void recurse(Object v, List<Object> out, Env env) {
      out.add(v);
      env.count(1);
      if (v instanceof List<?> l) {
        for (Object o : l) {
          recurse(o, out, env);
        }
      } else if (v instanceof Map<?, ?> m) {
        for (Object o : m.values()) {
          recurse(o, out, env);
        }
      }
    }
  }
}
