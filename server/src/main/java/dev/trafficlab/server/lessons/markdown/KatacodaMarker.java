package dev.trafficlab.server.lessons.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Katacoda or Killercoda marker after a code span or fence asks for: {@code {{execute
 * interrupt T2}}}, {@code {{Exec}}}, {@code {{copy}}}, {@code {{open}}}, {@code {{}}}. Markers are
 * case-insensitive and their words come in any order; a word neither format defines is kept as the
 * snippet's name (Katacoda lets authors name snippets) and changes nothing.
 *
 * @param terminal T1 … T4, or null for the terminal in front
 * @param host HOST1 or HOST2 when named (the lab has one host; the page says so for HOST2)
 * @param ctrlSeq the code is a control sequence such as {@code ^C}, sent as keys
 * @param noNewline the code is typed without pressing Enter
 */
record KatacodaMarker(
    Kind kind,
    String terminal,
    boolean interrupt,
    String host,
    boolean ctrlSeq,
    boolean noNewline,
    String name) {

  enum Kind {
    EXECUTE,
    COPY,
    OPEN,
    /** {@code {{}}}: Killercoda's "no copy": the code stays plain code. */
    PLAIN
  }

  /** A marker at the start of a text: {{…}} holding a verb and words, or nothing. */
  static final Pattern AT_START =
      Pattern.compile(
          "^\\{\\{\\s*(?:(execute|exec|copy|open)\\b([^{}\\n]*))?}}", Pattern.CASE_INSENSITIVE);

  static KatacodaMarker parse(String verb, String words) {
    Kind kind =
        verb == null
            ? Kind.PLAIN
            : switch (verb.toLowerCase(Locale.ROOT)) {
              case "execute", "exec" -> Kind.EXECUTE;
              case "copy" -> Kind.COPY;
              default -> Kind.OPEN;
            };
    String terminal = null;
    String host = null;
    boolean interrupt = false;
    boolean ctrlSeq = false;
    boolean noNewline = false;
    List<String> rest = new ArrayList<>();
    for (String word : (words == null ? "" : words).trim().split("\\s+")) {
      String w = word.toLowerCase(Locale.ROOT);
      if (w.isEmpty()) {
        continue;
      }
      if (w.matches("t[1-4]")) {
        terminal = w.toUpperCase(Locale.ROOT);
      } else if (w.matches("host[12]")) {
        host = w.toUpperCase(Locale.ROOT);
      } else if (w.equals("interrupt")) {
        interrupt = true;
      } else if (w.equals("ctrl-seq")) {
        ctrlSeq = true;
      } else if (w.equals("no-newline")) {
        noNewline = true;
      } else {
        rest.add(word);
      }
    }
    return new KatacodaMarker(
        kind,
        terminal,
        interrupt,
        host,
        ctrlSeq,
        noNewline,
        rest.isEmpty() ? null : String.join(" ", rest));
  }

  /** The marker at the start of {@code text}, with where it ends; null when there is none. */
  static Found at(String text) {
    Matcher m = AT_START.matcher(text);
    return m.find() ? new Found(parse(m.group(1), m.group(2)), m.end()) : null;
  }

  record Found(KatacodaMarker marker, int end) {}
}
