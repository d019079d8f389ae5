package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The circuit-breaking lesson's promises, run by its own buttons: with two connections most of
 * fortio's calls pass and a few overflow, with three a large share does, and the fortio sidecar's
 * upstream_rq_pending_overflow is exactly the 503s of both runs. The ranges hold on a loaded
 * machine (the lab's breaker runs on Vert.x timers of one event loop: docs/circuit-breaking.md).
 */
class CircuitBreakingLessonTest {
  @RegisterExtension static final LessonServer lab = new LessonServer();

  @Test
  void twoConnectionsOverflowAFewThreeOverflowManyAndTheProxyCountsEveryOne() {
    LessonRun run = lab.run("circuit-breaking").intro();
    assertThat(run.failure(1)).startsWith("There is no Deployment httpbin yet: run the step's");
    run.step(1);
    assertThat(run.failure(2))
        .isEqualTo(
            "There is no DestinationRule httpbin in namespace default yet. Apply the step's"
                + " DestinationRule with its run button.");
    run.step(2);
    assertThat(run.failure(3)).startsWith("You have not run ").contains("fortio curl");
    run.step(3);
    assertThat(run.failure(5)).startsWith("You have not run ").contains("pilot-agent");
    run.step(4).step(5);

    assertThat(run.block("step 2", "kubectl apply").output())
        .contains("destinationrule.networking.istio.io/httpbin created");
    assertThat(run.block("step 3", "fortio curl").output())
        .startsWith("HTTP/1.1 200 OK\n")
        .contains("\"url\": \"http://httpbin:8000/get\"");

    String two = run.block("step 4", "-c 2").output();
    String three = run.block("step 4", "-c 3").output();
    System.out.printf(
        "circuit-breaking lesson: 503s %d of 20 with -c 2, %d of 30 with -c 3%n",
        code(two, 503), code(three, 503));
    assertThat(code(two, 200) + code(two, 503)).as(two).isEqualTo(20);
    assertThat(code(two, 503)).as("503s of 20 calls over 2 connections").isBetween(1, 10);
    assertThat(code(three, 200) + code(three, 503)).as(three).isEqualTo(30);
    assertThat(code(three, 503)).as("503s of 30 calls over 3 connections").isBetween(9, 28);

    String stats = run.block("step 5", "pilot-agent").output();
    Matcher overflow =
        Pattern.compile(
                Pattern.quote(
                        "cluster.outbound|8000||httpbin.default.svc.cluster.local"
                            + ".upstream_rq_pending_overflow: ")
                    + "(\\d+)\n")
            .matcher(stats);
    assertThat(overflow.find()).as(stats).isTrue();
    assertThat(Integer.parseInt(overflow.group(1)))
        .as("overflows counted by fortio's sidecar: the 503s of both runs")
        .isEqualTo(code(two, 503) + code(three, 503));

    assertThat(run.failure(6))
        .isEqualTo(
            "The DestinationRule httpbin is still there: run kubectl delete destinationrule"
                + " httpbin.");
    run.step(6);
  }

  static int code(String out, int code) {
    Matcher m = Pattern.compile("Code " + code + " : (\\d+) \\(").matcher(out);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
