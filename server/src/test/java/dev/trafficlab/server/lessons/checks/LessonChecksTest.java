package dev.trafficlab.server.lessons.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.terminal.ShellState.RanCommand;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lesson's Check buttons on real cluster states: the sample files applied with kubectl
 * semantics through ConfigStore, routing answered by the route resolver. Each check fails with its
 * explanation before the step's command and passes after it.
 */
class LessonChecksTest {
  private static final Lesson LESSON =
      LessonCatalog.fromClasspath().lesson("traffic-management").orElseThrow();

  private ConfigStore cluster;

  @BeforeEach
  void lessonStart() {
    cluster = new ConfigStore(LESSON.start());
  }

  @Test
  void lessonStartHasTheGatewayAndTheDestinationRules() {
    assertThat(cluster.current().objects().keySet())
        .extracting(k -> k.kind().kind() + "/" + k.name())
        .containsExactlyInAnyOrder(
            "VirtualService/bookinfo",
            "DestinationRule/details",
            "DestinationRule/productpage",
            "DestinationRule/ratings",
            "DestinationRule/reviews",
            "Gateway/bookinfo-gateway");
  }

  @Test
  void step1FailsWhileReviewsIsSpreadOverEveryVersion() {
    CheckResult r = check(1);
    assertThat(r.passed()).isFalse();
    assertThat(r.message())
        .contains("Requests to reviews still go to v1 33%, v2 33%, v3 33%, not v1")
        .contains("no VirtualService routes reviews");
  }

  @Test
  void step1PassesOnceEveryServiceIsPinnedToV1() {
    apply("virtual-service-all-v1.yaml");
    CheckResult r = check(1);
    assertThat(r.passed()).as(r.message()).isTrue();
    assertThat(r.message()).contains("requests to reviews go to reviews v1");
  }

  @Test
  void step1FailsWhenOnlyReviewsIsPinned() {
    apply("virtual-service-reviews-v3.yaml");
    CheckResult r = check(1);
    assertThat(r.passed()).isFalse();
    assertThat(r.message())
        .contains("to reviews still go to v3, not v1")
        .contains("rule #0 of VirtualService reviews.default");
  }

  @Test
  void step2ExplainsThatNoRuleMatchesTheEndUserHeader() {
    apply("virtual-service-all-v1.yaml");
    CheckResult r = check(2);
    assertThat(r.passed()).isFalse();
    assertThat(r.message())
        .startsWith(
            "Requests to reviews from jason still go to v1, not v2: "
                + "no rule matches the end-user header");
  }

  @Test
  void step2PassesWithTheJasonRule() {
    apply("virtual-service-all-v1.yaml");
    apply("virtual-service-reviews-test-v2.yaml");
    CheckResult r = check(2);
    assertThat(r.passed()).as(r.message()).isTrue();
    assertThat(r.message())
        .contains("requests to reviews from jason go to reviews v2")
        .contains("requests to reviews from everyone but jason go to reviews v1");
  }

  @Test
  void step2FailsWhenTheMatchIsOnAnotherValue() {
    applyText(
        """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
          - reviews
          http:
          - match:
            - headers:
                end-user:
                  exact: Jason
            route:
            - destination:
                host: reviews
                subset: v2
          - route:
            - destination:
                host: reviews
                subset: v1
        """);
    CheckResult r = check(2);
    assertThat(r.passed()).isFalse();
    assertThat(r.message())
        .contains("from jason still go to v1, not v2: no rule matches the end-user header");
  }

  @Test
  void step3FailsUntilTheSplitIsFiftyFifty() {
    apply("virtual-service-reviews-test-v2.yaml");
    assertThat(check(3).message())
        .contains("Requests to reviews still go to v1, not v1 50%, v3 50%");
    apply("virtual-service-reviews-80-20.yaml");
    assertThat(check(3).message()).contains("still go to v1 80%, v2 20%, not v1 50%, v3 50%");
    apply("virtual-service-reviews-50-v3.yaml");
    CheckResult r = check(3);
    assertThat(r.passed()).as(r.message()).isTrue();
  }

