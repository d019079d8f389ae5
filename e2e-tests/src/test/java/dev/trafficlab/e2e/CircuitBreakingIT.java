package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The circuit-breaking lesson walked as a learner walks it (istio.io 1.8's circuit-breaking task):
 * picked from the catalogue, every run button clicked, fortio's 503 counts and the proxy's
 * upstream_rq_pending_overflow looked at on the terminal screen, each Check pressed. The counts are
 * held to the lesson's promises with the tolerances a loaded machine keeps
 * (CircuitBreakingLessonTest pins the same without a browser).
 */
@LearnerTest
class CircuitBreakingIT {
  private static final Pattern OVERFLOW =
      Pattern.compile(
          Pattern.quote("httpbin.default.svc.cluster.local.upstream_rq_pending_overflow:")
              + "\\s*(\\d+)");

  @Test
  void fortioTripsTheBreakerWithTwoAndThreeConnectionsAndTheProxyCountsEveryRefusal(
      Learner learner) {
    LessonPage page = learner.openFromCatalogue("circuit-breaking");
    assertThat(page.title()).startsWith("Circuit breaking");
    runBlocks(page);
    page = page.start();
    CheckResult before = page.check();
    assertThat(before.passed()).isFalse();
    assertThat(before.message()).startsWith("There is no Deployment httpbin yet");

    List<TermEntry> deploy = runBlocks(page);
    assertThat(deploy.get(deploy.size() - 1).result())
        .containsPattern("httpbin-\\S+ +2/2 +Running");
    assertPasses(page, 1);

    page = page.next();
    assertThat(runBlocks(page).get(0).result())
        .contains("Warning: outlier detection consecutive errors is deprecated")
        .contains("destinationrule.networking.istio.io/httpbin created");
    assertPasses(page, 2);

    page = page.next();
    List<TermEntry> client = runBlocks(page);
    assertThat(client.get(client.size() - 1).result()).startsWith("HTTP/1.1 200 OK");
    assertPasses(page, 3);

    page = page.next();
    Terminal terminal = page.terminal();
    List<TermEntry> loads = runBlocks(page);
    int two = code(loads.get(0).result(), 503);
    int three = code(loads.get(1).result(), 503);
    System.out.printf(
        "circuit-breaking lesson in the browser: 503s %d of 20 (-c 2), %d of 30 (-c 3)%n",
        two, three);
    assertThat(code(loads.get(0).result(), 200) + two).isEqualTo(20);
    assertThat(two).as("503s of 20 calls over 2 connections").isBetween(1, 10);
    assertThat(code(loads.get(1).result(), 200) + three).isEqualTo(30);
    assertThat(three).as("503s of 30 calls over 3 connections").isBetween(9, 28);
    // what the learner reads: the last run's counts at the bottom of the screen
    assertThat(joined(terminal)).contains("Code 503 : " + three + " (");
    assertPasses(page, 4);

    page = page.next();
    runBlocks(page);
    Matcher overflow = OVERFLOW.matcher(joined(terminal));
    assertThat(overflow.find()).as(terminal.screen()).isTrue();
    assertThat(Integer.parseInt(overflow.group(1)))
        .as("the fortio proxy's pending overflows: every 503 of both runs")
        .isEqualTo(two + three);
    assertPasses(page, 5);

    page = page.next();
    runBlocks(page);
    assertPasses(page, 6);
  }

  /** The screen's rows joined without breaks: a long line wraps over rows of the terminal. */
  private static String joined(Terminal terminal) {
    return terminal.screen().replace("\n", "");
  }

  static int code(String out, int code) {
    Matcher m = Pattern.compile("Code " + code + " : (\\d+) \\(").matcher(out);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Clicks every run button of the page in order; each command must exit 0. */
  static List<TermEntry> runBlocks(LessonPage page) {
    Terminal terminal = page.terminal().show();
    List<WebElement> buttons = page.executeButtons();
    assertThat(buttons).as("run buttons on %s", page.stepTitle()).isNotEmpty();
    List<TermEntry> entries = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i++) {
      TermEntry entry = terminal.click(page.executeButtons().get(i));
      assertThat(entry.exitCode())
          .as("`%s` exits 0; it printed:%n%s", entry.command(), entry.result())
          .isEqualTo("0");
      entries.add(entry);
    }
    return entries;
  }

  static void assertPasses(LessonPage page, int step) {
    assertThat(page.progressNumbers()[0]).isEqualTo(step);
    CheckResult result = page.check();
    assertThat(result.passed()).as("step %d Check says: %s", step, result.message()).isTrue();
  }
}
