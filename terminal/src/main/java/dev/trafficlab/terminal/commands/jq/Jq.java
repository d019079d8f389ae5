package dev.trafficlab.terminal.commands.jq;

import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** jq [-r] [-c] [-S] [-n] [-s] [-e] [-j] [--arg NAME VALUE] FILTER [FILE...]. */
public final class Jq {
  private Jq() {}

  public static Future<Integer> run(Invocation inv) {
    boolean raw = false;
    boolean compact = false;
    boolean sortKeys = false;
    boolean nullInput = false;
    boolean slurp = false;
    boolean exitStatus = false;
    boolean join = false;
    String filterText = null;
    Map<String, Object> vars = new LinkedHashMap<>();
    List<String> files = new ArrayList<>();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--arg") || a.equals("--argjson")) && i + 2 < args.size()) {
        String value = args.get(i + 2);
        if (a.equals("--arg")) {
          vars.put(args.get(i + 1), value);
        } else {
          try {
            List<Object> v = JsonText.parseAll(value);
            vars.put(args.get(i + 1), v.isEmpty() ? JsonText.NULL : v.get(0));
          } catch (JsonText.Malformed e) {
            inv.eprintln("jq: Invalid JSON text passed to --argjson");
            return Invocation.exit(2);
          }
        }
        i += 2;
      } else if (a.startsWith("--")) {
        switch (a) {
          case "--raw-output" -> raw = true;
          case "--compact-output" -> compact = true;
          case "--sort-keys" -> sortKeys = true;
          case "--null-input" -> nullInput = true;
          case "--slurp" -> slurp = true;
          case "--exit-status" -> exitStatus = true;
          case "--join-output" -> {
            raw = true;
            join = true;
          }
          case "--monochrome-output", "--color-output", "--tab" -> {}
          default -> {
            inv.eprintln("jq: Unknown option: " + a);
            return usage(inv);
          }
        }
      } else if (a.startsWith("-")
          && a.length() > 1
          && (filterText != null || !a.matches("-[0-9.].*"))) {
        for (char c : a.substring(1).toCharArray()) {
          switch (c) {
            case 'r' -> raw = true;
            case 'c' -> compact = true;
            case 'S' -> sortKeys = true;
            case 'n' -> nullInput = true;
            case 's' -> slurp = true;
            case 'e' -> exitStatus = true;
            case 'j' -> {
              raw = true;
              join = true;
            }
            case 'M', 'C', 'a' -> {}
            default -> {
              inv.eprintln("jq: Unknown option: " + a);
              return usage(inv);
            }
          }
        }
      } else if (filterText == null) {
        filterText = a;
      } else {
        files.add(a);
      }
    }
    if (filterText == null) {
      return usage(inv);
    }
    JqFilter filter;
    try {
      filter = JqFilter.compile(filterText);
    } catch (JqFilter.CompileError e) {
      inv.eprintln("jq: error: " + e.getMessage());
      inv.eprintln("jq: 1 compile error");
      return Invocation.exit(3);
    }
    List<Object> inputs = new ArrayList<>();
    long lines = 0;
    String where = files.isEmpty() ? "<stdin>" : files.get(0);
    if (nullInput) {
      inputs.add(JsonText.NULL);
    } else {
      StringBuilder text = new StringBuilder();
      if (files.isEmpty()) {
        text.append(inv.stdin() == null ? "" : inv.stdin());
      }
      for (String f : files) {
        try {
          String content = inv.files().read(inv.resolve(f));
          text.append(content).append(content.endsWith("\n") ? "" : "\n");
        } catch (FilesException e) {
          inv.eprintln("jq: error: Could not open " + f + ": " + e.getMessage());
          return Invocation.exit(2);
        }
      }
      lines = text.chars().filter(ch -> ch == '\n').count();
      try {
        inputs.addAll(JsonText.parseAll(text.toString()));
      } catch (JsonText.Malformed e) {
        inv.eprintln("parse error: " + e.getMessage());
        return Invocation.exit(2);
      }
      if (slurp) {
        inputs = List.of(new ArrayList<>(inputs));
      }
    }
    Object last = null;
    for (Object input : inputs) {
      List<Object> results;
      try {
        results = filter.apply(input, new LinkedHashMap<>(vars), () -> inv.budget().checkpoint());
      } catch (JqFilter.RuntimeError e) {
        inv.eprintln("jq: error (at " + where + ":" + lines + "): " + e.getMessage());
        return Invocation.exit(5);
      } catch (StackOverflowError e) {
        inv.eprintln("jq: error: the filter recursed too deeply for the lab's jq");
        return Invocation.exit(5);
      }
      StringBuilder out = new StringBuilder();
      for (Object r : results) {
        out.append(raw && r instanceof String s ? s : JsonText.print(r, compact, sortKeys));
        if (!join) {
          out.append('\n');
        }
        last = r;
      }
      inv.print(out.toString());
    }
    if (exitStatus) {
      return Invocation.exit(last == null ? 4 : JqValues.truthy(last) ? 0 : 1);
    }
    return Invocation.exit(0);
  }

  private static Future<Integer> usage(Invocation inv) {
    inv.eprintln("Usage:\tjq [OPTIONS] FILTER [FILES...]");
    inv.eprintln("Use jq --help for help with command-line options,");
    inv.eprintln("or see the jq manpage, or online docs  at https://stedolan.github.io/jq");
    return Invocation.exit(2);
  }
}
