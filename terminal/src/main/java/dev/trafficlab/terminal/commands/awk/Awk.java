package dev.trafficlab.terminal.commands.awk;

import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** awk [-F SEP] [-v NAME=VALUE] 'PROGRAM' [FILE...]: see {@link AwkProgram} for the language. */
public final class Awk {
  private Awk() {}

  public static Future<Integer> run(Invocation inv) {
    String fs = null;
    Map<String, String> assigns = new LinkedHashMap<>();
    String program = null;
    List<String> files = new ArrayList<>();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (program == null && a.startsWith("-F")) {
        String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
        if (v == null) {
          return usage(inv, "option requires an argument -- F");
        }
        fs = v.equals("\\t") ? "\t" : v;
      } else if (program == null && a.startsWith("-v")) {
        String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
        if (v == null || !v.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
          return usage(inv, "improper assignment: -v " + v);
        }
        assigns.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
      } else if (program == null && a.equals("-f")) {
        inv.eprintln(
            "awk: program files (-f) are not supported by the lab's shell; pass the program inline");
        return Invocation.exit(2);
      } else if (program == null && a.equals("--")) {
        continue;
      } else if (program == null) {
        program = a;
      } else {
        files.add(a);
      }
    }
    if (program == null) {
      return usage(inv, null);
    }
    AwkProgram p;
    try {
      p = AwkProgram.parse(program);
    } catch (AwkProgram.SyntaxError e) {
      inv.eprintln("awk: " + e.getMessage());
      return Invocation.exit(2);
    }
    AwkProgram.State state = AwkProgram.state(assigns, fs, () -> inv.budget().checkpoint());
    try {
      p.begin(state);
      inv.print(state.drain());
      if (p.hasMainRules()) {
        List<String> texts = new ArrayList<>();
        if (files.isEmpty()) {
          texts.add(inv.stdin() == null ? "" : inv.stdin());
        }
        for (String f : files) {
          try {
            texts.add(
                f.equals("-")
                    ? (inv.stdin() == null ? "" : inv.stdin())
                    : inv.files().read(inv.resolve(f)));
          } catch (FilesException e) {
            inv.eprintln("awk: cannot open " + f + " (" + e.getMessage() + ")");
            return Invocation.exit(2);
          }
        }
        for (String text : texts) {
          int from = 0;
          while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            String line = nl < 0 ? text.substring(from) : text.substring(from, nl);
            from = nl < 0 ? text.length() : nl + 1;
            p.record(state, line);
            inv.print(state.drain());
          }
        }
      }
      p.end(state);
      inv.print(state.drain());
    } catch (AwkProgram.RunError e) {
      inv.print(state.drain());
      inv.eprintln("awk: " + e.getMessage());
      return Invocation.exit(2);
    } catch (StackOverflowError e) {
      inv.eprintln("awk: the program recursed too deeply for the lab's awk");
      return Invocation.exit(2);
    }
    return Invocation.exit(p.exitCode(state));
  }

  private static Future<Integer> usage(Invocation inv, String problem) {
    if (problem != null) {
      inv.eprintln("awk: " + problem);
    }
    inv.eprintln("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]");
    return Invocation.exit(2);
  }
}
