package dev.trafficlab.server.lessons.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario page's Markdown for the import report: the markers it uses ({{execute T2}},
 * {{copy}}, ...) and the commands of its run buttons (the report names those the safe shell does
 * not have). What the markers and placeholders mean here is LessonMarkdown's MarkdownFindings.
 */
public final class MarkdownScan {
  private MarkdownScan() {}

  private static final Pattern MARKER = Pattern.compile("\\{\\{([^{}\\n]{0,80})}}");
  private static final Pattern INLINE_RUN =
      Pattern.compile("`([^`]+)`\\{\\{\\s*(?i:execute|exec)\\b[^}]*}}");
  private static final Pattern BLOCK_RUN =
      Pattern.compile("(?s)```[^\\n]*\\n(.*?)\\n?```\\{\\{\\s*(?i:execute|exec)\\b[^}]*}}");

  /**
   * What the page holds, for the report.
   *
   * @param markers the execute, copy and open markers as written
   * @param runBlocks the text of each run button, a leading "$ " prompt dropped
   */
  public record Findings(Set<String> markers, List<String> runBlocks) {}

  public static Findings scan(String markdown) {
    Set<String> markers = new LinkedHashSet<>();
    Matcher m = MARKER.matcher(markdown);
    while (m.find()) {
      String inside = m.group(1).strip();
      String first = inside.isEmpty() ? "" : inside.split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (Set.of("execute", "exec", "copy", "open", "").contains(first)) {
        markers.add("{{" + inside + "}}");
      }
    }
    List<String> blocks = new ArrayList<>();
    Matcher b = BLOCK_RUN.matcher(markdown);
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (b.find()) {
      blocks.add(b.group(1));
      rest.append(markdown, last, b.start());
      last = b.end();
    }
    rest.append(markdown.substring(last));
    Matcher i = INLINE_RUN.matcher(rest);
    while (i.find()) {
      blocks.add(i.group(1).replaceFirst("^\\$ ", ""));
    }
    return new Findings(markers, blocks);
  }
}
