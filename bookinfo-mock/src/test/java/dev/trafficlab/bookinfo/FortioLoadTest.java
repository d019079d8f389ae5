package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.load.LoadReport;
import dev.trafficlab.bookinfo.load.LoadSpec;
import dev.trafficlab.bookinfo.stats.ProxyStats;
import dev.trafficlab.mesh.routing.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The circuit-breaking task's runs against the task's connection pool (maxConnections 1,
 * http1MaxPendingRequests 1, maxRequestsPerConnection 1), here from productpage's sidecar to
 * ratings: two connections get mostly 200s, three a majority of 503 UO. Ranges, not counts: the
 * share depends on handshake timing.
 */
class FortioLoadTest {
  static final MeshFixture F = new MeshFixture();
  static final String RATINGS = "outbound|9080||ratings.default.svc.cluster.local";

  static {
    F.routes.rule(
        "ratings",
        Routes.route(
                Routes.target(
                    "ratings",
                    "",
                    100,
                    Map.of(
                        "connectionPool",
                        Map.of(
                            "tcp",
                            Map.of("maxConnections", 1),
                            "http",
                            Map.of("http1MaxPendingRequests", 1, "maxRequestsPerConnection", 1))),
                    null))
            .retries(
                new RetryPolicy(
                    2,
                    "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                    List.of(503),
                    0))
            .build());
  }

  @AfterAll
  static void close() {
    F.close();
  }

  static LoadReport run(TestSandbox s, int threads, int calls) {
    return F.mesh
        .load(
            s,
            new LoadSpec(
                "productpage-v1",
                "ratings",
                9080,
                "/ratings/0",
                Map.of("user-agent", "fortio.org/fortio-1.11.3"),
                threads,
                0,
                calls,
                0))
        .report()
        .await();
  }

  static long count(LoadReport r, int status) {
    return r.calls().stream().filter(c -> c.status() == status).count();
  }

  @Test
  void twoConnectionsGetMostly200AndSome503() {
    TestSandbox s = new TestSandbox("fortio-2");
    LoadReport r = run(s, 2, 20);
    assertThat(r.calls()).hasSize(20);
    assertThat(count(r, 200) + count(r, 503)).isEqualTo(20);
    // The first call finds no connection and waits while one opens, so the second overflows at
    // once; later ones overflow when a handshake is slow. The task saw 1 to 6 of 20.
    assertThat(count(r, 503)).isBetween(1L, 10L);
    ProxyStats client = F.mesh.stats(s).read(EnvoyStatsTest.PRODUCTPAGE);
    assertThat(client.counter(RATINGS, "upstream_rq_pending_overflow")).isEqualTo(count(r, 503));
    assertThat(client.counter(RATINGS, "upstream_rq_pending_total")).isEqualTo(count(r, 200));
    assertThat(client.counter(RATINGS, "upstream_cx_total")).isEqualTo(count(r, 200));
  }

  @Test
  void threeConnectionsGetAMajorityOf503() {
    TestSandbox s = new TestSandbox("fortio-3");
    LoadReport r = run(s, 3, 30);
    assertThat(r.calls()).hasSize(30);
    // One connection busy, one request pending: whichever thread is left over overflows each time
    // it sends; a 503 comes back at once, an upstream answer a millisecond later, so the thread
    // that was spinning takes the pending place next and the one just served spins: every thread
    // gets its share of 503s (the task saw 19 to 22 of 30).
    assertThat(count(r, 503)).isBetween(9L, 28L);
    assertThat(r.sockets()).isEqualTo(3 + (int) count(r, 503));
  }
}
