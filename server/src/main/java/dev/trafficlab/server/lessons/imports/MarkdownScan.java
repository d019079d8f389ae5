package dev.trafficlab.server.lessons.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario page's Markdown for the import report: its markers ({{execute T2}}, {{copy}},
 * ...), placeholders ([[HOST_SUBDOMAIN]], {{TRAFFIC_HOST1_80}}), the ports its links open, and the
 * commands of its run buttons. Rendering is LessonMarkdown's; this only tells the author what the
 * lab will make of the page.
 */
public final class MarkdownScan {
  private MarkdownScan() {}

  private static final Pattern MARKER = Pattern.compile("\\{\\{([^{}\\n]{0,80})}}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\[([A-Z0-9_]{1,40})]]");
  private static final Pattern INLINE_RUN =
      Pattern.compile("`([^`]+)`\\{\\{\\s*(?i:execute|exec)\\b[^}]*}}");
  private static final Pattern BLOCK_RUN =
      Pattern.compile("(?s)```[^\\n]*\\n(.*?)\\n?```\\{\\{\\s*(?i:execute|exec)\\b[^}]*}}");
  private static final Pattern KATACODA_PORT =
      Pattern.compile("\\[\\[HOST_SUBDOMAIN]]-(\\w+|\\$\\w+)-\\[\\[KATACODA_HOST]]");
  private static final Pattern TRAFFIC_PORT = Pattern.compile("\\{\\{TRAFFIC_HOST1_(\\d+)}}");

  private static final Set<String> MAPPED =
      Set.of("HOST_SUBDOMAIN", "KATACODA_HOST", "KATACODA_DOMAIN", "HOST_IP");

  /** What the page holds, for the report. */
  public record Findings(
      Set<String> markers,
      Set<String> unknownMarkers,
      Set<String> notes,
      Set<String> unmappedPlaceholders,
      Set<String> ports,
      List<String> runBlocks) {}

  public static Findings scan(String markdown) {
    Set<String> markers = new LinkedHashSet<>();
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> notes = new LinkedHashSet<>();
    Matcher m = MARKER.matcher(markdown);
    while (m.find()) {
      String inside = m.group(1).strip();
      if (inside.startsWith("TRAFFIC_HOST1_") || inside.equals("TRAFFIC_SELECTOR")) {
        continue; // a placeholder, counted below
      }
      String[] words = inside.isEmpty() ? new String[0] : inside.split("\\s+");
      String first = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
      switch (first) {
        case "execute", "exec" -> {
          markers.add("{{" + inside + "}}");
          for (int i = 1; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (w.equals("host2")) {
              notes.add("{{" + inside + "}}: the lab has one host: HOST2 runs on it");
            } else if (w.equals("ctrl-seq")) {
              notes.add("{{" + inside + "}}: a key sequence (ctrl-seq)");
            }
          }
        }
        case "copy", "open", "" -> markers.add("{{" + inside + "}}");
        default -> unknown.add("{{" + inside + "}}");
      }
    }
    Set<String> unmapped = new LinkedHashSet<>();
    Matcher p = PLACEHOLDER.matcher(markdown);
    while (p.find()) {
      if (!MAPPED.contains(p.group(1))) {
        unmapped.add("[[" + p.group(1) + "]]");
      }
    }
    Set<String> ports = new LinkedHashSet<>();
    Matcher k = KATACODA_PORT.matcher(markdown);
    while (k.find()) {
      ports.add(k.group(1));
    }
    Matcher t = TRAFFIC_PORT.matcher(markdown);
    while (t.find()) {
      ports.add(t.group(1));
    }
    if (markdown.contains(">>Q") && markdown.contains("<<")) {
      notes.add("a quiz (>>Q: ...<<)");
    }
    if (markdown.contains("<pre class=\"file\"")) {
      notes.add("a <pre class=\"file\"> block (written into the editor's file)");
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
    return new Findings(markers, unknown, notes, unmapped, ports, blocks);
  }
}
