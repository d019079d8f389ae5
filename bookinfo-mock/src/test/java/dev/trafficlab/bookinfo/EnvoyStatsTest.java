package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.bookinfo.stats.AdminView;
import dev.trafficlab.bookinfo.stats.EnvoyStats;
import dev.trafficlab.bookinfo.stats.ProxyStats;
import dev.trafficlab.bookinfo.stats.StatsInclusion;
import dev.trafficlab.mesh.routing.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each sidecar counts what it did as Envoy and Istio's stats filter would. */
class EnvoyStatsTest {
  static final String REVIEWS_V1 = "outbound|9080|v1|reviews.default.svc.cluster.local";
  static final String REVIEWS_V2 = "outbound|9080|v2|reviews.default.svc.cluster.local";
  static final AdminView BOOKINFO = new AdminView(StatsInclusion.forPod(Map.of()), 20, 30, 60);
  static final AdminView FORTIO =
      new AdminView(
          StatsInclusion.forPod(
              Map.of(
                  StatsInclusion.ANNOTATION,
                  "cluster.outbound,cluster_manager,listener_manager,http_mixer_filter,"
                      + "tcp_mixer_filter,server,cluster.xds-grpc")),
          20,
          30,
          60);

  static final String PRODUCTPAGE =
      dev.trafficlab.mesh.inventory.Inventory.bookinfo()
          .podOrWorkload("productpage-v1")
          .orElseThrow()
          .name();

  static MeshFixture f;

