package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One page with every marker, placeholder and allowed HTML element of an imported scenario. Its
 * rendering is kept as {@code page.html}, which the browser test KatacodaMarkersIT puts into a
 * lesson page to click through, so that test exercises exactly what the renderer writes. Run with
 * {@code -Dtrafficlab.writeGolden=true} to write it again after a deliberate change (and read the
 * diff).
 */
class EveryMarkerPageTest {
  private static final Path DIR = Path.of("src/test/resources/katacoda-markers");
  static final String SANDBOX_BASE = "/bookinfo/SANDBOX";

  @Test
  void theRenderedPageIsTheOneTheBrowserTestClicksThrough() throws Exception {
    String markdown = Files.readString(DIR.resolve("page.md"), StandardCharsets.UTF_8);
    String html = KatacodaHostUrls.toSandbox(new LessonMarkdown().render(markdown), SANDBOX_BASE);
    Path golden = DIR.resolve("page.html");
    if (Boolean.getBoolean("trafficlab.writeGolden")) {
      Files.writeString(golden, html, StandardCharsets.UTF_8);
    }
    assertThat(html).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    assertThat(html)
        .doesNotContain("{{")
        .doesNotContain("[[")
        .doesNotContain("trafficlab.invalid")
        .contains("<p>This paragraph follows the block above.</p>")
        .contains("href=\"/bookinfo/SANDBOX/productpage\"")
        .contains("href=\"/lab/ports/3000/\"")
        .contains("href=\"/lab/ports/20001\"")
        .contains("href=\"/lab/ports\"");
  }
}