  @Test
  void step4PassesOnlyWhenEveryoneIsOnV3() {
    apply("virtual-service-reviews-50-v3.yaml");
    assertThat(check(4).passed()).isFalse();
    apply("virtual-service-reviews-jason-v2-v3.yaml");
    CheckResult jason = check(4);
    assertThat(jason.passed()).isFalse();
    assertThat(jason.message()).contains("from jason still go to v2, not v3");
    apply("virtual-service-reviews-v3.yaml");
    assertThat(check(4).passed()).isTrue();
  }

  @Test
  void aRouteToAnUndefinedSubsetIsExplained() {
    cluster = new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    apply("virtual-service-all-v1.yaml");
    CheckResult r = check(1);
    assertThat(r.passed()).isFalse();
    assertThat(r.message())
        .contains("still go to an error (503), not v1")
        .contains("subset v1 of reviews is not defined in any DestinationRule");
  }

  @Test
  void step5NeedsTheListingAndTheRoutesToHaveRunAndSucceeded() {
    StateCheck check = (StateCheck) LESSON.step(5).orElseThrow().check();
    assertThat(check.run(CheckContext.of(cluster.current(), List.of("kubectl get pods"))).message())
        .isEqualTo(
            "You have not run `kubectl get virtualservices` yet: click its run button in the step,"
                + " or type it in the terminal.");
    assertThat(
            check
                .run(CheckContext.of(cluster.current(), List.of("kubectl get vs", "ls")))
                .message())
        .startsWith("You have not run `istioctl proxy-config route");
    String routes = "istioctl proxy-config route productpage-v1-123.default";
    CheckResult failed =
        check.run(
            new CheckContext(
                cluster.current(),
                List.of(new RanCommand("kubectl get vs", 0), new RanCommand(routes, 1)),
                null));
    assertThat(failed.passed()).isFalse();
    assertThat(failed.message())
        .isEqualTo(
            "You ran `"
                + routes
                + "`, but it failed (exit code 1): read its error in the terminal, then run"
                + " `istioctl proxy-config route $(kubectl get pods -l app=productpage -o"
                + " jsonpath='{.items[*].metadata.name}').default` again.");
    assertThat(
            check
                .run(
                    new CheckContext(
                        cluster.current(),
                        List.of(
                            new RanCommand("kubectl get vs", 0),
                            new RanCommand(routes, 1),
                            new RanCommand("istioctl pc routes productpage-v1-123", 0)),
                        null))
                .passed())
        .isTrue();
  }

  @Test
  void step6FailsWhileMeshVirtualServicesRemainAndPassesAfterTheDelete() {
    apply("virtual-service-all-v1.yaml");
    apply("virtual-service-reviews-v3.yaml");
    CheckResult before = check(6);
    assertThat(before.passed()).isFalse();
    assertThat(before.message())
        .contains("reviews (VirtualService reviews.default)")
        .contains("productpage (VirtualService productpage.default)");
    ApplyReport deleted =
        cluster.deleteFromText(
            BookinfoSamples.networking("virtual-service-all-v1.yaml"),
            "default",
            "virtual-service-all-v1.yaml");
    assertThat(deleted.ok()).as(deleted.output()).isTrue();
    CheckResult after = check(6);
    assertThat(after.passed()).as(after.message()).isTrue();
  }

  @Test
  void step6PassesAtTheLessonStartBecauseTheGatewayRuleDoesNotRouteTheMesh() {
    assertThat(check(6).passed()).isTrue();
  }

  private CheckResult check(int step) {
    return LESSON
        .step(step)
        .orElseThrow()
        .check()
        .evaluate(CheckContext.of(cluster.current(), List.of()))
        .result();
  }

  private void apply(String file) {
    ApplyReport r =
        cluster.apply(BookinfoSamples.networking(file), "default", file, ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
  }

  private void applyText(String yaml) {
    ApplyReport r = cluster.apply(yaml, "default", "STDIN", ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
  }
}
