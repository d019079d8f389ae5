package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.ShellState;
import dev.trafficlab.terminal.TestExpression;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * The shell's own commands: echo, printf, cd, pwd, env, export, unset, clear, history, sleep, seq,
 * true, false.
 */
final class Builtins {
  private Builtins() {}

  static void register(Map<String, Command> m) {
    m.put("echo", Builtins::echo);
    m.put("printf", Builtins::printf);
    m.put("cd", Builtins::cd);
    m.put(
        "pwd",
        inv -> {
          inv.println(inv.cwd());
          return Invocation.exit(0);
        });
    m.put("env", Builtins::env);
    m.put("printenv", Builtins::printenv);
    m.put("export", Builtins::export);
    m.put("unset", Builtins::unset);
    m.put("local", Builtins::local);
    m.put("alias", Builtins::alias);
    m.put("unalias", Builtins::unalias);
    m.put("test", inv -> test(inv, inv.args()));
    m.put(
        "[",
        inv -> {
          List<String> a = inv.args();
          if (a.isEmpty() || !a.get(a.size() - 1).equals("]")) {
            inv.eprintln("bash: [: missing `]'");
            return Invocation.exit(2);
          }
          return test(inv, a.subList(0, a.size() - 1));
        });
    m.put(
        "clear",
        inv -> {
          if (inv.live()) {
            // what clear(1) writes to an xterm: home, erase the screen and the scrollback
            inv.print("\033[H\033[2J\033[3J");
          } else {
            inv.addAction(Map.of("type", "clear"));
          }
          return Invocation.exit(0);
        });
    m.put("history", Builtins::history);
    m.put("sleep", Builtins::sleep);
    m.put("seq", Builtins::seq);
    m.put("true", inv -> Invocation.exit(0));
    m.put(":", inv -> Invocation.exit(0));
    m.put("false", inv -> Invocation.exit(1));
    m.put(
        "whoami",
        inv -> {
          inv.println("root");
          return Invocation.exit(0);
        });
    m.put(
        "hostname",
        inv -> {
          inv.println("traffic-lab");
          return Invocation.exit(0);
        });
  }

  static Future<Integer> test(Invocation inv, List<String> args) {
    TestExpression.Result r = TestExpression.evaluate(args, inv.files(), inv.cwd(), inv.vars());
    if (r.error() != null) {
      inv.eprintln("bash: " + r.error());
    }
    return Invocation.exit(r.status());
  }

  static Future<Integer> unset(Invocation inv) {
    boolean functions = false;
    for (String a : inv.args()) {
      if (a.equals("-f")) {
        functions = true;
      } else if (a.equals("-v")) {
        functions = false;
      } else if (functions) {
        inv.vars().undefine(a);
      } else {
        // bash: unset NAME removes a function when no variable has that name
        if (inv.vars().get(a) == null && inv.vars().function(a) != null) {
          inv.vars().undefine(a);
        } else {
          inv.vars().unset(a);
        }
      }
    }
    return Invocation.exit(0);
  }

  static Future<Integer> local(Invocation inv) {
    int code = 0;
    for (String a : inv.args()) {
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        inv.eprintln("bash: local: `" + a + "': not a valid identifier");
        code = 1;
        continue;
      }
      if (!inv.vars().declareLocal(name)) {
        inv.eprintln("bash: local: can only be used in a function");
        return Invocation.exit(1);
      }
      if (eq >= 0) {
        inv.vars().set(name, a.substring(eq + 1));
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> alias(Invocation inv) {
    ShellState shell = inv.ctx().shell();
    List<String> args = inv.args();
    if (args.isEmpty() || args.equals(List.of("-p"))) {
      shell.aliases().forEach((k, v) -> inv.println("alias " + k + "=" + quoted(v)));
      return Invocation.exit(0);
    }
    int code = 0;
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 0) {
        String v = shell.aliases().get(a);
        if (v == null) {
          inv.eprintln("bash: alias: " + a + ": not found");
          code = 1;
        } else {
          inv.println("alias " + a + "=" + quoted(v));
        }
        continue;
      }
      String name = a.substring(0, eq);
      if (!name.matches("[A-Za-z0-9_.:@%+-]+")) {
        inv.eprintln("bash: alias: `" + name + "': invalid alias name");
        code = 1;
      } else if (!shell.setAlias(name, a.substring(eq + 1))) {
        inv.eprintln(
            "bash: alias: alias limit exceeded: at most " + ShellState.MAX_ALIASES + " aliases");
        code = 1;
      }
    }
    return Invocation.exit(code);
  }

  private static String quoted(String v) {
    return "'" + v.replace("'", "'\\''") + "'";
  }

