package dev.trafficlab.terminal.commands;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.memory.MemoryLimitException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * grep, head, tail, wc, sort, uniq: line filters over stdin or files. grep uses RE2 (linear time),
 * so no pattern can stall the event loop.
 */
final class TextCommands {
  private TextCommands() {}

  static void register(Map<String, Command> m) {
    m.put("grep", TextCommands::grep);
    m.put("egrep", inv -> grep(inv, true));
    m.put("head", inv -> headTail(inv, true));
    m.put("tail", inv -> headTail(inv, false));
    m.put("wc", TextCommands::wc);
    m.put("sort", TextCommands::sort);
    m.put("uniq", TextCommands::uniq);
  }

  /** The named inputs (or stdin), each as (name, text); errors are printed and flagged. */
  private record Input(String name, String text) {}

  /**
   * What one text command may read in all (a file may be named many times; each is at most 512
   * KiB).
   */
  static final int MAX_INPUT_CHARS = 4 * 1024 * 1024;

  private static List<Input> inputs(Invocation inv, List<String> files, boolean[] failed) {
    List<Input> out = new ArrayList<>();
    long[] chars = {0};
    if (files.isEmpty()) {
      out.add(new Input("(standard input)", inv.stdin() == null ? "" : inv.stdin()));
      return out;
    }
    for (String f : files) {
      if (f.equals("-")) {
        out.add(new Input("(standard input)", inv.stdin() == null ? "" : inv.stdin()));
        continue;
      }
      try {
        String text = inv.files().read(inv.resolve(f));
        chars[0] += text.length();
        if (chars[0] > MAX_INPUT_CHARS) {
          throw new MemoryLimitException(
              "memory limit exceeded: "
                  + inv.name()
                  + " may read at most "
                  + MAX_INPUT_CHARS / (1024 * 1024)
                  + " MiB of files at once");
        }
        out.add(new Input(f, text));
      } catch (FilesException e) {
        inv.eprintln(inv.name() + ": " + f + ": " + e.getMessage());
        failed[0] = true;
      }
    }
    return out;
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        out.add(text.substring(start));
        break;
      }
      out.add(text.substring(start, nl));
      start = nl + 1;
    }
    return out;
  }

  static Future<Integer> grep(Invocation inv) {
    return grep(inv, false);
  }

  static Future<Integer> grep(Invocation inv, boolean extendedDefault) {
    boolean invert = false;
    boolean ignoreCase = false;
    boolean count = false;
    boolean extended = extendedDefault;
    boolean fixed = false;
    boolean numbers = false;
    boolean quiet = false;
    boolean onlyMatching = false;
    boolean words = false;
    int after = 0;
    int before = 0;
    List<String> patterns = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> args = inv.args();
    boolean optionsDone = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!optionsDone && a.equals("--")) {
        optionsDone = true;
      } else if (!optionsDone && a.startsWith("--")) {
        switch (a) {
          case "--invert-match" -> invert = true;
          case "--ignore-case" -> ignoreCase = true;
          case "--count" -> count = true;
          case "--extended-regexp" -> extended = true;
          case "--fixed-strings" -> fixed = true;
          case "--quiet", "--silent" -> quiet = true;
          case "--only-matching" -> onlyMatching = true;
          case "--color", "--color=auto", "--color=never", "--colour" -> {}
          case "--word-regexp" -> words = true;
          case "--line-number" -> numbers = true;
          default -> {
            if (a.matches("--(after|before)-context=\\d+|--context=\\d+")) {
              int v = Integer.parseInt(a.substring(a.indexOf('=') + 1));
              if (!a.startsWith("--before")) {
                after = v;
              }
              if (!a.startsWith("--after")) {
                before = v;
              }
              continue;
            }
            inv.eprintln("grep: unrecognized option '" + a + "'");
            return Invocation.exit(2);
          }
        }
      } else if (!optionsDone && a.startsWith("-") && a.length() > 1) {
        for (int k = 1; k < a.length(); k++) {
          char c = a.charAt(k);
          switch (c) {
            case 'v' -> invert = true;
            case 'i' -> ignoreCase = true;
            case 'c' -> count = true;
            case 'E' -> extended = true;
            case 'F' -> fixed = true;
            case 'G' -> extended = false;
            case 'n' -> numbers = true;
            case 'q' -> quiet = true;
            case 'o' -> onlyMatching = true;
            case 'w' -> words = true;
            case 's', 'h', 'H' -> {}
            case 'A', 'B', 'C' -> {
              String rest = a.substring(k + 1);
              String v = !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : null;
              if (v == null) {
                inv.eprintln("grep: option requires an argument -- '" + c + "'");
                return Invocation.exit(2);
              }
              if (!v.matches("\\d{1,9}")) {
                inv.eprintln("grep: " + v + ": invalid context length argument");
                return Invocation.exit(2);
              }
              int num = Integer.parseInt(v);
              if (c != 'B') {
                after = num;
              }
              if (c != 'A') {
                before = num;
              }
              k = a.length();
            }
            case 'e' -> {
              String rest = a.substring(k + 1);
              if (!rest.isEmpty()) {
                patterns.add(rest);
              } else if (i + 1 < args.size()) {
                patterns.add(args.get(++i));
              } else {
                inv.eprintln("grep: option requires an argument -- 'e'");
                return Invocation.exit(2);
              }
              k = a.length();
            }
            default -> {
              inv.eprintln("grep: invalid option -- '" + c + "'");
              inv.eprintln("Usage: grep [OPTION]... PATTERNS [FILE]...");
              return Invocation.exit(2);
            }
          }
        }
      } else if (patterns.isEmpty() && !hasE(args)) {
        patterns.add(a);
      } else {
        files.add(a);
      }
    }
    if (patterns.isEmpty()) {
      inv.eprintln("Usage: grep [OPTION]... PATTERNS [FILE]...");
      inv.eprintln("Try 'grep --help' for more information.");
      return Invocation.exit(2);
    }
    List<Pattern> compiled = new ArrayList<>();
    try {
      for (String p : patterns) {
        for (String alt : p.split("\n", -1)) {
          String re = fixed ? Pattern.quote(alt) : extended ? alt : basicToExtended(alt);
          if (words) {
            re = "\\b(?:" + re + ")\\b";
          }
          if (RegexSize.tooBig(re)) {
            inv.eprintln("grep: Regular expression too big");
            return Invocation.exit(2);
          }
          compiled.add(Pattern.compile(re, ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
        }
      }
    } catch (PatternSyntaxException e) {
      inv.eprintln("grep: " + e.getDescription());
      return Invocation.exit(2);
    }
    boolean[] failed = {false};
    List<Input> ins = inputs(inv, files, failed);
    boolean prefix = ins.size() > 1;
    boolean any = false;
    boolean context = (after > 0 || before > 0) && !count && !quiet && !onlyMatching;
    boolean printedGroup = false;
    StringBuilder out = new StringBuilder();
    for (Input in : ins) {
      int n = 0;
      List<String> lines = lines(in.text());
      int lastPrinted = -1;
      int afterLeft = 0;
      for (int ln = 0; ln < lines.size(); ln++) {
        if (ln % 1024 == 0) {
          inv.budget().checkpoint();
        }
        String line = lines.get(ln);
        boolean match = false;
        for (Pattern p : compiled) {
          if (p.matcher(line).find()) {
            match = true;
            break;
          }
        }
        if (match == invert) {
          if (context && afterLeft > 0) {
            out.append(contextLine(prefix, in.name(), numbers, ln, line));
            lastPrinted = ln;
            afterLeft--;
          }
          continue;
        }
        n++;
        any = true;
        if (quiet || count) {
          continue;
        }
        if (context) {
          int from = Math.max(lastPrinted + 1, ln - before);
          if (printedGroup && from > lastPrinted + 1) {
            out.append("--\n");
          }
          for (int b = from; b < ln; b++) {
            out.append(contextLine(prefix, in.name(), numbers, b, lines.get(b)));
          }
          printedGroup = true;
          lastPrinted = ln;
          afterLeft = after;
        }
        String pre = (prefix ? in.name() + ":" : "") + (numbers ? (ln + 1) + ":" : "");
        if (onlyMatching && !invert) {
          for (Pattern p : compiled) {
            Matcher m = p.matcher(line);
            while (m.find()) {
              if (m.end() > m.start()) {
                out.append(pre).append(m.group()).append('\n');
              }
            }
          }
        } else {
          out.append(pre).append(line).append('\n');
        }
      }
      if (count && !quiet) {
        out.append(prefix ? in.name() + ":" : "").append(n).append('\n');
      }
      if (quiet && any) {
        break;
      }
    }
    inv.print(out.toString());
    return Invocation.exit(failed[0] && !(quiet && any) ? 2 : any ? 0 : 1);
  }

  /** A line around a match (-A/-B/-C): GNU grep marks it with '-' where a match has ':'. */
  private static String contextLine(
      boolean prefix, String name, boolean numbers, int ln, String line) {
    return (prefix ? name + "-" : "") + (numbers ? (ln + 1) + "-" : "") + line + "\n";
  }

  private static boolean hasE(List<String> args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('e') > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * POSIX basic regex to RE2 syntax: in BRE, + ? | ( ) { } are literal and their escaped forms are
   * operators.
   */
  static String basicToExtended(String bre) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bre.length(); i++) {
      char c = bre.charAt(i);
      if (c == '\\' && i + 1 < bre.length()) {
        char n = bre.charAt(++i);
        if ("+?|(){}".indexOf(n) >= 0) {
          sb.append(n);
        } else {
          sb.append('\\').append(n);
        }
      } else if ("+?|(){}".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static Future<Integer> headTail(Invocation inv, boolean head) {
    long n = 10;
    boolean fromStart = false;
    boolean follow = false;
    List<String> files = new ArrayList<>();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String num = null;
      if (a.equals("-n") || a.equals("--lines")) {
        if (i + 1 >= args.size()) {
          return inv.fail(1, "option requires an argument -- 'n'");
        }
        num = args.get(++i);
      } else if (a.startsWith("-n")) {
        num = a.substring(2);
      } else if (a.startsWith("--lines=")) {
        num = a.substring(8);
      } else if (a.matches("-[0-9]+")) {
        num = a.substring(1);
      } else if (!head && (a.equals("-f") || a.equals("-F") || a.equals("--follow"))) {
        follow = true;
      } else if (a.startsWith("-") && a.length() > 1) {
        return inv.fail(1, "invalid option -- '" + a.substring(1) + "'");
      } else {
        files.add(a);
      }
      if (num != null) {
        if (!head && num.startsWith("+")) {
          fromStart = true;
          num = num.substring(1);
        }
        try {
          n = Long.parseLong(num);
        } catch (NumberFormatException e) {
          return inv.fail(1, "invalid number of lines: '" + num + "'");
        }
      }
    }
    boolean[] failed = {false};
    List<Input> ins = inputs(inv, files, failed);
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < ins.size(); k++) {
      Input in = ins.get(k);
      if (ins.size() > 1) {
        out.append(k > 0 ? "\n" : "").append("==> ").append(in.name()).append(" <==\n");
      }
      List<String> lines = lines(in.text());
      int size = lines.size();
      int from;
      int to;
      if (head) {
        from = 0;
        to = n >= 0 ? (int) Math.min(n, size) : (int) Math.max(0, size + n);
      } else if (fromStart) {
        from = (int) Math.min(size, Math.max(0, n - 1));
        to = size;
      } else {
        from = (int) Math.max(0, size - n);
        to = size;
      }
      for (int i = from; i < to; i++) {
        out.append(lines.get(i)).append('\n');
      }
    }
    inv.print(out.toString());
    if (follow && !files.isEmpty() && !failed[0]) {
      if (!inv.live()) {
        inv.noteNoScreen();
        return Invocation.exit(0);
      }
      return Follow.files(
          inv, ins.stream().map(Input::name).toList(), ins.stream().map(Input::text).toList());
    }
    return Invocation.exit(failed[0] ? 1 : 0);
  }

  static Future<Integer> wc(Invocation inv) {
    boolean l = false;
    boolean w = false;
    boolean c = false;
    List<String> files = new ArrayList<>();
    for (String a : inv.args()) {
      if (a.startsWith("-") && a.length() > 1) {
        for (char ch : a.substring(1).toCharArray()) {
          switch (ch) {
            case 'l' -> l = true;
            case 'w' -> w = true;
            case 'c', 'm' -> c = true;
            default -> {
              return inv.fail(1, "invalid option -- '" + ch + "'");
            }
          }
        }
      } else {
        files.add(a);
      }
    }
    if (!l && !w && !c) {
      l = true;
      w = true;
      c = true;
    }
    boolean[] failed = {false};
    List<Input> ins = inputs(inv, files, failed);
    long[] total = new long[3];
    List<long[]> rows = new ArrayList<>();
    for (Input in : ins) {
      String t = in.text();
      long lines = t.chars().filter(ch -> ch == '\n').count();
      long words = t.isBlank() ? 0 : t.trim().split("\\s+").length;
      long bytes = t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      rows.add(new long[] {lines, words, bytes});
      total[0] += lines;
      total[1] += words;
      total[2] += bytes;
    }
    boolean single = (l ? 1 : 0) + (w ? 1 : 0) + (c ? 1 : 0) == 1;
    boolean stdin = files.isEmpty();
    int width = single && ins.size() == 1 ? 0 : stdin ? 7 : String.valueOf(total[2]).length();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      out.append(wcRow(rows.get(i), l, w, c, width))
          .append(stdin ? "" : " " + ins.get(i).name())
          .append('\n');
    }
    if (rows.size() > 1) {
      out.append(wcRow(total, l, w, c, width)).append(" total\n");
    }
    inv.print(out.toString());
    return Invocation.exit(failed[0] ? 1 : 0);
  }

  private static String wcRow(long[] v, boolean l, boolean w, boolean c, int width) {
    List<String> cells = new ArrayList<>();
    String fmt = width == 0 ? "%d" : "%" + width + "d";
    if (l) {
      cells.add(String.format(fmt, v[0]));
    }
    if (w) {
      cells.add(String.format(fmt, v[1]));
    }
    if (c) {
      cells.add(String.format(fmt, v[2]));
    }
    return String.join(" ", cells);
  }

  /** A -k key: fields from..to (1-based, to 0 for the end of the line) and its own flags. */
  private record SortKey(int from, int to, boolean numeric, boolean reverse) {}

  static Future<Integer> sort(Invocation inv) {
    boolean reverse = false;
    boolean numeric = false;
    boolean unique = false;
    String separator = null;
    List<SortKey> keys = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-") && a.length() > 1) {
        for (int k = 1; k < a.length(); k++) {
          char ch = a.charAt(k);
          switch (ch) {
            case 'r' -> reverse = true;
            case 'n', 'g', 'h' -> numeric = true;
            case 'u' -> unique = true;
            case 'b', 'f', 's', 'V' -> {}
            case 'k', 't' -> {
              String rest = a.substring(k + 1);
              String v = !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : null;
              if (v == null) {
                return inv.fail(2, "option requires an argument -- '" + ch + "'");
              }
              if (ch == 't') {
                if (v.length() != 1) {
                  return inv.fail(2, "multi-character tab '" + v + "'");
                }
                separator = v;
              } else {
                SortKey key = sortKey(v);
                if (key == null) {
                  return inv.fail(
                      2, "invalid number at field start: invalid count at start of '" + v + "'");
                }
                keys.add(key);
              }
              k = a.length();
            }
            default -> {
              return inv.fail(2, "invalid option -- '" + ch + "'");
            }
          }
        }
      } else {
        files.add(a);
      }
    }
    boolean[] failed = {false};
    List<String> all = new ArrayList<>();
    inputs(inv, files, failed).forEach(in -> all.addAll(lines(in.text())));
    Comparator<String> cmp;
    if (keys.isEmpty()) {
      cmp =
          numeric
              ? Comparator.comparingDouble(TextCommands::leadingNumber)
                  .thenComparing(Comparator.naturalOrder())
              : Comparator.naturalOrder();
      if (reverse) {
        cmp = cmp.reversed();
      }
    } else {
      String sep = separator;
      boolean allNumeric = numeric;
      boolean allReverse = reverse;
      Comparator<String> byKeys = null;
      for (SortKey key : keys) {
        boolean n = key.numeric() || allNumeric;
        Comparator<String> one =
            n
                ? Comparator.comparingDouble(line -> leadingNumber(keyText(line, key, sep)))
                : Comparator.comparing(line -> keyText(line, key, sep));
        if (key.reverse() != allReverse) {
          one = one.reversed();
        }
        byKeys = byKeys == null ? one : byKeys.thenComparing(one);
      }
      // GNU sort's last resort when the keys are equal: the whole line
      Comparator<String> whole = Comparator.naturalOrder();
      cmp = byKeys.thenComparing(allReverse ? whole.reversed() : whole);
    }
    all.sort(cmp);
    List<String> out = unique ? new ArrayList<>(new LinkedHashSet<>(all)) : all;
    StringBuilder sb = new StringBuilder();
    out.forEach(line -> sb.append(line).append('\n'));
    inv.print(sb.toString());
    return Invocation.exit(failed[0] ? 2 : 0);
  }

  /** "2", "2,3", "2n", "2,2nr" (character offsets after a dot are ignored). */
  private static SortKey sortKey(String spec) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(\\d+)(?:\\.\\d+)?([bnrgh]*)(?:,(\\d+)(?:\\.\\d+)?([bnrgh]*))?")
            .matcher(spec);
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
      return null;
    }
    String flags = m.group(2) + (m.group(4) == null ? "" : m.group(4));
    return new SortKey(
        Integer.parseInt(m.group(1)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
        flags.contains("n") || flags.contains("g") || flags.contains("h"),
        flags.contains("r"));
  }

  /** The text of a key: fields split on sep, or on runs of blanks (leading blanks skipped). */
  private static String keyText(String line, SortKey key, String sep) {
    List<String> fields = new ArrayList<>();
    if (sep != null) {
      fields.addAll(java.util.Arrays.asList(line.split(java.util.regex.Pattern.quote(sep), -1)));
    } else {
      for (String f : line.strip().split("[ \t]+")) {
        fields.add(f);
      }
    }
    if (key.from() > fields.size()) {
      return "";
    }
    int to = key.to() == 0 ? fields.size() : Math.min(key.to(), fields.size());
    if (to < key.from()) {
      return "";
    }
    return String.join(sep == null ? " " : sep, fields.subList(key.from() - 1, to));
  }

  private static double leadingNumber(String s) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^\\s*(-?[0-9]+(\\.[0-9]+)?)").matcher(s);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  static Future<Integer> uniq(Invocation inv) {
    boolean count = false;
    boolean dupOnly = false;
    boolean uniqOnly = false;
    List<String> files = new ArrayList<>();
    for (String a : inv.args()) {
      if (a.startsWith("-") && a.length() > 1) {
        for (char ch : a.substring(1).toCharArray()) {
          switch (ch) {
            case 'c' -> count = true;
            case 'd' -> dupOnly = true;
            case 'u' -> uniqOnly = true;
            default -> {
              return inv.fail(1, "invalid option -- '" + ch + "'");
            }
          }
        }
      } else {
        files.add(a);
      }
    }
    boolean[] failed = {false};
    List<Input> ins = inputs(inv, files.isEmpty() ? files : files.subList(0, 1), failed);
    List<String> lines = ins.isEmpty() ? List.of() : lines(ins.get(0).text());
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < lines.size()) {
      int j = i;
      while (j < lines.size() && lines.get(j).equals(lines.get(i))) {
        j++;
      }
      int n = j - i;
      if ((!dupOnly || n > 1) && (!uniqOnly || n == 1)) {
        sb.append(count ? String.format("%7d ", n) : "").append(lines.get(i)).append('\n');
      }
      i = j;
    }
    inv.print(sb.toString());
    return Invocation.exit(failed[0] ? 1 : 0);
  }
}
