package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** cut, tr and date: small helpers that Istio's docs pipe kubectl output through. */
final class MoreTextCommands {
  private MoreTextCommands() {}

  static void register(Map<String, Command> m) {
    m.put("cut", MoreTextCommands::cut);
    m.put("tr", MoreTextCommands::tr);
    m.put("date", MoreTextCommands::date);
  }

  static Future<Integer> cut(Invocation inv) {
    String delim = "\t";
    String fields = null;
    String chars = null;
    List<String> files = new ArrayList<>();
    List<String> a = inv.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.startsWith("-d")) {
        delim = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
      } else if (s.startsWith("-f")) {
        fields = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
      } else if (s.startsWith("-c")) {
        chars = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
      } else if (s.startsWith("-") && s.length() > 1) {
        return inv.fail(1, "invalid option -- '" + s.substring(1) + "'");
      } else {
        files.add(s);
      }
    }
    if (delim == null || delim.length() != 1) {
      return inv.fail(1, "the delimiter must be a single character");
    }
    if ((fields == null) == (chars == null)) {
      return inv.fail(1, "you must specify a list of bytes, characters, or fields");
    }
    TreeSet<Integer> picks;
    try {
      picks = ranges(fields != null ? fields : chars);
    } catch (NumberFormatException e) {
      return inv.fail(1, "invalid field value '" + (fields != null ? fields : chars) + "'");
    }
    String text = inv.stdin() == null ? "" : inv.stdin();
    if (!files.isEmpty()) {
      StringBuilder all = new StringBuilder();
      for (String f : files) {
        try {
          String part = inv.files().read(inv.resolve(f));
          if ((long) all.length() + part.length() > TextCommands.MAX_INPUT_CHARS) {
            throw new dev.trafficlab.terminal.memory.MemoryLimitException(
                "memory limit exceeded: cut may read at most "
                    + TextCommands.MAX_INPUT_CHARS / (1024 * 1024)
                    + " MiB of files at once");
          }
          all.append(part);
        } catch (dev.trafficlab.terminal.files.FilesException e) {
          return inv.fail(1, f + ": " + e.getMessage());
        }
      }
      text = all.toString();
    }
    StringBuilder out = new StringBuilder();
    for (String line : TextCommands.lines(text)) {
      if (fields != null) {
        if (!line.contains(delim)) {
          out.append(line).append('\n');
          continue;
        }
        String[] parts = line.split(java.util.regex.Pattern.quote(delim), -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
          if (picks.contains(i + 1) || (picks.contains(-1) && i + 1 >= picks.last())) {
            kept.add(parts[i]);
          }
        }
        out.append(String.join(delim, kept)).append('\n');
      } else {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
          if (picks.contains(i + 1)) {
            kept.append(line.charAt(i));
          }
        }
        out.append(kept).append('\n');
      }
    }
    inv.print(out.toString());
    return Invocation.exit(0);
  }

  /** "1,3-5,7-" as a set of positions (an open end is bounded at 1000). */
  private static TreeSet<Integer> ranges(String spec) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : spec.split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        out.add(Integer.parseInt(part.trim()));
      } else {
        int from = dash == 0 ? 1 : Integer.parseInt(part.substring(0, dash).trim());
        int to =
            dash == part.length() - 1 ? 1000 : Integer.parseInt(part.substring(dash + 1).trim());
        for (int i = from; i <= Math.min(to, 1000); i++) {
          out.add(i);
        }
      }
    }
    return out;
  }

  static Future<Integer> tr(Invocation inv) {
    boolean delete = false;
    List<String> sets = new ArrayList<>();
    for (String a : inv.args()) {
      if (a.equals("-d")) {
        delete = true;
      } else {
        sets.add(expand(a));
      }
    }
    if (sets.isEmpty() || (!delete && sets.size() < 2)) {
      return inv.fail(1, "missing operand");
    }
    String in = inv.stdin() == null ? "" : inv.stdin();
    StringBuilder out = new StringBuilder();
    String from = sets.get(0);
    String to = delete ? "" : sets.get(1);
    for (char c : in.toCharArray()) {
      int i = from.indexOf(c);
      if (i < 0) {
        out.append(c);
      } else if (!delete) {
        out.append(to.isEmpty() ? c : to.charAt(Math.min(i, to.length() - 1)));
      }
    }
    inv.print(out.toString());
    return Invocation.exit(0);
  }

  private static String expand(String set) {
    String s =
        set.replace("[:lower:]", "a-z")
            .replace("[:upper:]", "A-Z")
            .replace("[:digit:]", "0-9")
            .replace("[:space:]", " \t\n")
            .replace("\\n", "\n")
            .replace("\\t", "\t");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (i + 2 < s.length() && s.charAt(i + 1) == '-') {
        for (char c = s.charAt(i); c <= s.charAt(i + 2); c++) {
          sb.append(c);
        }
        i += 2;
      } else {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }

  static Future<Integer> date(Invocation inv) {
    if (!inv.args().isEmpty() && inv.args().get(0).startsWith("+")) {
      inv.println(DateFormat.format(inv.args().get(0).substring(1), inv.clock().instant()));
      return Invocation.exit(0);
    }
    inv.println(
        DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .format(inv.clock().instant().atZone(ZoneOffset.UTC)));
    return Invocation.exit(0);
  }
}
