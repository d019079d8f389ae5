package dev.trafficlab.server.lessons.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.terminal.ShellState.RanCommand;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resource, command and "all" checks on real cluster states, with the reasons a learner reads
 * when they fail. (The shell check runs in a sandbox: EveryLessonRunsAsWrittenTest and
 * ShellCheckTest.)
 */
class NewCheckTypesTest {
  private static final LessonCatalog CATALOG = LessonCatalog.fromClasspath();
  private static final Lesson FAULTS = CATALOG.lesson("fault-injection").orElseThrow();
  private static final Lesson SHIFTING = CATALOG.lesson("traffic-shifting").orElseThrow();
  private static final Lesson TIMEOUTS = CATALOG.lesson("request-timeouts").orElseThrow();

  @Test
  void resourceCheckSaysTheObjectIsMissingThenWhichFieldIsWrongThenPasses() {
    ConfigStore cluster = new ConfigStore(FAULTS.start());
    assertThat(check(FAULTS, 2, cluster).message())
        .isEqualTo(
            "There is no VirtualService ratings in namespace default yet. Apply"
                + " virtual-service-ratings-test-delay.yaml with the step's run button.");
    apply(cluster, "virtual-service-all-v1.yaml");
    assertThat(check(FAULTS, 2, cluster).message())
        .isEqualTo(
            "The first rule's end-user match in VirtualService ratings is not set yet (it should be"
                + " jason). Apply virtual-service-ratings-test-delay.yaml with the step's run"
                + " button.");
    apply(cluster, "virtual-service-ratings-test-abort.yaml");
    CheckResult abortInsteadOfDelay = check(FAULTS, 2, cluster);
    assertThat(abortInsteadOfDelay.passed()).isFalse();
    assertThat(abortInsteadOfDelay.message())
        .startsWith(
            "The delay for jason in VirtualService ratings is not set yet (it should be 7s)");
    assertThat(check(FAULTS, 3, cluster).passed()).isTrue();
    apply(cluster, "virtual-service-ratings-test-delay.yaml");
    CheckResult delay = check(FAULTS, 2, cluster);
    assertThat(delay.passed()).as(delay.message()).isTrue();
    assertThat(delay.message())
        .isEqualTo(
            "Well done: in VirtualService ratings, the first rule's end-user match is jason; the"
                + " delay for jason is 7s.");
    assertThat(check(FAULTS, 3, cluster).message())
        .startsWith("The abort status for jason in VirtualService ratings is not set yet");
  }

  @Test
  void weightsAreReadFromTheObjectAndTheRoutingAgrees() {
    ConfigStore cluster = new ConfigStore(SHIFTING.start());
    apply(cluster, "virtual-service-all-v1.yaml");
    assertThat(check(SHIFTING, 2, cluster).message())
        .isEqualTo(
            "The subset of each destination in VirtualService reviews is v1, not v1 v3. Apply"
                + " virtual-service-reviews-50-v3.yaml with the step's run button.");
    apply(cluster, "virtual-service-reviews-80-20.yaml");
    assertThat(check(SHIFTING, 2, cluster).message())
        .startsWith(
            "The subset of each destination in VirtualService reviews is v1 v2, not v1 v3.");
    applyText(
        cluster,
        BookinfoSamples.networking("virtual-service-reviews-50-v3.yaml")
            .replaceFirst("weight: 50", "weight: 80")
            .replaceFirst("weight: 50", "weight: 20"));
    assertThat(check(SHIFTING, 2, cluster).message())
        .startsWith(
            "The weight of each destination in VirtualService reviews is 80 20, not 50 50.");
    apply(cluster, "virtual-service-reviews-50-v3.yaml");
    CheckResult split = check(SHIFTING, 2, cluster);
    assertThat(split.passed()).as(split.message()).isTrue();
    assertThat(split.message())
        .contains("the weight of each destination is 50 50")
        .contains("v1 50%, v3 50%");
  }

