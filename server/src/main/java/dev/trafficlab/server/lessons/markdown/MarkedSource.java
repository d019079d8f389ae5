package dev.trafficlab.server.lessons.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the two Katacoda constructs CommonMark cannot parse, before it parses the page: a fenced
 * block closed by a marker (```` ```{{exec}} ````, which CommonMark does not take as a closing
 * fence, so the block would swallow the rest of the page) gets the marker in its opening info
 * string, and a quiz ({@code >>Q1: …<<} and its answer lines, which CommonMark would read as a
 * quote) becomes a fenced block of its own. Both carry {@link #INFO_PREFIX}, which {@link
 * LessonMarkdown} turns into buttons and forms. Lines inside fences and inside {@code <pre>} blocks
 * are left alone.
 */
final class MarkedSource {
  static final String INFO_PREFIX = "trafficlab-";
  static final String MARKER_INFO = INFO_PREFIX + "marker";
  static final String QUIZ_INFO = INFO_PREFIX + "quiz";

  private static final Pattern OPENING = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");
  private static final Pattern CLOSING_MARKER =
      Pattern.compile(
          "^\\s*(`{3,}|~{3,})\\s*\\{\\{\\s*(?:(execute|exec|copy|open)\\b([^{}]*))?}}\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern QUESTION = Pattern.compile("^\\s*>>(.+?)<<\\s*$");
  private static final Pattern ANSWER =
      Pattern.compile("^\\s*(===|=~=|\\[[ *xX]?]|\\([ *]?\\))\\s?(.*)$");

  private MarkedSource() {}

  static String rewrite(String source) {
    List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
    List<String> out = new ArrayList<>(lines.size());
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      Matcher open = OPENING.matcher(line);
      if (open.matches() && !(open.group(2).startsWith("`") && open.group(3).contains("`"))) {
        i = fence(lines, i, open, out);
        continue;
      }
      if (line.stripLeading().regionMatches(true, 0, "<pre", 0, 4)) {
        i = preBlock(lines, i, out);
        continue;
      }
      if (QUESTION.matcher(line).matches()) {
        i = quiz(lines, i, out);
        continue;
      }
      out.add(line);
      i++;
    }
    return String.join("\n", out);
  }

  /** Copies one fenced block; a closing fence with a marker moves the marker to the opening. */
  private static int fence(List<String> lines, int start, Matcher open, List<String> out) {
    String indent = open.group(1);
    String fence = open.group(2);
    for (int j = start + 1; j < lines.size(); j++) {
      String line = lines.get(j);
      Matcher marked = CLOSING_MARKER.matcher(line);
      if (marked.matches() && closes(marked.group(1), fence)) {
        String verb = marked.group(2) == null ? "" : " " + marked.group(2);
        String words =
            marked.group(3) == null ? "" : " " + marked.group(3).replaceAll("[^A-Za-z0-9 \t-]", "");
        out.add(indent + fence + MARKER_INFO + verb + words.stripTrailing());
        out.addAll(lines.subList(start + 1, j));
        out.add(indent + fence);
        return j + 1;
      }
      String trimmed = line.strip();
      if (closes(trimmed, fence)) {
        out.addAll(lines.subList(start, j + 1));
        return j + 1;
      }
    }
    // an unclosed fence runs to the end of the page, as CommonMark has it
    out.addAll(lines.subList(start, lines.size()));
    return lines.size();
  }

  private static boolean closes(String candidate, String fence) {
    return candidate.length() >= fence.length()
        && candidate.chars().allMatch(c -> c == fence.charAt(0));
  }

  private static int preBlock(List<String> lines, int start, List<String> out) {
    for (int j = start; j < lines.size(); j++) {
      out.add(lines.get(j));
      if (lines.get(j).toLowerCase(java.util.Locale.ROOT).contains("</pre>")) {
        return j + 1;
      }
    }
    return lines.size();
  }

  /** A question and the answer lines right under it (no blank line between, as Katacoda wants). */
  private static int quiz(List<String> lines, int start, List<String> out) {
    int j = start + 1;
    while (j < lines.size() && ANSWER.matcher(lines.get(j)).matches()) {
      j++;
    }
    if (j == start + 1) {
      out.add(lines.get(start));
      return start + 1;
    }
    out.add("````" + QUIZ_INFO);
    for (int k = start; k < j; k++) {
      out.add(lines.get(k).strip());
    }
    out.add("````");
    return j;
  }

  /** The answer-line syntax, for {@link KatacodaQuiz}. */
  static Matcher answer(String line) {
    return ANSWER.matcher(line);
  }

  static Matcher question(String line) {
    return QUESTION.matcher(line);
  }
}
