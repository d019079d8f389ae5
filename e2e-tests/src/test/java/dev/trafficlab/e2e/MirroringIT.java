package dev.trafficlab.e2e;

import static dev.trafficlab.e2e.CircuitBreakingIT.assertPasses;
import static dev.trafficlab.e2e.CircuitBreakingIT.runBlocks;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mirroring lesson walked as a learner walks it (istio.io 1.8's mirroring task): picked from
 * the catalogue, every run button clicked, v1's and v2's logs read in the terminal, the mirrored
 * copy seen in the Traffic tab's graph, each Check pressed.
 */
@LearnerTest
class MirroringIT {
  /** One gunicorn access-log line for the sleep pod's curl of /headers. */
  private static final String LINE =
      "127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"GET /headers HTTP/1\\.1\" 200 \\d+ \"-\" \"curl/[0-9.]+\"";

  @Test
  void v1AnswersWhileV2sLogShowsTheMirroredCopy(Learner learner) {
    LessonPage page = learner.openFromCatalogue("mirroring");
    assertThat(page.title()).startsWith("Mirroring");
    runBlocks(page);
    page = page.start();
    List<TermEntry> deploy = runBlocks(page);
    assertThat(deploy.get(deploy.size() - 1).result())
        .containsPattern("httpbin-v1-\\S+ +2/2 +Running")
        .containsPattern("httpbin-v2-\\S+ +2/2 +Running");
    assertPasses(page, 1);

    page = page.next();
    List<TermEntry> allToV1 = runBlocks(page);
    assertThat(log(allToV1, "$V1_POD")).matches(LINE);
    assertThat(log(allToV1, "$V2_POD")).as("v2's log before the mirror").isEmpty();
    assertPasses(page, 2);

    page = page.next();
    CheckResult before = page.check();
    assertThat(before.passed()).isFalse();
    assertThat(before.message()).contains("mirror's subset");
    List<TermEntry> mirrored = runBlocks(page);
    assertThat(mirrored.get(0).result())
        .contains("Warning: using deprecated setting \"mirrorPercent\"");
    assertThat(log(mirrored, "$V1_POD")).as("v1 served both").matches(LINE + "\n" + LINE);
    assertThat(log(mirrored, "$V2_POD")).as("v2 got the copy").matches(LINE);
    // v2's sidecar log, last on the screen, shows the copy's -shadow host (rows joined: lines
    // wrap);
    // waited for, since the screen draws the last block's output after its exit status arrives
    LessonPage onScreen = page;
    learner
        .browser()
        .waitFor(
            "v2's sidecar log on the screen to show the copy's -shadow host",
            Duration.ofSeconds(10),
            d ->
                onScreen.terminal().screen().replace("\n", "").contains("\"httpbin-shadow:8000\"")
                    ? Boolean.TRUE
                    : null);
    // the Traffic tab draws the copy as an edge of its own into httpbin v2
    TrafficTab traffic = page.traffic().show();
    String mirrorEdge =
        learner
            .browser()
            .waitFor(
                "the service graph to draw the mirrored copy into httpbin v2",
                Duration.ofSeconds(20),
                d -> traffic.edgeShares().get("svc:httpbin>wl:httpbin-v2>mirror"));
    assertThat(mirrorEdge).isEqualTo("mirror");
    assertPasses(page, 3);

    page = page.next();
    runBlocks(page);
    assertPasses(page, 4);
  }

  /** What the block that printed that pod's httpbin log showed. */
  private static String log(List<TermEntry> entries, String pod) {
    return entries.stream()
        .filter(e -> e.command().equals("kubectl logs \"" + pod + "\" -c httpbin"))
        .reduce((a, b) -> b)
        .orElseThrow()
        .result()
        .strip();
  }
}