  @Test
  void anAbsentFieldIsExpectedWithAnEmptyValue() {
    ConfigStore cluster = new ConfigStore(TIMEOUTS.start());
    apply(cluster, "virtual-service-ratings-test-delay.yaml");
    assertThat(check(TIMEOUTS, 2, cluster).message())
        .startsWith("The delay on calls to ratings in VirtualService ratings is 7s, not 2s.");
    applyText(
        cluster,
        RATINGS_DELAY.replace(
            "  - fault:",
            "  - match:\n    - headers:\n        end-user:\n          exact: jason\n    fault:"));
    CheckResult matched = check(TIMEOUTS, 2, cluster);
    assertThat(matched.passed()).isFalse();
    assertThat(matched.message())
        .startsWith(
            "The match of the delayed rule (it should delay every request) in"
                + " VirtualService ratings is [{\"headers\":{\"end-user\":{\"exact\":\"jason\"}}}],"
                + " but should not be set.");
    applyText(cluster, RATINGS_DELAY);
    assertThat(check(TIMEOUTS, 2, cluster).passed()).isTrue();
  }

  private static final String RATINGS_DELAY =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: ratings
      spec:
        hosts:
        - ratings
        http:
        - fault:
            delay:
              percent: 100
              fixedDelay: 2s
          route:
          - destination:
              host: ratings
              subset: v1
      """;

  private static void applyText(ConfigStore cluster, String yaml) {
    ApplyReport r = cluster.apply(yaml, "default", "STDIN", ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
  }

  @Test
  void commandCheckTellsNotRunFromFailedFromStillRunning() {
    CommandCheck check =
        CommandCheck.fromJson(
            new JsonObject()
                .put("command", "kubectl get vs")
                .put("pattern", "kubectl\\s+get\\s+vs"));
    ConfigStore cluster = new ConfigStore(FAULTS.start());
    assertThat(run(check, cluster).message()).startsWith("You have not run `kubectl get vs` yet");
    assertThat(run(check, cluster, new RanCommand("kubectl get vs -n nowhere -o bad", 1)).message())
        .isEqualTo(
            "You ran `kubectl get vs -n nowhere -o bad`, but it failed (exit code 1): read its"
                + " error in the terminal, then run `kubectl get vs` again.");
    assertThat(run(check, cluster, new RanCommand("kubectl get vs --watch", null)).message())
        .isEqualTo("`kubectl get vs --watch` has not finished yet: wait for it, then check again.");
    CheckResult ok =
        run(
            check,
            cluster,
            new RanCommand("kubectl get vs", 0),
            new RanCommand("kubectl get vs -o bad", 1));
    assertThat(ok.passed()).isTrue();
    assertThat(ok.message()).isEqualTo("You ran `kubectl get vs`, and it worked.");
  }

  @Test
  void aCommandWithoutPatternMatchesItsOwnTextLiterally() {
    CommandCheck check = CommandCheck.fromJson(new JsonObject().put("command", "ls $HOME (x)"));
    ConfigStore cluster = new ConfigStore(FAULTS.start());
    assertThat(run(check, cluster, new RanCommand("ls $HOME (x)", 0)).passed()).isTrue();
    assertThat(run(check, cluster, new RanCommand("ls /root x", 0)).passed()).isFalse();
  }

  @Test
  void badCheckDeclarationsAreRefusedWhenTheLessonLoads() {
    assertThatThrownBy(
            () -> Check.fromJson(new JsonObject().put("type", "resource").put("kind", "Thing")))
        .hasMessageContaining("needs a \"kind\" kubectl knows");
    assertThatThrownBy(
            () ->
                Check.fromJson(
                    new JsonObject()
                        .put("type", "resource")
                        .put("kind", "vs")
                        .put("name", "reviews")
                        .put(
                            "fields",
                            List.of(
                                new JsonObject().put("jsonpath", "{.spec").put("equals", "x")))))
        .hasMessageContaining("is not a JSONPath template");
    assertThatThrownBy(() -> Check.fromJson(new JsonObject().put("type", "shell")))
        .hasMessageContaining("needs either \"script\"");
    assertThatThrownBy(() -> Check.fromJson(new JsonObject().put("type", "all")))
        .hasMessageContaining("non-empty \"checks\"");
    assertThatThrownBy(() -> Check.fromJson(new JsonObject().put("type", "command")))
        .hasMessageContaining("needs a \"command\"");
  }

  private static CheckResult run(CommandCheck check, ConfigStore cluster, RanCommand... ran) {
    return check.run(new CheckContext(cluster.current(), List.of(ran), null));
  }

  private static CheckResult check(Lesson lesson, int step, ConfigStore cluster) {
    return lesson
        .step(step)
        .orElseThrow()
        .check()
        .evaluate(CheckContext.of(cluster.current(), List.of()))
        .result();
  }

  private static void apply(ConfigStore cluster, String file) {
    ApplyReport r =
        cluster.apply(BookinfoSamples.networking(file), "default", file, ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
  }
}
