package dev.trafficlab.server.lessons.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an author should know about a page of an imported scenario: markers and placeholders Traffic
 * Lab does not understand (they stay as written), and those it understands only in part (a second
 * host, a port the lab does not serve). For {@code check-lessons} and the author's report; reading
 * a page never fails on any of these.
 *
 * @param line 1-based line of the page
 */
public record MarkdownFindings(int line, Level level, String message) {
  public enum Level {
    /** Understood, but not as on the scenario's own platform. */
    NOTE,
    /** Not understood: shown as written. */
    UNKNOWN
  }

  private static final Pattern CURLY = Pattern.compile("\\{\\{([^{}\\n]*)}}");
  private static final Pattern SQUARE = Pattern.compile("\\[\\[([A-Za-z0-9_]+)]]");
  private static final Pattern PORT_URL =
      Pattern.compile(
          "\\[\\[HOST_SUBDOMAIN]]-(\\d{1,5})-\\[\\[KATACODA_HOST]]|\\{\\{\\s*TRAFFIC_HOST[12]_(\\d{1,5})\\s*}}");
  private static final Pattern FILE_TARGET =
      Pattern.compile("<pre\\b[^>]*\\bdata-target=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "HOST_IP",
          "HOST2_IP",
          "HOST_SUBDOMAIN",
          "CLIENT_SUBDOMAIN",
          "KATACODA_HOST",
          "KATACODA_DOMAIN");
  private static final Set<String> FILE_TARGETS =
      Set.of("replace", "append", "prepend", "insert", "clipboard");

  /** The findings of one page's Markdown, in line order. */
  public static List<MarkdownFindings> of(String markdown) {
    List<MarkdownFindings> out = new ArrayList<>();
    String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      line(i + 1, lines[i], out);
    }
    return out;
  }

  private static void line(int n, String text, List<MarkdownFindings> out) {
    Matcher curly = CURLY.matcher(text);
    while (curly.find()) {
      String inside = curly.group(1).strip();
      if (inside.matches("(?i)TRAFFIC_HOST2_\\d{1,5}")) {
        out.add(
            new MarkdownFindings(
                n,
                Level.NOTE,
                "{{" + inside + "}} names a second host: the lab has one, so it is host 1"));
      } else if (inside.matches("(?i)TRAFFIC_HOST1_\\d{1,5}|TRAFFIC_SELECTOR")) {
        continue;
      } else if (KatacodaMarker.AT_START.matcher(curly.group()).matches()) {
        marker(n, curly.group(), out);
      } else {
        out.add(
            new MarkdownFindings(
                n,
                Level.UNKNOWN,
                "{{" + inside + "}} is no marker Traffic Lab knows: it shows as written"));
      }
    }
    Matcher square = SQUARE.matcher(text);
    while (square.find()) {
      if (!PLACEHOLDERS.contains(square.group(1))) {
        out.add(
            new MarkdownFindings(
                n,
                Level.UNKNOWN,
                "[["
                    + square.group(1)
                    + "]] is no placeholder Traffic Lab maps: it shows as written"));
      }
    }
    Matcher port = PORT_URL.matcher(text);
    while (port.find()) {
      String p = port.group(1) != null ? port.group(1) : port.group(2);
      if (!KatacodaHostUrls.isIngressPort(p)) {
        out.add(
            new MarkdownFindings(
                n,
                Level.NOTE,
                "port "
                    + p
                    + " is not served by the lab: links lead to a page saying so ("
                    + KatacodaHostUrls.PORTS_PATH
                    + "/"
                    + Integer.parseInt(p)
                    + "), commands find nothing there"));
      }
    }
    Matcher target = FILE_TARGET.matcher(text);
    while (target.find()) {
      if (!FILE_TARGETS.contains(target.group(1).strip().toLowerCase(Locale.ROOT))) {
        out.add(
            new MarkdownFindings(
                n,
                Level.UNKNOWN,
                "data-target=\""
                    + target.group(1)
                    + "\" is none of replace, append, prepend, insert, clipboard: the block replaces the file"));
      }
    }
  }

  private static void marker(int n, String written, List<MarkdownFindings> out) {
    KatacodaMarker m = KatacodaMarker.at(written).marker();
    if ("HOST2".equals(m.host())) {
      out.add(
          new MarkdownFindings(
              n, Level.NOTE, written + " runs on the lab's one host (the button says so)"));
    }
    if (m.name() != null) {
      String what =
          m.kind() == KatacodaMarker.Kind.EXECUTE
              ? "kept as the snippet's name; it changes nothing"
              : "ignored";
      out.add(
          new MarkdownFindings(
              n, Level.NOTE, "\"" + m.name() + "\" in " + written + " is " + what));
    }
  }

  @Override
  public String toString() {
    return "line " + line + ": " + message;
  }
}
