package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a lesson page costs the learner's network, read from Chromium's Performance API (the
 * navigation's and every resource's transferSize, 0 for what came from the cache). Bytes are
 * deterministic, so they are asserted; paint times are only printed (docs/benchmarks.md).
 */
@LearnerTest
class PageWeightIT {
  /**
   * The page without its terminal weighed 37,949 bytes (brotli; 131,669 with it); the terminal may
   * add 120 KB.
   */
  static final long FIRST_VISIT_BUDGET = 160_000;

  /** xterm.js, its fit addon and stylesheet, and the terminal's glue: issue 13's budget. */
  static final long TERMINAL_BUDGET = 120_000;

  static final long REPEAT_VISIT_BUDGET = 30_000;
  private static final String STEP = "/lessons/" + TrafficManagementLesson.ID + "/steps/1";

  @Test
  void aLessonPageLoadsWithinItsByteBudgetAndCodeMirrorOnlyWithTheEditor(Learner learner) {
    learner.visit(STEP);
    PageLoad first = PageLoad.read(learner.browser());
    System.out.println("page weight, first visit: " + first);
    learner.browser().click(learner.browser().visible("#tab-editor"));
    learner.browser().visible(".CodeMirror");
    PageLoad withEditor = PageLoad.read(learner.browser());
    System.out.println("page weight, after opening the Editor tab: " + withEditor);
    learner.visit(STEP);
    PageLoad repeat = PageLoad.read(learner.browser());
    System.out.println("page weight, repeat visit: " + repeat);

    assertThat(first.resources())
        .as("no CodeMirror before the Editor tab is opened")
        .noneMatch(r -> r.toLowerCase().contains("codemirror"));
    assertThat(withEditor.resources())
        .as("CodeMirror once the Editor tab is open")
        .anyMatch(r -> r.toLowerCase().contains("codemirror"));
    long terminal =
        first.resources().stream()
            .filter(r -> r.contains("/vendor/xterm/") || r.contains("/js/terminal.js"))
            .mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(' ') + 1)))
            .sum();
    System.out.println("page weight, the terminal's files on the first visit: " + terminal);
    assertThat(terminal)
        .as("bytes of xterm.js and the terminal's glue on the first visit: %s", first)
        .isGreaterThan(0)
        .isLessThanOrEqualTo(TERMINAL_BUDGET);
    assertThat(first.bytes())
        .as("bytes transferred by the first visit to %s: %s", STEP, first)
        .isLessThanOrEqualTo(FIRST_VISIT_BUDGET);
    assertThat(repeat.bytes())
        .as("bytes transferred by a repeat visit to %s: %s", STEP, repeat)
        .isLessThanOrEqualTo(REPEAT_VISIT_BUDGET);
  }

  /** The transfer of one page view so far, and its first contentful paint. */
  record PageLoad(long bytes, double firstContentfulPaintMs, List<String> resources) {

    @SuppressWarnings("unchecked")
    static PageLoad read(Browser browser) {
      browser.waitFor(
          "the first contentful paint",
          d ->
              (Boolean)
                  browser.js(
                      "return performance.getEntriesByName('first-contentful-paint').length > 0"));
      Map<String, Object> m =
          (Map<String, Object>)
              browser.js(
                  "var nav = performance.getEntriesByType('navigation')[0];"
                      + " var res = performance.getEntriesByType('resource');"
                      + " var fcp = performance.getEntriesByName('first-contentful-paint')[0];"
                      + " return {bytes: res.reduce(function (s, r) { return s + r.transferSize; },"
                      + " nav.transferSize), fcp: fcp.startTime,"
                      + " resources: res.map(function (r) { return r.name + ' ' + r.transferSize; })"
                      + ".concat([nav.name + ' ' + nav.transferSize])};");
      return new PageLoad(
          ((Number) m.get("bytes")).longValue(),
          ((Number) m.get("fcp")).doubleValue(),
          (List<String>) m.get("resources"));
    }
  }
}
