package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mirroring lesson's promises, run by its own buttons: with all traffic on v1 only v1's log
 * shows the request; with the mirror, v1 serves both requests (its answer is what curl printed) and
 * v2's log shows exactly the one mirrored copy.
 */
class MirroringLessonTest {
  /** One gunicorn access-log line for the sleep pod's curl of /headers. */
  private static final String LINE =
      "127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
          + "\"GET /headers HTTP/1\\.1\" 200 \\d+ \"-\" \"curl/[0-9.]+\"\n";

  @RegisterExtension static final LessonServer lab = new LessonServer();

  @Test
  void v1AnswersEveryRequestAndV2sLogShowsTheMirroredCopyOnly() {
    LessonRun run = lab.run("mirroring").intro();
    assertThat(run.failure(1)).startsWith("There is no Deployment httpbin-v1 yet");
    run.step(1);
    // kube-inject's sidecar and the namespace's injection make one istio-proxy, not two
    assertThat(run.block("step 1", "get pods").output())
        .containsPattern("httpbin-v1-\\S+ +2/2 +Running")
        .containsPattern("httpbin-v2-\\S+ +2/2 +Running")
        .contains("version=v1")
        .contains("version=v2");
    run.step(2);
    assertThat(run.block("step 2", "curl").output())
        .contains("\"Host\": \"httpbin:8000\"")
        .contains("\"X-Forwarded-Client-Cert\": ");
    assertThat(run.block("step 2", "logs \"$V1_POD\"").output()).matches(LINE);
    assertThat(run.block("step 2", "logs \"$V2_POD\"").output())
        .as("v2 before the mirror")
        .isEmpty();

    assertThat(run.failure(3))
        .isEqualTo(
            "The mirror's subset in VirtualService httpbin is not set yet (it should be v2)."
                + " Apply the step's VirtualService with the mirror.");
    run.step(3);
    assertThat(run.block("step 3", "kubectl apply").output())
        .contains("mirrorPercent")
        .endsWith("virtualservice.networking.istio.io/httpbin configured\n");
    assertThat(run.block("step 3", "curl").output()).contains("\"Host\": \"httpbin:8000\"");
    assertThat(run.block("step 3", "logs \"$V1_POD\"").output())
        .as("v1 served both requests")
        .matches(LINE + LINE);
    assertThat(run.block("step 3", "logs \"$V2_POD\"").output())
        .as("v2 got the copy of the second request, as the lesson shows it right after the curl")
        .matches(LINE);
    assertThat(run.block("step 3", "-c istio-proxy").output())
        .as("v2's sidecar logged the copy with the -shadow host")
        .contains("\"httpbin-shadow:8000\"")
        .contains("outbound_.8000_.v2_.httpbin.default.svc.cluster.local");

    run.step(4);
  }
}
