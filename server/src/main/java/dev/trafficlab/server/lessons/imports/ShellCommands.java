package dev.trafficlab.server.lessons.imports;

import dev.trafficlab.terminal.commands.StandardCommands;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a script or a run button calls that the lab's safe shell does not have (helm,
 * docker, apt-get, ...), for the import report. A reading of each simple command's first word, not
 * a full parse: enough to tell an author what will answer "command not found".
 */
public final class ShellCommands {
  private ShellCommands() {}

  private static final Set<String> KNOWN = known();

  private static Set<String> known() {
    Set<String> names = new java.util.HashSet<>(StandardCommands.all().keySet());
    names.addAll(
        Set.of(
            "cd",
            "pwd",
            "exit",
            "return",
            "break",
            "continue",
            "read",
            "[",
            "[[",
            "test",
            "if",
            "then",
            "else",
            "elif",
            "fi",
            "for",
            "while",
            "until",
            "do",
            "done",
            "case",
            "esac",
            "in",
            "function",
            "{",
            "}",
            "!",
            "time",
            "select",
            "local",
            "export"));
    return Set.copyOf(names);
  }

  private static final Pattern SEPARATOR =
      Pattern.compile("\\|\\||&&|[|;&\\n(]|\\$\\(|`|\\bthen\\b|\\bdo\\b|\\belse\\b");
  private static final Pattern FUNCTION =
      Pattern.compile("(?m)^\\s*(function\\s+)?([\\w.\\-]+)\\s*\\(\\)");

  /** The names called in {@code script} that the shell has no command, function or alias for. */
  public static Set<String> missing(String script) {
    String code = stripQuotedAndHeredocs(script);
    Set<String> functions = new java.util.HashSet<>();
    Matcher f = FUNCTION.matcher(code);
    while (f.find()) {
      functions.add(f.group(2));
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : SEPARATOR.split(code)) {
      String word = firstWord(part);
      if (word == null
          || KNOWN.contains(word)
          || functions.contains(word)
          || word.contains("/")
          || word.startsWith("$")
          || word.startsWith("-")
          || !word.matches("[A-Za-z_][\\w.+\\-]*")) {
        continue;
      }
      out.add(word);
    }
    return out;
  }

  private static String firstWord(String part) {
    for (String w : part.strip().split("\\s+")) {
      if (w.isEmpty() || w.matches("[A-Za-z_]\\w*=.*") || w.equals("!") || w.equals("time")) {
        continue; // VAR=value prefixes and negation come before the command
      }
      if (w.startsWith(")") || w.startsWith("}") || w.startsWith(">") || w.startsWith("<")) {
        return null;
      }
      return w;
    }
    return null;
  }

  /** The script with quoted strings blanked and here-document bodies dropped. */
  static String stripQuotedAndHeredocs(String script) {
    StringBuilder out = new StringBuilder();
    String[] lines = script.replace("\r\n", "\n").split("\n", -1);
    String heredoc = null;
    for (String line : lines) {
      if (heredoc != null) {
        if (line.strip().equals(heredoc)) {
          heredoc = null;
        }
        continue;
      }
      Matcher m = Pattern.compile("<<-?\\s*['\"]?(\\w+)['\"]?").matcher(line);
      if (m.find()) {
        heredoc = m.group(1);
      }
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
            out.append(' ');
          } else {
            out.append('x');
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          out.append(' ');
        } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
          break;
        } else {
          out.append(c);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }
}
