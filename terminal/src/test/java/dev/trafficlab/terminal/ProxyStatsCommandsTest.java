package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A proxy's Envoy stats, reached as on a cluster: pilot-agent request and curl localhost:15000. */
class ProxyStatsCommandsTest extends RealMeshShellTest {
  static final String PRODUCTPAGE =
      "$(kubectl get pod -l app=productpage -o jsonpath='{.items[0].metadata.name}')";

  FakeTerminal afterProductPages() {
    FakeTerminal t = sandbox(TestResources.GATEWAY, TestResources.DR_REVIEWS);
    for (int i = 0; i < 3; i++) {
      assertThat(
              run(t, "curl -s -o /dev/null -w \"%{http_code}\" http://$GATEWAY_URL/productpage")
                  .output())
          .isEqualTo("200");
    }
    return t;
  }

  @Test
  void pilotAgentPrometheusStatsShowIstioRequestsWithDestinationVersions() {
    FakeTerminal t = afterProductPages();
    ExecResult r =
        run(
            t,
            "kubectl exec "
                + PRODUCTPAGE
                + " -c istio-proxy -- pilot-agent request GET stats/prometheus");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("# TYPE istio_requests_total counter\n")
        .contains("# TYPE istio_request_duration_milliseconds histogram\n")
        .containsPattern(
            "istio_requests_total\\{response_code=\"200\",reporter=\"source\","
                + "source_workload=\"productpage-v1\",.*destination_version=\"v[123]\","
                + "destination_service=\"reviews.default.svc.cluster.local\"")
        .containsPattern(
            "istio_requests_total\\{response_code=\"200\",reporter=\"destination\","
                + "source_workload=\"istio-ingressgateway\",.*destination_workload=\"productpage-v1\""
                + ".*\\} 3\\n")
        .doesNotContain("envoy_cluster_upstream_rq{");
    // Three pages: three calls to details from productpage's sidecar, one series.
    assertThat(r.output())
        .containsPattern(
            "reporter=\"source\"[^\\n]*destination_workload=\"details-v1\"[^\\n]*\\} 3\\n");
  }

  @Test
  void pilotAgentTextStatsAreSortedAndLeaveOutClusterCountersOfUnannotatedPods() {
    FakeTerminal t = afterProductPages();
    ExecResult r =
        run(t, "kubectl exec " + PRODUCTPAGE + " -c istio-proxy -- pilot-agent request GET stats");
    assertThat(r.exitCode()).isZero();
    String out = r.output();
    assertThat(out)
        .contains("server.live: 1\n")
        .contains("cluster_manager.active_clusters: ")
        .containsPattern(
            "(?m)^reporter=\\.=source;\\.;source_workload=\\.=productpage-v1;.*"
                + "destination_service=\\.=details\\.default\\.svc\\.cluster\\.local;.*"
                + "istio_requests_total: 3$")
        .doesNotContain("cluster.outbound|");
    // The circuit-breaking task's grep finds nothing on a pod without statsInclusionPrefixes.
    ExecResult pending =
        run(
            t,
            "kubectl exec "
                + PRODUCTPAGE
                + " -c istio-proxy -- pilot-agent request GET stats | grep pending");
    assertThat(pending.output()).isEmpty();
  }

  @Test
  void curlToTheAdminPortFromInsideThePodGivesTheSameStats() {
    FakeTerminal t = afterProductPages();
    String prom =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c istio-proxy -- curl -s localhost:15000/stats/prometheus"
                    + " | grep '^istio_requests_total'")
            .output();
    assertThat(prom).contains("destination_version=\"v1\"").contains("reporter=\"destination\"");
    String text =
        run(t, "kubectl exec " + PRODUCTPAGE + " -c istio-proxy -- curl -s localhost:15000/stats")
            .output();
    assertThat(text).contains("server.live: 1\n").contains(";.;istio_requests_total: ");
    assertThat(
            run(
                    t,
                    "kubectl exec "
                        + PRODUCTPAGE
                        + " -c istio-proxy -- curl -s 'localhost:15000/stats?format=prometheus'")
                .output())
        .contains("# TYPE istio_requests_total counter\n");
  }

  static final String DR_DETAILS_POOL =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: details
      spec:
        host: details
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 1
            http:
              http1MaxPendingRequests: 1
              maxRequestsPerConnection: 1
      """;

  @Test
  void clustersShowsThresholdsAndPerEndpointRequestCounts() {
    FakeTerminal t = sandbox(TestResources.GATEWAY, TestResources.DR_REVIEWS, DR_DETAILS_POOL);
    for (int i = 0; i < 3; i++) {
      run(t, "curl -s -o /dev/null http://$GATEWAY_URL/productpage");
    }
    String out =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c istio-proxy -- pilot-agent request GET clusters"
                    + " | grep '^outbound|9080||details'")
            .output();
    assertThat(out)
        .contains(
            "outbound|9080||details.default.svc.cluster.local::default_priority::max_connections::1\n")
        .contains(
            "outbound|9080||details.default.svc.cluster.local::default_priority::max_requests::4294967295\n")
        .contains(
            "outbound|9080||details.default.svc.cluster.local::high_priority::max_retries::3\n")
        .containsPattern(
            "outbound\\|9080\\|\\|details\\.default\\.svc\\.cluster\\.local::[0-9.]+:9080::rq_total::3\n")
        .containsPattern("::[0-9.]+:9080::rq_success::3\n")
        .containsPattern("::[0-9.]+:9080::health_flags::healthy\n");
  }

  @Test
  void pilotAgentLivesOnlyInTheProxyContainer() {
    FakeTerminal t = sandbox();
    ExecResult r =
        run(t, "kubectl exec " + PRODUCTPAGE + " -c productpage -- pilot-agent request GET stats");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.output()).contains("\\\"pilot-agent\\\": executable file not found in $PATH");
    ExecResult unknown =
        run(t, "kubectl exec " + PRODUCTPAGE + " -c istio-proxy -- pilot-agent request GET nosuch");
    assertThat(unknown.exitCode()).isZero();
    assertThat(unknown.output()).startsWith("invalid path. admin commands are:\n");
  }
}
