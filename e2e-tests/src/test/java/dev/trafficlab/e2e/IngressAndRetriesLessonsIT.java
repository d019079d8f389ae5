package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The ingress-gateways and retries lessons walked as a learner walks them: from the catalogue into
 * the lesson, every run button clicked and its output read, httpbin opened through the sandbox's
 * ingress gateway in the Product page tab, each Check pressed. The only long wait is the one the
 * retries lesson causes itself (four 2 s tries).
 */
@LearnerTest
class IngressAndRetriesLessonsIT {
  private static final Pattern SECONDS = Pattern.compile("(\\d+) in ([0-9.]+)s");

  @Test
  void ingressGatewaysAnswer200ForTheirHostAnd404OtherwiseAndTheBrowserSeesHttpbin(
      Learner learner) {
    LessonPage page = fromTheCatalogue(learner, "ingress-gateways");
    CheckResult before = page.check();
    assertThat(before.passed()).isFalse();
    assertThat(before.message()).contains("Deployment httpbin");
    runBlocks(page);
    assertPasses(page, 1);

    page = page.next();
    List<TermEntry> address = runBlocks(page);
    assertThat(address.get(0).result()).contains("LoadBalancer", "<pending>");
    assertThat(address.get(3).result().trim()).matches("192\\.168\\.49\\.2:3\\d{4}");
    assertPasses(page, 2);

    page = page.next();
    List<TermEntry> exposed = runBlocks(page);
    assertThat(exposed.get(2).result())
        .startsWith("HTTP/1.1 200 OK")
        .contains("server: istio-envoy");
    // the same in the browser, as if httpbin.example.com resolved to the gateway
    ProductPageTab tab = page.productPage();
    learner.browser().click(page.links("@httpbin.example.com/status/418").get(0));
    assertThat(tab.awaitPage("@httpbin.example.com/status/418")).contains("teapot");
    assertThat(tab.badge()).as("no reviews badge on httpbin").isEmpty();
    assertPasses(page, 3);

    page = page.next();
    List<TermEntry> refused = runBlocks(page);
    assertThat(refused.get(0).result()).startsWith("HTTP/1.1 404 Not Found");
    assertThat(refused.get(1).result()).startsWith("HTTP/1.1 404 Not Found");
    assertThat(count(refused.get(2).result(), " 404 NR ")).isEqualTo(2);
    assertPasses(page, 4);

    page = page.next();
    List<TermEntry> anyHost = runBlocks(page);
    assertThat(anyHost.get(1).result()).contains("\"Host\": \"anything.example.com\"");
    learner.browser().click(page.links("/headers").get(0));
    String headers = page.productPage().awaitPage("/headers");
    assertThat(headers)
        .contains("\"User-Agent\": \"Mozilla/5.0", "X-Envoy-Attempt-Count")
        .containsPattern("\"Host\": \"192\\.168\\.49\\.2:3\\d{4}\"");
    assertPasses(page, 5);

    page = page.next();
    runBlocks(page);
    assertPasses(page, 6);
  }

  @Test
  void retriesTryA503ThreeTimesByDefaultA500FourTimesWithThePolicyAndCutEachTryAtTwoSeconds(
      Learner learner) {
    LessonPage page = fromTheCatalogue(learner, "retries");
    runBlocks(page);
    assertPasses(page, 1);

    page = page.next();
    List<TermEntry> defaults = runBlocks(page);
    assertThat(defaults.get(0).result().trim()).isEqualTo("503");
    assertThat(defaults.get(1).result().trim()).isEqualTo("502");
    assertThat(count(defaults.get(2).result(), "GET /status/503 HTTP")).isEqualTo(3);
    assertThat(count(defaults.get(2).result(), "GET /status/502 HTTP")).isEqualTo(1);
    assertThat(defaults.get(3).result()).contains("\"numRetries\": 2");
    assertThat(defaults.get(4).result()).contains("503 URX", "502 - ");
    assertThat(count(defaults.get(5).result(), "\"GET /status/503 HTTP/1.1\" 503 - ")).isEqualTo(3);
    assertPasses(page, 2);

    page = page.next();
    CheckResult before = page.check();
    assertThat(before.passed()).isFalse();
    assertThat(before.message()).contains("VirtualService httpbin");
    List<TermEntry> policy = runBlocks(page);
    assertThat(policy.get(1).result().trim()).isEqualTo("500");
    assertThat(policy.get(2).result().trim())
        .as("tries of the 500 in httpbin's log")
        .isEqualTo("4");
    assertThat(policy.get(3).result()).contains("\"X-Envoy-Attempt-Count\": \"1\"");
    assertPasses(page, 3);

    page = page.next();
    List<TermEntry> perTry = runBlocks(page);
    assertThat(seconds(perTry.get(0).result(), "200")).isLessThan(3.0);
    assertThat(perTry.get(1).result()).contains("upstream request timeout");
    double cut = seconds(perTry.get(1).result(), "504");
    System.out.printf("retries: 4 tries of 2 s answered 504 after %.2f s%n", cut);
    assertThat(cut).as("seconds until the 504").isBetween(7.9, 12.0);
    assertPasses(page, 4);

    page = page.next();
    runBlocks(page);
    assertPasses(page, 5);
  }

  /** The catalogue's card for the lesson, its intro, then Start. */
  private static LessonPage fromTheCatalogue(Learner learner, String lesson) {
    learner.visit("/");
    WebElement card =
        learner.browser().visible("li.lesson-card[data-lesson='" + lesson + "'] a.lesson-link");
    learner.browser().click(card);
    LessonPage intro = LessonPage.on(learner.browser(), learner.lab());
    return intro.start();
  }

  private static double seconds(String output, String status) {
    Matcher m = SECONDS.matcher(output);
    assertThat(m.find()).as("a status and seconds in %s", output).isTrue();
    assertThat(m.group(1)).isEqualTo(status);
    return Double.parseDouble(m.group(2));
  }

  private static int count(String text, String part) {
    return (int) text.lines().filter(l -> l.contains(part)).count();
  }

  /** Clicks every run button of the step in order; each must exit 0. */
  private static List<TermEntry> runBlocks(LessonPage page) {
    Terminal terminal = page.terminal().show();
    int n = page.executeButtons().size();
    assertThat(n).as("run buttons on %s", page.stepTitle()).isPositive();
    List<TermEntry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TermEntry entry = terminal.click(page.executeButtons().get(i));
      assertThat(entry.exitCode())
          .as("`%s` exits 0; it printed:%n%s", entry.command(), entry.result())
          .isEqualTo("0");
      entries.add(entry);
    }
    return entries;
  }

  private static void assertPasses(LessonPage page, int step) {
    assertThat(page.progressNumbers()[0]).isEqualTo(step);
    CheckResult result = page.check();
    assertThat(result.passed()).as("step %d Check says: %s", step, result.message()).isTrue();
  }
}
