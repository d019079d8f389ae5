package dev.trafficlab.terminal.commands.awk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of awk lessons use: BEGIN/END, /regex/ and expression patterns, print and printf, fields
 * ($1, $NF, assignment), NR/NF/FS/OFS, variables and arrays (count[$1]++, for (k in a)), if/else,
 * while, for, next, and length, substr, index, split, tolower, toupper, sprintf, int, sub, gsub.
 * Values are strings or numbers as in POSIX awk.
 */
public final class AwkProgram {
  /** A program that cannot be parsed; the message follows "awk: ". */
  public static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  /** A run-time error (division by zero, a bad regex); the message follows "awk: ". */
  public static final class RunError extends RuntimeException {
    RunError(String message) {
      super(message, null, false, false);
    }
  }

  /** How deeply the program may nest. */
  static final int MAX_NESTING = 64;

  // ---- values: String, Double, or StrNum (input text that looks numeric) ----

  /** Input text (fields, -v values): compares as a number when it looks like one. */
  record StrNum(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private static final Pattern NUMERIC =
      Pattern.compile("\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*");

  static Object input(String s) {
    return new StrNum(s);
  }

  static double num(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    String s = v.toString().strip();
    Matcher m = Pattern.compile("^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?").matcher(s);
    return m.find() ? Double.parseDouble(m.group()) : 0;
  }

  static String str(Object v) {
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e16) {
        return Long.toString((long) (double) d);
      }
      return String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+(e|$)", "$1");
    }
    return v.toString();
  }

  static boolean numeric(Object v) {
    return v instanceof Double || v instanceof StrNum s && NUMERIC.matcher(s.text()).matches();
  }

  static boolean truthy(Object v) {
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof StrNum s && NUMERIC.matcher(s.text()).matches()) {
      return num(v) != 0;
    }
    return !v.toString().isEmpty();
  }

  static int compare(Object a, Object b) {
    if (numeric(a) && numeric(b)) {
      return Double.compare(num(a), num(b));
    }
    return str(a).compareTo(str(b));
  }

  // ---- the run state ----

  /** What one run of the program holds: variables, arrays, the current record, the output. */
  public static final class State {
    final Map<String, Object> vars = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> arrays = new LinkedHashMap<>();
    final StringBuilder out = new StringBuilder();
    final Runnable checkpoint;
    List<String> fields = new ArrayList<>();
    String record = "";
    long steps;
    boolean exiting;
    int exitCode;

    State(Runnable checkpoint) {
      this.checkpoint = checkpoint;
      vars.put("FS", " ");
      vars.put("OFS", " ");
      vars.put("ORS", "\n");
      vars.put("NR", 0.0);
      vars.put("NF", 0.0);
      vars.put("SUBSEP", "\u001c");
    }

    void step() {
      if ((++steps & 1023) == 0) {
        checkpoint.run();
      }
    }

    void setRecord(String text) {
      record = text;
      fields = split(text, str(vars.get("FS")));
      vars.put("NF", (double) fields.size());
    }

    Object field(int i) {
      if (i < 0) {
        throw new RunError("trying to access out of range field " + i);
      }
      if (i == 0) {
        return input(record);
      }
      return i <= fields.size() ? input(fields.get(i - 1)) : input("");
    }

    void setField(int i, String value) {
      if (i == 0) {
        setRecord(value);
        return;
      }
      if (i > 100_000) {
        throw new RunError("field index " + i + " is too large for the lab's awk");
      }
      while (fields.size() < i) {
        fields.add("");
      }
      fields.set(i - 1, value);
      vars.put("NF", (double) fields.size());
      record = String.join(str(vars.get("OFS")), fields);
    }

    /** The output so far, handed on and forgotten (so a long input never piles up here). */
    String drain() {
      String s = out.toString();
      out.setLength(0);
      return s;
    }
  }

  static List<String> split(String text, String fs) {
    List<String> out = new ArrayList<>();
    if (fs.equals(" ")) {
      for (String f : text.strip().split("[ \\t\\n]+")) {
        if (!f.isEmpty()) {
          out.add(f);
        }
      }
      return out;
    }
    if (text.isEmpty()) {
      return out;
    }
    String re =
        fs.length() == 1 && !fs.equals("\\") ? Pattern.quote(fs) : fs.equals("\\t") ? "\t" : fs;
    try {
      for (String f : text.split(re, -1)) {
        out.add(f);
      }
    } catch (PatternSyntaxException e) {
      throw new RunError("bad field separator regex: " + fs);
    }
    return out;
  }

  // ---- the program ----

  interface Expr {
    Object eval(State s);
  }

  interface Stmt {
    /** Runs; answers NEXT or EXIT or null. */
    Signal run(State s);
  }

  enum Signal {
    NEXT,
    EXIT,
    BREAK,
    CONTINUE
  }

  record Rule(int kind, Expr pattern, Stmt action) {} // kind 0 normal, 1 BEGIN, 2 END

  private final List<Rule> rules;

  AwkProgram(List<Rule> rules) {
    this.rules = rules;
  }

  public static AwkProgram parse(String text) throws SyntaxError {
    return new AwkParser(text).program();
  }

  /** A new state with -v assignments and FS applied. */
  public static State state(Map<String, String> assigns, String fs, Runnable checkpoint) {
    State s = new State(checkpoint);
    if (fs != null) {
      s.vars.put("FS", fs.equals("t") ? "\t" : fs);
    }
    assigns.forEach((k, v) -> s.vars.put(k, input(v)));
    return s;
  }

  public boolean hasMainRules() {
    return rules.stream().anyMatch(r -> r.kind() != 1);
  }

  public void begin(State s) {
    runRules(s, 1);
  }

  public void record(State s, String line) {
    if (s.exiting) {
      return;
    }
    s.vars.put("NR", num(s.vars.get("NR")) + 1);
    s.setRecord(line);
    runRules(s, 0);
  }

  /** The END rules (they run after exit in a main rule too, as in awk). */
  public void end(State s) {
    s.exiting = false;
    runRules(s, 2);
  }

  public int exitCode(State s) {
    return s.exitCode;
  }

  private void runRules(State s, int kind) {
    for (Rule r : rules) {
      if (s.exiting) {
        return;
      }
      if (r.kind() != kind) {
        continue;
      }
      if (r.pattern() != null && !truthy(r.pattern().eval(s))) {
        continue;
      }
      Signal sig = r.action() == null ? print(s, List.of()) : r.action().run(s);
      if (sig == Signal.NEXT) {
        return;
      }
      if (sig == Signal.EXIT) {
        s.exiting = true;
        return;
      }
    }
  }

  static Signal print(State s, List<Expr> args) {
    if (args.isEmpty()) {
      s.out.append(s.record);
    } else {
      String ofs = str(s.vars.get("OFS"));
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          s.out.append(ofs);
        }
        Object v = args.get(i).eval(s);
        s.out.append(v instanceof Double ? str(v) : v.toString());
      }
    }
    s.out.append(str(s.vars.get("ORS")));
    return null;
  }

  static String sprintf(String fmt, List<Object> args) {
    StringBuilder sb = new StringBuilder();
    int ai = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      int j = i + 1;
      while (j < fmt.length() && "-+ #0123456789.*".indexOf(fmt.charAt(j)) >= 0) {
        j++;
      }
      if (j >= fmt.length()) {
        sb.append(fmt, i, fmt.length());
        break;
      }
      String spec = fmt.substring(i + 1, j).replace("*", "");
      char conv = fmt.charAt(j);
      i = j;
      if (conv == '%') {
        sb.append('%');
        continue;
      }
      Object arg = ai < args.size() ? args.get(ai++) : "";
      try {
        switch (conv) {
          case 'd', 'i' ->
              sb.append(
                  String.format(
                      Locale.ROOT, "%" + spec.replaceAll("\\.\\d*", "") + "d", (long) num(arg)));
          case 'f', 'e', 'g', 'E', 'G' ->
              sb.append(String.format(Locale.ROOT, "%" + spec + conv, num(arg)));
          case 'x', 'X', 'o' ->
              sb.append(String.format(Locale.ROOT, "%" + spec + conv, (long) num(arg)));
          case 'c' -> {
            String t = arg instanceof Double d ? String.valueOf((char) (int) (double) d) : str(arg);
            sb.append(t.isEmpty() ? "" : t.substring(0, 1));
          }
          default -> sb.append(String.format(Locale.ROOT, "%" + spec + "s", str(arg)));
        }
      } catch (java.util.IllegalFormatException e) {
        throw new RunError("bad printf format: %" + spec + conv);
      }
    }
    return sb.toString();
  }

  static Pattern regex(String re) {
    if (re.length() > 1000) {
      throw new RunError("regular expression too long for the lab's awk");
    }
    try {
      return Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw new RunError("syntax error in regular expression " + re + " at source line 1");
    }
  }

  /** A /regex/ used as a value: alone it matches $0; after ~ or in sub() it is the pattern. */
  record RegexValue(String re) {}

  record RegexExpr(String re, Pattern p) implements Expr {
    @Override
    public Object eval(State s) {
      return p.matcher(s.record).find() ? 1.0 : 0.0;
    }
  }

  interface LValue extends Expr {
    void assign(State s, Object v);
  }

  /** A plain variable; assigning NF cuts or extends the record, as in awk. */
  record VarRef(String name) implements LValue {
    @Override
    public Object eval(State s) {
      Object v = s.vars.get(name);
      return v == null ? input("") : v;
    }

    @Override
    public void assign(State s, Object v) {
      s.vars.put(name, v);
      if (name.equals("NF")) {
        int nf = (int) num(v);
        if (nf < 0 || nf > 100_000) {
          throw new RunError("NF set to an out of range value");
        }
        while (s.fields.size() > nf) {
          s.fields.remove(s.fields.size() - 1);
        }
        while (s.fields.size() < nf) {
          s.fields.add("");
        }
        s.record = String.join(str(s.vars.get("OFS")), s.fields);
      }
    }
  }

  static final class FieldZero implements LValue {
    @Override
    public Object eval(State s) {
      return input(s.record);
    }

    @Override
    public void assign(State s, Object v) {
      s.setRecord(str(v));
    }
  }

  static Object arith(String op, Object a, Object b) {
    double x = num(a);
    double y = num(b);
    return switch (op) {
      case "+" -> x + y;
      case "-" -> x - y;
      case "*" -> x * y;
      case "^" -> Math.pow(x, y);
      case "/" -> {
        if (y == 0) {
          throw new RunError("division by zero");
        }
        yield x / y;
      }
      default -> {
        if (y == 0) {
          throw new RunError("division by zero in %");
        }
        yield x % y;
      }
    };
  }
}