  static Future<Integer> unalias(Invocation inv) {
    ShellState shell = inv.ctx().shell();
    if (inv.args().equals(List.of("-a"))) {
      List.copyOf(shell.aliases().keySet()).forEach(shell::removeAlias);
      return Invocation.exit(0);
    }
    if (inv.args().isEmpty()) {
      inv.eprintln("unalias: usage: unalias [-a] name [name ...]");
      return Invocation.exit(2);
    }
    int code = 0;
    for (String a : inv.args()) {
      if (!shell.removeAlias(a)) {
        inv.eprintln("bash: unalias: " + a + ": not found");
        code = 1;
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> echo(Invocation inv) {
    List<String> args = inv.args();
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      for (char c : args.get(i).substring(1).toCharArray()) {
        if (c == 'n') {
          newline = false;
        } else if (c == 'e') {
          escapes = true;
        } else {
          escapes = false;
        }
      }
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    if (escapes) {
      Escapes.Result r = Escapes.interpret(text, true);
      text = r.text();
      if (r.stop()) {
        newline = false;
      }
    }
    inv.print(newline ? text + "\n" : text);
    return Invocation.exit(0);
  }

  /**
   * printf FORMAT [ARGS]: %s %d %% and backslash escapes; the format is reused while arguments
   * remain.
   */
  static Future<Integer> printf(Invocation inv) {
    if (inv.args().isEmpty()) {
      return inv.fail(2, "usage: printf format [arguments]");
    }
    String fmt = inv.args().get(0);
    List<String> rest = inv.args().subList(1, inv.args().size());
    int used = 0;
    StringBuilder out = new StringBuilder();
    do {
      int consumed = 0;
      for (int i = 0; i < fmt.length(); i++) {
        char c = fmt.charAt(i);
        if (c == '%' && i + 1 < fmt.length()) {
          char n = fmt.charAt(++i);
          String arg = used + consumed < rest.size() ? rest.get(used + consumed) : "";
          switch (n) {
            case '%' -> out.append('%');
            case 's' -> {
              out.append(arg);
              consumed++;
            }
            case 'd', 'i' -> {
              out.append(arg.isEmpty() ? "0" : arg.replaceAll("[^0-9-].*", ""));
              consumed++;
            }
            default -> out.append('%').append(n);
          }
        } else if (c == '\\' && i + 1 < fmt.length()) {
          Escapes.Result r = Escapes.interpret(fmt.substring(i, i + 2), false);
          out.append(r.text());
          i++;
        } else {
          out.append(c);
        }
      }
      used += consumed;
      if (consumed == 0) {
        break;
      }
      if (out.length() > 64 * 1024) {
        // the format repeats for every group of arguments: hand each part to the output (and its
        // limit) as it grows
        inv.print(out.toString());
        out.setLength(0);
      }
    } while (used < rest.size());
    inv.print(out.toString());
    return Invocation.exit(0);
  }

  static Future<Integer> cd(Invocation inv) {
    String target = inv.args().isEmpty() ? SandboxFiles.HOME : inv.args().get(0);
    if (target.equals("-")) {
      String old = inv.vars().get("OLDPWD");
      target = old == null ? inv.cwd() : old;
      inv.println(target);
    }
    if (target.equals("~") || target.startsWith("~/")) {
      target = SandboxFiles.HOME + target.substring(1);
    }
    String abs = inv.resolve(target);
    SandboxFiles files = inv.files();
    if (!files.isDirectory(abs)) {
      inv.eprintln(
          "bash: cd: "
              + inv.args().get(0)
              + ": "
              + (files.isFile(abs) ? "Not a directory" : "No such file or directory"));
      return Invocation.exit(1);
    }
    inv.vars().setCwd(abs);
    return Invocation.exit(0);
  }

  static Future<Integer> env(Invocation inv) {
    if (!inv.args().isEmpty()) {
      return inv.fail(125, "running commands through env is not supported by the lab's shell");
    }
    inv.vars().environment().forEach((k, v) -> inv.println(k + "=" + v));
    return Invocation.exit(0);
  }

  static Future<Integer> printenv(Invocation inv) {
    if (inv.args().isEmpty()) {
      return env(inv);
    }
    int code = 0;
    for (String a : inv.args()) {
      String v = inv.vars().environment().get(a);
      if (v == null) {
        code = 1;
      } else {
        inv.println(v);
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> export(Invocation inv) {
    if (inv.args().isEmpty() || inv.args().equals(List.of("-p"))) {
      inv.vars().environment().forEach((k, v) -> inv.println("declare -x " + k + "=\"" + v + "\""));
      return Invocation.exit(0);
    }
    int code = 0;
    for (String a : inv.args()) {
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        inv.eprintln("bash: export: `" + a + "': not a valid identifier");
        code = 1;
        continue;
      }
      if (eq >= 0) {
        inv.vars().set(name, a.substring(eq + 1));
      } else if (inv.vars().get(name) == null) {
        inv.vars().set(name, "");
      }
      inv.vars().export(name);
    }
    return Invocation.exit(code);
  }

  static Future<Integer> history(Invocation inv) {
    List<String> h = inv.history();
    int from = 0;
    if (!inv.args().isEmpty()) {
      if (inv.args().get(0).equals("-c")) {
        inv.ctx().shell().clearHistory();
        return Invocation.exit(0);
      }
      try {
        from = Math.max(0, h.size() - Integer.parseInt(inv.args().get(0)));
      } catch (NumberFormatException e) {
        return inv.fail(1, inv.args().get(0) + ": numeric argument required");
      }
    }
    int base = inv.ctx().shell().historyBase();
    for (int i = from; i < h.size(); i++) {
      inv.println(String.format("%5d  %s", base + i + 1, h.get(i)));
    }
    return Invocation.exit(0);
  }

  static Future<Integer> sleep(Invocation inv) {
    if (inv.args().isEmpty()) {
      return inv.fail(1, "missing operand");
    }
    double seconds = 0;
    for (String a : inv.args()) {
      try {
        double mult = 1;
        String n = a;
        if (a.endsWith("s")) {
          n = a.substring(0, a.length() - 1);
        } else if (a.endsWith("m")) {
          n = a.substring(0, a.length() - 1);
          mult = 60;
        }
        double v = Double.parseDouble(n) * mult;
        if (v < 0 || Double.isNaN(v)) {
          throw new NumberFormatException();
        }
        seconds += v;
      } catch (NumberFormatException e) {
        return inv.fail(1, "invalid time interval '" + a + "'");
      }
    }
    long ms = Math.round(seconds * 1000);
    if (ms > inv.budget().maxSleepMs()) {
      return inv.fail(
          1, "the lab's sleep is limited to " + inv.budget().maxSleepMs() / 1000 + " seconds");
    }
    if (ms == 0) {
      return Invocation.exit(0);
    }
    inv.budget().countSleep(ms);
    Vertx vertx = inv.vertx();
    if (vertx == null) {
      return inv.fail(1, "no timer available outside the server");
    }
    Promise<Integer> p = Promise.promise();
    long timer = vertx.setTimer(ms, id -> p.tryComplete(0));
    // Ctrl+C: the shell ends the wait; the timer must not stay behind
    Runnable forget = inv.onInterrupt(() -> vertx.cancelTimer(timer));
    return p.future().andThen(ar -> forget.run());
  }

  /** seq prints at most this many numbers; more is refused before the first is printed. */
  static final int MAX_SEQ_NUMBERS = 100_000;

  /** GNU seq reads long doubles: larger magnitudes are invalid, smaller ones underflow to zero. */
  private static final int MAX_DECIMAL_EXPONENT = 4932;

  private static final int MIN_DECIMAL_EXPONENT = -4951;

  static Future<Integer> seq(Invocation inv) {
    List<String> a = inv.args();
    if (a.isEmpty() || a.size() > 3) {
      return inv.fail(1, a.isEmpty() ? "missing operand" : "extra operand '" + a.get(3) + "'");
    }
    BigDecimal[] n = new BigDecimal[a.size()];
    for (int i = 0; i < a.size(); i++) {
      n[i] = seqNumber(a.get(i));
      if (n[i] == null) {
        return inv.fail(1, "invalid floating point argument: '" + a.get(i) + "'");
      }
    }
    BigDecimal first = a.size() > 1 ? n[0] : BigDecimal.ONE;
    BigDecimal inc = a.size() == 3 ? n[1] : BigDecimal.ONE;
    BigDecimal last = n[a.size() - 1];
    if (inc.signum() == 0) {
      return inv.fail(1, "invalid Zero increment value: '" + a.get(1) + "'");
    }
    // How many numbers, from the arguments alone: a step too small for the range is refused before
    // any loop.
    BigDecimal span = last.subtract(first).divide(inc, MathContext.DECIMAL64);
    long count =
        span.signum() < 0
            ? 0
            : span.compareTo(BigDecimal.valueOf(MAX_SEQ_NUMBERS)) >= 0
                ? MAX_SEQ_NUMBERS + 1L
                : span.longValue() + 1;
    if (count > MAX_SEQ_NUMBERS) {
      return inv.fail(
          1,
          "the lab's seq prints at most "
              + MAX_SEQ_NUMBERS
              + " numbers; from "
              + a.get(0)
              + " to "
              + a.get(a.size() - 1)
              + (a.size() == 3 ? " by " + a.get(1) : "")
              + " would print "
              + (span.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) < 0
                  ? String.valueOf(count)
                  : "more"));
    }
    StringBuilder sb = new StringBuilder();
    BigDecimal x = first;
    for (long i = 0; i < count; i++, x = x.add(inc)) {
      if (i % 4096 == 0) {
        inv.budget().checkpoint();
      }
      sb.append(x.toPlainString()).append('\n');
    }
    inv.print(sb.toString());
    return Invocation.exit(0);
  }

  /**
   * A seq argument, or null when GNU seq would refuse it (not a number, or beyond a long double).
   */
  private static BigDecimal seqNumber(String text) {
    if (text.length() > 1000) {
      return null;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
    if (d.signum() == 0) {
      return d;
    }
    long exponent = (long) d.precision() - d.scale() - 1;
    if (exponent > MAX_DECIMAL_EXPONENT) {
      return null;
    }
    return exponent < MIN_DECIMAL_EXPONENT ? BigDecimal.ZERO : d;
  }
}
