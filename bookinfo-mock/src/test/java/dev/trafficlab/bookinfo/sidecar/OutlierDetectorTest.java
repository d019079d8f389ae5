package dev.trafficlab.bookinfo.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {
  static final long S = 1_000_000_000L;
  static final Pod A = pod("httpbin-a");
  static final Pod B = pod("httpbin-b");

  static Pod pod(String name) {
    return new Pod(
        name,
        "default",
        "httpbin",
        Map.of("app", "httpbin"),
        "10.1.0.1",
        "httpbin",
        "controlplane",
        "docker.io/kennethreitz/httpbin",
        true);
  }

  final List<String> counted = new ArrayList<>();
  final OutlierDetector d = new OutlierDetector(0, counted::add);

  static OutlierDetection policy(Map<String, Object> od) {
    return OutlierDetection.of(Map.of("outlierDetection", od));
  }

  @Test
  void theTaskRuleEjectsOnFirst5xxForThreeMinutesRoundedToTheInterval() {
    OutlierDetection p =
        policy(
            Map.of(
                "consecutive5xxErrors",
                1,
                "interval",
                "1s",
                "baseEjectionTime",
                "3m",
                "maxEjectionPercent",
                100));
    assertThat(d.healthy(List.of(A, B), p, 0)).containsExactly(A, B);
    d.result("httpbin-a", 503, 2, S / 2);
    assertThat(d.healthy(List.of(A, B), p, S)).containsExactly(B);
    assertThat(d.active(S)).isEqualTo(1);
    assertThat(counted).contains("outlier_detection.ejections_enforced_consecutive_5xx");
    // Ejected at 0.5 s for 180 s: back at the first interval tick after 180.5 s.
    assertThat(d.ejected("httpbin-a", 181 * S - 1)).isTrue();
    assertThat(d.ejected("httpbin-a", 181 * S)).isFalse();
    // A second ejection lasts twice as long.
    d.result("httpbin-a", 500, 2, 200 * S);
    assertThat(d.ejected("httpbin-a", 559 * S)).isTrue();
    assertThat(d.ejected("httpbin-a", 561 * S)).isFalse();
  }

  @Test
  void withoutConsecutive5xxErrorsEnvoysDefaultOfFiveApplies() {
    OutlierDetection p = policy(Map.of("interval", "1s", "baseEjectionTime", "3m"));
    d.healthy(List.of(A, B), p, 0);
    for (int i = 0; i < 4; i++) {
      d.result("httpbin-a", 503, 2, i);
    }
    assertThat(d.ejected("httpbin-a", 5)).isFalse();
    d.result("httpbin-a", 200, 2, 6);
    for (int i = 0; i < 4; i++) {
      d.result("httpbin-a", 503, 2, 10 + i);
    }
    assertThat(d.ejected("httpbin-a", 20)).as("a success resets the count").isFalse();
    d.result("httpbin-a", 503, 2, 21);
    assertThat(d.ejected("httpbin-a", 22)).isTrue();
  }

  @Test
  void gatewayErrorsEjectOnlyWhenConsecutiveGatewayErrorsIsSet() {
    OutlierDetection off = policy(Map.of("consecutive5xxErrors", 0));
    d.healthy(List.of(A, B), off, 0);
    for (int i = 0; i < 10; i++) {
      d.result("httpbin-a", 502, 2, i);
    }
    assertThat(d.ejected("httpbin-a", 20)).isFalse();
    OutlierDetector g = new OutlierDetector(0, counted::add);
    OutlierDetection gw = policy(Map.of("consecutive5xxErrors", 0, "consecutiveGatewayErrors", 2));
    g.healthy(List.of(A, B), gw, 0);
    g.result("httpbin-a", 500, 2, 1);
    g.result("httpbin-a", 503, 2, 2);
    assertThat(g.ejected("httpbin-a", 3)).as("500 is no gateway error").isFalse();
    g.result("httpbin-a", 504, 2, 4);
    assertThat(g.ejected("httpbin-a", 5)).isTrue();
  }

  @Test
  void maxEjectionPercentKeepsHostsInTheBalancer() {
    OutlierDetection p = policy(Map.of("consecutive5xxErrors", 1, "maxEjectionPercent", 50));
    d.healthy(List.of(A, B), p, 0);
    d.result("httpbin-a", 500, 2, 1);
    d.result("httpbin-b", 500, 2, 2);
    assertThat(d.healthy(List.of(A, B), p, 3)).containsExactly(B);
    assertThat(counted).contains("outlier_detection.ejections_overflow");
  }
}
