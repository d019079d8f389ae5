package dev.trafficlab.terminal.commands.jq;

import static dev.trafficlab.terminal.commands.jq.JqValues.add;
import static dev.trafficlab.terminal.commands.jq.JqValues.all;
import static dev.trafficlab.terminal.commands.jq.JqValues.compare;
import static dev.trafficlab.terminal.commands.jq.JqValues.described;
import static dev.trafficlab.terminal.commands.jq.JqValues.index;
import static dev.trafficlab.terminal.commands.jq.JqValues.iterate;
import static dev.trafficlab.terminal.commands.jq.JqValues.length;
import static dev.trafficlab.terminal.commands.jq.JqValues.sortedKeys;
import static dev.trafficlab.terminal.commands.jq.JqValues.split;
import static dev.trafficlab.terminal.commands.jq.JqValues.text;
import static dev.trafficlab.terminal.commands.jq.JqValues.truthy;
import static dev.trafficlab.terminal.commands.jq.JqValues.typeName;

import dev.trafficlab.terminal.commands.jq.JqFilter.Env;
import dev.trafficlab.terminal.commands.jq.JqFilter.Node;
import dev.trafficlab.terminal.commands.jq.JqFilter.RuntimeError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** jq's builtin functions that lessons use (keys, length, select, map, sort_by, join, ...). */
final class JqBuiltins {
  private JqBuiltins() {}

  static void call(String name, List<Node> args, Object in, Env env, List<Object> out) {
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
        r.sort(JqValues::compare);
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
        r.sort(JqValues::compare);
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
        boolean any = items.stream().anyMatch(JqValues::truthy);
        boolean every = items.stream().allMatch(JqValues::truthy);
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

  static List<Object> array(Object in, String what) {
    if (in instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    throw new RuntimeError(described(in) + " cannot be " + what + ", as it is not an array");
  }

  static List<Object> flatten(List<Object> items, int depth) {
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

  static Object fromEntries(Object in) {
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

  static Object stringOp(String name, Object in, Object a) {
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

  static boolean contains(Object a, Object b) {
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
}
