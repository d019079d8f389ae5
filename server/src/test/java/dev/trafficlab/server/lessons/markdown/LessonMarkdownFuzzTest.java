package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Any lesson text renders to HTML without an exception, and nothing in it becomes markup the lesson
 * did not ask for: raw HTML is escaped and links never run script. The seeds under {@code
 * LessonMarkdownFuzzTestInputs/} run as regression tests in {@code mvn verify}; {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class LessonMarkdownFuzzTest {
  private static final LessonMarkdown MARKDOWN = new LessonMarkdown();
  private static final Pattern SCRIPT_URL =
      Pattern.compile("(?i)(href|src)=\"\\s*(javascript|vbscript|data):");

  @FuzzTest(maxDuration = "10m")
  void anyLessonTextRendersToSafeHtml(byte[] input) {
    String markdown = new String(input, StandardCharsets.UTF_8);
    String html = MARKDOWN.render(markdown);
    assertThat(html)
        .isNotNull()
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<iframe");
    assertThat(SCRIPT_URL.matcher(html).find()).as(html).isFalse();
  }
}
