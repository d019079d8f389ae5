package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.bookinfo.stats.ProxyStats;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Outlier detection for real: ratings' cluster has its pod and one that answers 503 (the workload
 * server knows no such pod); after the first 503 that host is ejected and gets no more requests.
 */
class OutlierEjectionTest {
  static final MeshFixture F = new MeshFixture();
  static final String CLUSTER = "outbound|9080||ratings.default.svc.cluster.local";
  static final Pod RATINGS = Inventory.bookinfo().podOrWorkload("ratings-v1").get();
  static final Pod BROKEN =
      new Pod(
          "ratings-v9-5d8f7c6b4-broke",
          "default",
          "ratings-v9",
          Map.of("app", "ratings", "version", "v9"),
          "10.244.0.99",
          "bookinfo-ratings",
          "controlplane",
          "docker.io/istio/examples-bookinfo-ratings-v1:1.16.2",
          true);

  @AfterAll
  static void close() {
    F.close();
  }

  static void rule(Map<String, Object> outlier) {
    F.routes.rule(
        "ratings",
        Routes.route(
                new ClusterTarget(
                    "ratings.default.svc.cluster.local",
                    9080,
                    "",
                    100,
                    CLUSTER,
                    Outcome.ROUTE,
                    List.of(BROKEN, RATINGS),
                    Map.of("outlierDetection", outlier),
                    null))
            .retries(new RetryPolicy(0, null, List.of(), 0))
            .build());
  }

  @Test
  void aHostThatAnswered5xxGetsNoMoreRequestsUntilItsEjectionEnds() {
    rule(
        Map.of(
            "consecutive5xxErrors",
            1,
            "interval",
            "1s",
            "baseEjectionTime",
            "3m",
            "maxEjectionPercent",
            100));
    TestSandbox s = new TestSandbox("outlier");
    int broken = 0;
    for (int i = 0; i < 10; i++) {
      MeshResponse r = F.call(s, "productpage-v1", "ratings", "/ratings/0", Map.of());
      if (r.status() == 503) {
        broken++;
        assertThat(r.upstreamPod()).isEqualTo(BROKEN.name());
      } else {
        assertThat(r.upstreamPod()).isEqualTo(RATINGS.name());
      }
    }
    assertThat(broken).isEqualTo(1);
    ProxyStats client = F.mesh.stats(s).read(EnvoyStatsTest.PRODUCTPAGE);
    assertThat(client.ejected(CLUSTER, BROKEN.name())).isTrue();
    assertThat(client.ejected(CLUSTER, RATINGS.name())).isFalse();
    assertThat(client.counter(CLUSTER, "outlier_detection.ejections_enforced_total")).isEqualTo(1);
    assertThat(client.gauge(CLUSTER, "outlier_detection.ejections_active")).isEqualTo(1);
  }

  @Test
  void withEveryHostEjectedEnvoyHasNoHealthyUpstream() {
    rule(Map.of("consecutive5xxErrors", 1, "maxEjectionPercent", 100));
    F.routes.rule(
        "ratings",
        Routes.route(
                new ClusterTarget(
                    "ratings.default.svc.cluster.local",
                    9080,
                    "",
                    100,
                    CLUSTER,
                    Outcome.ROUTE,
                    List.of(BROKEN),
                    Map.of("outlierDetection", Map.of("consecutive5xxErrors", 1)),
                    null))
            .retries(new RetryPolicy(0, null, List.of(), 0))
            .build());
    TestSandbox s = new TestSandbox("outlier-all");
    assertThat(F.call(s, "productpage-v1", "ratings", "/ratings/0", Map.of()).status())
        .isEqualTo(503);
    MeshResponse none = F.call(s, "productpage-v1", "ratings", "/ratings/0", Map.of());
    assertThat(none.status()).isEqualTo(503);
    assertThat(none.responseFlags()).isEqualTo("UH");
    assertThat(none.body()).isEqualTo("no healthy upstream");
  }

  @Test
  void overflowsNeverCountTowardsEjection() {
    F.routes.rule(
        "ratings",
        Routes.route(
                new ClusterTarget(
                    "ratings.default.svc.cluster.local",
                    9080,
                    "",
                    100,
                    CLUSTER,
                    Outcome.ROUTE,
                    List.of(RATINGS),
                    Map.of(
                        "outlierDetection",
                        Map.of("consecutive5xxErrors", 1),
                        "connectionPool",
                        Map.of(
                            "tcp",
                            Map.of("maxConnections", 1),
                            "http",
                            Map.of("http1MaxPendingRequests", 1))),
                    null))
            .retries(new RetryPolicy(0, null, List.of(), 0))
            .build());
    TestSandbox s = new TestSandbox("outlier-uo");
    var out =
        F.mesh
            .sendRequests(
                s,
                new dev.trafficlab.mesh.routing.RouteRequest(
                    "productpage-v1", "ratings", 9080, "GET", "/ratings/0", Map.of()),
                8,
                8)
            .await();
    assertThat(out.getJsonObject("summary").getJsonObject("statuses").getInteger("503"))
        .isPositive();
    ProxyStats client = F.mesh.stats(s).read(EnvoyStatsTest.PRODUCTPAGE);
    assertThat(client.ejected(CLUSTER, RATINGS.name())).isFalse();
    assertThat(F.call(s, "productpage-v1", "ratings", "/ratings/0", Map.of()).status())
        .isEqualTo(200);
  }
}
