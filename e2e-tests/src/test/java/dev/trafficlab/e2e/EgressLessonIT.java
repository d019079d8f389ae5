package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LessonSource.Lesson;
import dev.trafficlab.e2e.LessonSource.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The egress lesson walked as a learner walks it: the simulated-hosts note on every page, each run
 * button clicked (those index.json lists as failing must fail, the others succeed), Check pressed,
 * and what the lesson promises read off the terminal: two HTTP/2 200 under ALLOW_ANY, exit code 35
 * under REGISTRY_ONLY, the sidecar's headers through the ServiceEntry, and 504 after about 3 s
 * where the call took 5. Only the waits the lesson causes are spent (5 s and 3 s).
 */
@LearnerTest
class EgressLessonIT {
  private static final Pattern REAL = Pattern.compile("real\\s+0m(\\d+\\.\\d{3})s");
  private static final String NOTE = "x-traffic-lab: simulated external host";

  @Test
  void aLearnerSeesExternalCallsPassThenBlockedThenAllowedByServiceEntriesThenCutAtThreeSeconds(
      Learner learner) {
    Lesson source = LessonSource.read(learner.lab().scenarios().resolve("egress"));
    LessonPage page = learner.openLesson("egress");
    assertThat(page.content())
        .contains("Traffic Lab has no connection to the Internet")
        .contains(NOTE);
    page = page.start();

    List<List<TermEntry>> ran = new ArrayList<>();
    for (Page step : source.steps()) {
      assertThat(shown(learner, page, "step " + step.step())).contains(NOTE);
      if (step.step() == 3) {
        CheckResult before = page.check();
        assertThat(before.passed()).isFalse();
        assertThat(before.message())
            .contains("not set (so ALLOW_ANY), not REGISTRY_ONLY")
            .contains("istioctl install");
      }
      ran.add(runBlocks(page, step.failingCommands()));
      assertThat(page.progressNumbers()[0]).isEqualTo(step.step());
      CheckResult result = page.check();
      assertThat(result.passed())
          .as("step %d Check says: %s", step.step(), result.message())
          .isTrue();
      page = page.next(); // the last step's leads to the finish page
    }

    assertThat(ran.get(1).get(1).result().strip()).isEqualTo("HTTP/2 200\nHTTP/2 200");
    assertThat(ran.get(1).get(2).result()).contains(NOTE);
    assertThat(ran.get(2).get(2).result().strip())
        .endsWith("command terminated with exit code 35\ncommand terminated with exit code 35");
    assertThat(ran.get(2).get(3).result()).startsWith("HTTP/1.1 502 Bad Gateway");
    assertThat(ran.get(3).get(1).result())
        .contains("\"X-Envoy-Decorator-Operation\": \"httpbin.org:80/*\"");
    assertThat(ran.get(4).get(1).result().strip()).isEqualTo("HTTP/2 200");
    TermEntry slow = ran.get(5).get(0);
    TermEntry cut = ran.get(5).get(2);
    System.out.printf(
        "egress in the browser: /delay/5 real %.3f s, with the 3 s timeout %.3f s%n",
        real(slow), real(cut));
    assertThat(slow.result()).startsWith("200");
    assertThat(real(slow)).as("the 5 s delay").isBetween(4.95, 7.5);
    assertThat(cut.result()).startsWith("504");
    assertThat(real(cut)).as("the 3 s timeout").isBetween(2.5, 4.5);

    assertThat(shown(learner, page, "the finish page")).contains(NOTE).contains("REGISTRY_ONLY");
    learner.visit("/");
    assertThat(learner.browser().visible("li.lesson-card[data-lesson='egress']").getText())
        .contains("Done: all 7 steps passed");
    assertThat(learner.browser().visible("#catalogue-notes").getText())
        .contains("TCP traffic shifting")
        .contains("carries HTTP only");
  }

  /**
   * The page's text once the simulated-hosts note shows: right after an htmx step change the new
   * content can still be swapping in (empty for a moment).
   */
  private static String shown(Learner learner, LessonPage page, String where) {
    return learner
        .browser()
        .waitFor(
            "the simulated-hosts note on " + where,
            d -> page.content().contains(NOTE) ? page.content() : null);
  }

  /** Clicks every run button of the step in order; only the listed commands may fail. */
  private static List<TermEntry> runBlocks(LessonPage page, List<String> failing) {
    Terminal terminal = page.terminal().show();
    List<WebElement> buttons = page.executeButtons();
    assertThat(buttons).as("run buttons on %s", page.stepTitle()).isNotEmpty();
    List<TermEntry> entries = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i++) {
      TermEntry entry = terminal.click(page.executeButtons().get(i));
      if (failing.contains(entry.command())) {
        assertThat(entry.exitCode())
            .as("`%s` is expected to fail", entry.command())
            .isNotEqualTo("0");
      } else {
        assertThat(entry.exitCode())
            .as("`%s` exits 0; it printed:%n%s", entry.command(), entry.result())
            .isEqualTo("0");
      }
      entries.add(entry);
    }
    return entries;
  }

  private static double real(TermEntry entry) {
    Matcher m = REAL.matcher(entry.result());
    assertThat(m.find()).as("time's report in %s", entry).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
