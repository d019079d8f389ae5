package dev.trafficlab.terminal;

import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import java.util.List;

/**
 * The conditions of test, [ ] and [[ ]]: string and integer comparisons, -z/-n, file tests on the
 * sandbox's files, !, -a/-o (&& and || in [[ ]]) and parentheses. Status 0 true, 1 false, 2 for a
 * malformed condition (with bash's message).
 */
public final class TestExpression {
  /** The status and, for status 2, the message without "bash: ". */
  public record Result(int status, String error) {}

  private final List<String> words;
  private final List<Boolean> patterns;
  private final boolean extended;
  private final SandboxFiles files;
  private final String cwd;
  private final Vars vars;
  private final String name;
  private int pos;

  private TestExpression(
      List<String> words,
      List<Boolean> patterns,
      boolean extended,
      SandboxFiles files,
      String cwd,
      Vars vars) {
    this.words = words;
    this.patterns = patterns;
    this.extended = extended;
    this.files = files;
    this.cwd = cwd;
    this.vars = vars;
    this.name = extended ? "[[" : "[";
  }

  private static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param words the arguments ([ without its closing ]; [[ without [[ and ]])
   * @param patterns for [[ ]]: which words are patterns (right of == or != with unquoted text);
   *     null for test and [
   * @param extended true for [[ ]]: && || and pattern matching, integers as arithmetic
   */
  public static Result evaluate(
      List<String> words,
      List<Boolean> patterns,
      boolean extended,
      SandboxFiles files,
      String cwd,
      Vars vars) {
    if (words.isEmpty()) {
      return new Result(1, null);
    }
    TestExpression t = new TestExpression(words, patterns, extended, files, cwd, vars);
    try {
      boolean v = t.or();
      if (t.pos < words.size()) {
        return new Result(
            2,
            extended
                ? "syntax error in conditional expression: unexpected token `"
                    + words.get(t.pos)
                    + "'"
                : t.name + ": too many arguments");
      }
      return new Result(v ? 0 : 1, null);
    } catch (Malformed e) {
      return new Result(2, e.getMessage());
    }
  }

  /** For test and [ (the commands): their arguments without the closing ]. */
  public static Result evaluate(List<String> words, SandboxFiles files, String cwd, Vars vars) {
    return evaluate(words, null, false, files, cwd, vars);
  }

  private boolean more() {
    return pos < words.size();
  }

  private String peek() {
    return more() ? words.get(pos) : null;
  }

  private boolean or() {
    boolean v = and();
    while (more() && (peek().equals(extended ? "||" : "-o"))) {
      pos++;
      boolean r = and();
      v = v || r;
    }
    return v;
  }

  private boolean and() {
    boolean v = not();
    while (more() && (peek().equals(extended ? "&&" : "-a"))) {
      pos++;
      boolean r = not();
      v = v && r;
    }
    return v;
  }

  private boolean not() {
    if (more() && peek().equals("!") && pos + 1 < words.size()) {
      pos++;
      return !not();
    }
    return primary();
  }

  private static final List<String> BINARY =
      List.of(
          "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "=~", "-nt", "-ot");

  private static final String UNARY = "-z -n -e -f -d -s -r -w -x -L -h -a -v -b -c -p -S -t";

  private boolean primary() {
    if (!more()) {
      throw new Malformed(name + ": argument expected");
    }
    String w = words.get(pos);
    if (w.equals("(") && !(pos + 1 < words.size() && BINARY.contains(words.get(pos + 1)))) {
      pos++;
      boolean v = or();
      if (!more() || !peek().equals(")")) {
        throw new Malformed(name + ": `)' expected");
      }
      pos++;
      return v;
    }
    if (pos + 2 < words.size() && BINARY.contains(words.get(pos + 1))) {
      return binary();
    }
    if (w.length() == 2 && w.startsWith("-") && UNARY.contains(w) && pos + 1 < words.size()) {
      pos++;
      return unary(w, words.get(pos++));
    }
    if (pos + 1 < words.size() && BINARY.contains(words.get(pos + 1))) {
      throw new Malformed(name + ": " + words.get(pos + 1) + ": binary operator expected");
    }
    pos++;
    return !w.isEmpty();
  }

  private boolean binary() {
    int at = pos;
    String a = words.get(pos);
    String op = words.get(pos + 1);
    String b = words.get(pos + 2);
    pos += 3;
    boolean pattern = patterns != null && patterns.get(at + 2);
    return switch (op) {
      case "=", "==" -> pattern ? Glob.matchesPattern(b, a) : a.equals(b);
      case "!=" -> pattern ? !Glob.matchesPattern(b, a) : !a.equals(b);
      case "<" -> a.compareTo(b) < 0;
      case ">" -> a.compareTo(b) > 0;
      case "=~" ->
          throw new Malformed(
              name + ": the =~ operator is not supported by the lab's shell; use grep -E");
      case "-nt", "-ot" -> false;
      default -> {
        long x = integer(a);
        long y = integer(b);
        yield switch (op) {
          case "-eq" -> x == y;
          case "-ne" -> x != y;
          case "-lt" -> x < y;
          case "-le" -> x <= y;
          case "-gt" -> x > y;
          default -> x >= y;
        };
      }
    };
  }

  private long integer(String s) {
    if (extended) {
      return Arithmetic.evaluate(s, vars);
    }
    String t = s.strip();
    try {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      throw new Malformed(name + ": " + s + ": integer expression expected");
    }
  }

  private boolean unary(String op, String arg) {
    String abs = SandboxFiles.resolve(cwd, arg.isEmpty() ? "/nonexistent-empty-name" : arg);
    return switch (op) {
      case "-z" -> arg.isEmpty();
      case "-n" -> !arg.isEmpty();
      case "-e", "-a" -> files.exists(abs);
      case "-f" -> files.isFile(abs);
      case "-d" -> files.isDirectory(abs);
      case "-r", "-w" -> files.exists(abs);
      case "-x" -> files.isDirectory(abs);
      case "-s" -> {
        try {
          yield files.isFile(abs) ? !files.read(abs).isEmpty() : files.isDirectory(abs);
        } catch (FilesException e) {
          yield false;
        }
      }
      case "-v" -> vars.get(arg) != null;
      default -> false;
    };
  }
}