  @BeforeAll
  static void start() {
    f = new MeshFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static MeshResponse reviews(TestSandbox s, Routes.B decision) {
    f.routes.rule("reviews", decision.build());
    return f.call(s, "productpage-v1", "reviews", "/reviews/0", Map.of());
  }

  @Test
  void aRoutedRequestCountsOnTheClientAsSourceAndOnTheServerAsDestination() {
    TestSandbox s = new TestSandbox("stats-routed");
    MeshResponse r = reviews(s, Routes.route(Routes.target("reviews", "v1", 100)));
    assertThat(r.status()).isEqualTo(200);
    ProxyStats client = f.mesh.stats(s).read(PRODUCTPAGE);
    assertThat(client.counter(REVIEWS_V1, "upstream_rq_200")).isEqualTo(1);
    assertThat(client.counter(REVIEWS_V1, "upstream_rq_total")).isEqualTo(1);
    assertThat(client.counter(REVIEWS_V1, "upstream_rq_completed")).isEqualTo(1);

    String source = EnvoyStats.prometheus(client, BOOKINFO);
    assertThat(source)
        .contains("# TYPE istio_requests_total counter\n")
        .contains(
            "istio_requests_total{response_code=\"200\",reporter=\"source\","
                + "source_workload=\"productpage-v1\"")
        .contains("destination_workload=\"reviews-v1\",destination_workload_namespace=\"default\"")
        .contains("destination_version=\"v1\",destination_service=\"reviews.default.svc");
    assertThat(source).containsPattern("response_flags=\"-\"[^\\n]*\\} 1\\n");
    assertThat(source).contains("# TYPE istio_request_duration_milliseconds histogram\n");
    assertThat(source).contains("le=\"+Inf\"} 1\n");

    String server = EnvoyStats.prometheus(f.mesh.stats(s).read(r.upstreamPod()), BOOKINFO);
    assertThat(server)
        .contains("istio_requests_total{response_code=\"200\",reporter=\"destination\"")
        .contains("connection_security_policy=\"mutual_tls\"");
  }

  @Test
  void clusterCountersShowOnlyForPodsThatAskForThem() {
    TestSandbox s = new TestSandbox("stats-filter");
    reviews(s, Routes.route(Routes.target("reviews", "v1", 100)));
    ProxyStats client = f.mesh.stats(s).read(PRODUCTPAGE);

    String bookinfo = EnvoyStats.text(client, BOOKINFO);
    assertThat(bookinfo).doesNotContain("cluster.outbound|");
    assertThat(bookinfo)
        .contains("cluster_manager.active_clusters: 20\n")
        .contains("server.live: 1\n")
        .containsPattern(
            "(?m)^reporter=\\.=source;\\.;source_workload=\\.=productpage-v1;.*"
                + "istio_requests_total: 1$");
    List<String> lines = bookinfo.lines().toList();
    List<String> counters = lines.stream().filter(l -> !l.contains(": P0(")).toList();
    assertThat(counters).isSorted();

    String fortio = EnvoyStats.text(client, FORTIO);
    assertThat(fortio)
        .contains("cluster." + REVIEWS_V1 + ".upstream_rq_200: 1\n")
        .contains("cluster." + REVIEWS_V1 + ".upstream_rq_pending_overflow: 0\n");
    assertThat(EnvoyStats.prometheus(client, FORTIO))
        .contains("# TYPE envoy_cluster_upstream_rq counter\n")
        .contains(
            "envoy_cluster_upstream_rq{response_code=\"200\",cluster_name=\""
                + REVIEWS_V1
                + "\"} 1");
  }

  @Test
  void aRouteTimeoutCountsUpstreamRqTimeoutAnd504() {
    TestSandbox s = new TestSandbox("stats-timeout");
    f.routes.rule(
        "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(2000, 100).build());
    MeshResponse r = reviews(s, Routes.route(Routes.target("reviews", "v2", 100)).timeout(300));
    f.routes.rule("ratings", (snap, q) -> null);
    assertThat(r.responseFlags()).isEqualTo("UT");
    ProxyStats client = f.mesh.stats(s).read(PRODUCTPAGE);
    assertThat(client.counter(REVIEWS_V2, "upstream_rq_timeout")).isEqualTo(1);
    assertThat(client.counter(REVIEWS_V2, "upstream_rq_504")).isEqualTo(1);
    assertThat(EnvoyStats.prometheus(client, BOOKINFO))
        .contains("istio_requests_total{response_code=\"504\",reporter=\"source\"")
        .contains("response_flags=\"UT\"");
  }

  @Test
  void perTryTimeoutsAndRetriesAreCountedPerAttempt() {
    TestSandbox s = new TestSandbox("stats-retry");
    f.routes.rule(
        "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(3000, 100).build());
    MeshResponse r =
        reviews(
            s,
            Routes.route(Routes.target("reviews", "v2", 100))
                .retries(new RetryPolicy(2, "gateway-error", List.of(), 200)));
    f.routes.rule("ratings", (snap, q) -> null);
    assertThat(r.status()).isEqualTo(504);
    ProxyStats client = f.mesh.stats(s).read(PRODUCTPAGE);
    assertThat(client.counter(REVIEWS_V2, "upstream_rq_total")).isEqualTo(3);
    assertThat(client.counter(REVIEWS_V2, "upstream_rq_retry")).isEqualTo(2);
    assertThat(client.counter(REVIEWS_V2, "upstream_rq_per_try_timeout")).isEqualTo(3);
  }

  @Test
  void aConnectionPoolOverflowCountsPendingOverflow() {
    try (MeshFixture g = new MeshFixture()) {
      g.slowRatingsAndAOneConnectionReviewsPool();
      TestSandbox s = new TestSandbox("stats-breaker");
      g.call(s, "productpage-v1", "reviews", "/reviews/0", Map.of());
      g.mesh
          .sendRequests(
              s,
              new dev.trafficlab.mesh.routing.RouteRequest(
                  "productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of()),
              6,
              6)
          .await();
      ProxyStats client = g.mesh.stats(s).read(PRODUCTPAGE);
      assertThat(client.counter(REVIEWS_V2, "upstream_rq_pending_overflow")).isEqualTo(4);
      assertThat(client.counter(REVIEWS_V2, "upstream_rq_pending_total")).isEqualTo(2);
      assertThat(EnvoyStats.text(client, FORTIO))
          .contains("cluster." + REVIEWS_V2 + ".upstream_rq_pending_overflow: 4\n");
    }
  }
}
