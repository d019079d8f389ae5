package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the egress lesson tells the learner they will see, held to it: the run buttons of its pages
 * (as the lesson renders them) sent through the exec API, and their answers, exit codes and timings
 * compared with the lesson's words. The timings are those of the simulated Istio rules (a 5 s
 * delay, a 3 s route timeout) measured through the API, with bounds a loaded machine keeps.
 */
@ExtendWith(VertxExtension.class)
class EgressLessonKeepsItsPromisesTest {
  private static final Pattern REAL = Pattern.compile("real\t0m(\\d+\\.\\d{3})s");

  @RegisterExtension static final LessonServer lab = new LessonServer();

  private LessonRun run;

  @Test
  void allowAnyPassesTheSitesThroughAndEveryAnswerSaysItIsSimulated() {
    begin();
    List<String> step2 = run.commands(2);
    assertThat(run.ok(step2.get(0))).as("the demo profile sets no mode").isEmpty();
    assertThat(run.ok(step2.get(1))).isEqualTo("HTTP/2 200\nHTTP/2 200\n");
    assertThat(run.ok(step2.get(2)))
        .startsWith("HTTP/2 200\n")
        .contains("x-traffic-lab: simulated external host");
    assertThat(run.check(2).getBoolean("passed")).isTrue();
  }

  @Test
  void registryOnlyFailsTheHandshakeWithExitCode35AndHttpWith502UntilServiceEntriesAllowAHost() {
    begin();
    runAll(run.commands(2));
    JsonObject before = run.check(3);
    assertThat(before.getBoolean("passed")).isFalse();
    assertThat(before.getString("message"))
        .isEqualTo(
            "The outbound traffic policy is not set (so ALLOW_ANY), not REGISTRY_ONLY: run the"
                + " step's istioctl install command.");

    List<String> step3 = run.commands(3);
    run.ok(step3.get(0));
    assertThat(run.ok(step3.get(1))).isEqualTo("REGISTRY_ONLY");
    LessonRun.Block blocked = run.exec(step3.get(2));
    assertThat(blocked.exitCode()).as("grep found no status line").isEqualTo(1);
    assertThat(blocked.output())
        .endsWith("command terminated with exit code 35\ncommand terminated with exit code 35\n");
    assertThat(run.ok(step3.get(3))).startsWith("HTTP/1.1 502 Bad Gateway\n");
    assertThat(run.check(3).getBoolean("passed")).isTrue();

    JsonObject noEntryYet = run.check(4);
    assertThat(noEntryYet.getBoolean("passed")).isFalse();
    assertThat(noEntryYet.getString("message"))
        .startsWith("There is no ServiceEntry httpbin-ext in namespace default yet.");
    List<String> step4 = run.commands(4);
    run.ok(step4.get(0));
    assertThat(run.ok(step4.get(1)))
        .contains("\"Host\": \"httpbin.org\"")
        .contains("\"X-Envoy-Decorator-Operation\": \"httpbin.org:80/*\"")
        .contains("simulated external host");
    assertThat(run.check(4).getBoolean("passed")).isTrue();

    List<String> step5 = run.commands(5);
    run.ok(step5.get(0));
    assertThat(run.ok(step5.get(1))).isEqualTo("HTTP/2 200\n");
    LessonRun.Block cnn = run.exec(step5.get(2));
    assertThat(cnn.exitCode()).isEqualTo(1);
    assertThat(cnn.output()).isEqualTo("command terminated with exit code 35\n");
    assertThat(run.check(5).getBoolean("passed")).isTrue();
  }

  @Test
  void theThreeSecondTimeoutAnswers504AfterAboutThreeSecondsWhereTheCallTookFive() {
    begin();
    runAll(run.commands(4));
    List<String> step6 = run.commands(6);

    long start = System.nanoTime();
    String slow = run.ok(step6.get(0));
    double slowSeconds = (System.nanoTime() - start) / 1e9;
    assertThat(slow).startsWith("200\n");
    assertThat(real(slow)).as("time's real of the 5 s delay").isBetween(4.95, 7.5);
    assertThat(slowSeconds).as("seconds until the exec API answered").isBetween(4.95, 7.5);

    run.ok(step6.get(1));
    start = System.nanoTime();
    String cut = run.ok(step6.get(2));
    double cutSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "egress: /delay/5 took %.2f s, with the 3 s timeout %.2f s%n", slowSeconds, cutSeconds);
    assertThat(cut).startsWith("504\n");
    assertThat(real(cut)).as("time's real with the 3 s timeout").isBetween(2.5, 4.5);
    assertThat(cutSeconds).as("seconds until the exec API answered").isBetween(2.5, 4.5);
    assertThat(run.check(6).getBoolean("passed")).isTrue();
  }

  /** A sandbox at the lesson's start with the sleep pod of step 1 deployed and SOURCE_POD set. */
  private void begin() {
    run = lab.run("egress");
    runAll(run.commands(1));
    assertThat(run.check(1).getBoolean("passed")).isTrue();
  }

  private void runAll(List<String> commands) {
    commands.forEach(run::exec);
  }

  private static double real(String timeOutput) {
    Matcher m = REAL.matcher(timeOutput);
    assertThat(m.find()).as("time's report in %s", timeOutput).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
