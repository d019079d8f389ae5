package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Templates escape everything except the rendered lesson Markdown (the service graph's SVG is a
 * template of its own, written with th:text and th:attr), and carry no inline script or style.
 */
class TemplateSafetyTest {
  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  private static final Pattern UTEXT = Pattern.compile("th:utext=\"([^\"]*)\"");

  @Test
  void onlyTheRenderedLessonContentIsWrittenUnescaped() throws IOException {
    for (Path template : templates()) {
      Matcher m = UTEXT.matcher(Files.readString(template));
      while (m.find()) {
        assertThat(m.group(1)).as("th:utext in %s", template.getFileName()).isEqualTo("${content}");
      }
    }
  }

  @Test
  void templatesHaveNoInlineScriptsHandlersOrStyles() throws IOException {
    for (Path template : templates()) {
      String html = Files.readString(template);
      assertThat(html)
          .as(template.getFileName().toString())
          .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
          .doesNotContainPattern("\\son[a-z]+=\"")
          .doesNotContain(" style=\"")
          .doesNotContain("<style")
          .doesNotContainPattern("(src|href)=\"(https?:)?//");
    }
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> s = Files.list(TEMPLATES)) {
      List<Path> all = s.filter(p -> p.toString().endsWith(".html")).toList();
      assertThat(all).isNotEmpty();
      return all;
    }
  }
}
