package dev.trafficlab.terminal.commands.jq;

import static dev.trafficlab.terminal.commands.jq.JqValues.all;
import static dev.trafficlab.terminal.commands.jq.JqValues.arith;
import static dev.trafficlab.terminal.commands.jq.JqValues.compare;
import static dev.trafficlab.terminal.commands.jq.JqValues.described;
import static dev.trafficlab.terminal.commands.jq.JqValues.index;
import static dev.trafficlab.terminal.commands.jq.JqValues.iterate;
import static dev.trafficlab.terminal.commands.jq.JqValues.one;
import static dev.trafficlab.terminal.commands.jq.JqValues.text;
import static dev.trafficlab.terminal.commands.jq.JqValues.truthy;
import static dev.trafficlab.terminal.commands.jq.JqValues.typeName;

import dev.trafficlab.terminal.commands.parse.TextCursor;
import java.util.ArrayList;
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

  interface Node {
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
    p.skipBlanks();
    if (!p.atEnd()) {
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

  // ---- parsing ----

  private static final class Parser extends TextCursor<CompileError> {
    Parser(String src) {
      super(src);
    }

    String rest() {
      return atEnd() ? "$end" : "'" + ahead(10) + "'";
    }

    CompileError error(String what) {
      return new CompileError(
          what + " (Unix shell quoting issues?) at <top-level>, line 1:\n" + src);
    }

    @Override
    protected void skipBlanks() {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
      if (atChar('#')) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
        skipBlanks();
      }
    }

    @Override
    protected CompileError expected(String token) {
      return error("syntax error, unexpected " + rest() + ", expecting '" + token + "'");
    }

    @Override
    protected CompileError tooDeep() {
      return error("the filter nests too deeply");
    }

    void enter() throws CompileError {
      enter(MAX_NESTING);
    }

    Node pipe() throws CompileError {
      enter();
      Node left = comma();
      if (acceptWord("as")) {
        skipBlanks();
        if (!accept("$")) {
          throw error("syntax error, unexpected " + rest() + ", expecting '$'");
        }
        String name = ident();
        expect("|");
        Node body = pipe();
        Node source = left;
        leave();
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
      leave();
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
        skipBlanks();
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
      if (atChar('[')) {
        return bracket(target);
      }
      String key = atChar('"') ? stringLiteral() : ident();
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
      skipBlanks();
      String name = identChars();
      if (name.isEmpty()) {
        throw error("syntax error, unexpected " + rest());
      }
      return name;
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
        if (atEnd()) {
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
      skipBlanks();
      if (atEnd()) {
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
        return (in, env, out) -> JqBuiltins.call(name, args, in, env, out);
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
          skipBlanks();
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
