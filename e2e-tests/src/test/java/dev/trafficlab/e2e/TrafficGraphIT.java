package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The Traffic tab's service graph as the learner reads it: after the canary rule each reviews
 * version's edge reads about half, after the v3 rule the v3 edge reads 100%, counted since the last
 * configuration change.
 */
@LearnerTest
class TrafficGraphIT {

  @Test
  void theGraphReadsTheCanarySplitThenHundredPercentAfterTheVThreeRule(Learner learner, Lab lab)
      throws Exception {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    lab.api().applySample(sandbox, "virtual-service-reviews-50-v3.yaml");
    TrafficTab traffic = page.traffic().show().send100();

    Map<String, String> canary =
        learner
            .browser()
            .waitFor(
                "the graph to show reviews v1 and v3 edges",
                Duration.ofSeconds(20),
                d -> {
                  Map<String, String> shares = traffic.edgeShares();
                  return shares.containsKey("svc:reviews>wl:reviews-v1")
                          && shares.containsKey("svc:reviews>wl:reviews-v3")
                      ? shares
                      : null;
                });
    int v1 = percent(canary.get("svc:reviews>wl:reviews-v1"));
    int v3 = percent(canary.get("svc:reviews>wl:reviews-v3"));
    assertThat(v1 + v3).as("shares %s", canary).isBetween(99, 101);
    // Weighted random 50/50 over about 100 requests.
    assertThat(v1).as("shares %s", canary).isBetween(30, 70);
    assertThat(canary).doesNotContainKey("svc:reviews>wl:reviews-v2");
    screenshot(learner, "traffic-graph-canary");

    lab.api().applySample(sandbox, "virtual-service-reviews-v3.yaml");
    traffic.send100();
    Map<String, String> allV3 =
        learner
            .browser()
            .waitFor(
                "the graph to show only the v3 edge at 100%",
                Duration.ofSeconds(20),
                d -> {
                  Map<String, String> shares = traffic.edgeShares();
                  return "100%".equals(shares.get("svc:reviews>wl:reviews-v3"))
                          && !shares.containsKey("svc:reviews>wl:reviews-v1")
                      ? shares
                      : null;
                });
    assertThat(allV3.get("svc:reviews>wl:reviews-v3")).isEqualTo("100%");
    screenshot(learner, "traffic-graph-v3");
  }

  private static int percent(String label) {
    assertThat(label).matches("\\d+%");
    return Integer.parseInt(label.substring(0, label.length() - 1));
  }

  /** For a person to look at: target/screenshots/NAME.png. */
  private static void screenshot(Learner learner, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(
        dir.resolve(name + ".png"),
        ((TakesScreenshot) learner.browser().driver()).getScreenshotAs(OutputType.BYTES));
  }
}
