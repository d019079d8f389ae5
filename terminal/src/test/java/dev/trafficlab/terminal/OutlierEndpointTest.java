package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Outlier detection seen through istioctl: the request-timeouts setup (reviews v2, ratings delayed
 * 2 s, a 0.5 s route timeout) with outlier detection on reviews; the timed-out host is ejected from
 * productpage's proxy, and only there.
 */
class OutlierEndpointTest extends RealMeshShellTest {
  static final String DR =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: reviews
      spec:
        host: reviews
        trafficPolicy:
          outlierDetection:
            consecutive5xxErrors: 1
            interval: 1s
            baseEjectionTime: 3m
            maxEjectionPercent: 100
        subsets:
        - name: v1
          labels:
            version: v1
        - name: v2
          labels:
            version: v2
      """;

  static final String VS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts:
        - reviews
        http:
        - route:
          - destination:
              host: reviews
              subset: v2
          timeout: 0.5s
      ---
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
      """;

  static final String PRODUCTPAGE =
      "$(kubectl get pod -l app=productpage -o jsonpath='{.items[0].metadata.name}')";

  @Test
  void aTimedOutHostFailsItsOutlierCheckAndGetsNoMoreRequests() {
    FakeTerminal t = sandbox(DR, VS);
    String cluster = "'outbound|9080|v2|reviews.default.svc.cluster.local'";
    String before =
        run(t, "istioctl proxy-config endpoint " + PRODUCTPAGE + " --cluster " + cluster).output();
    assertThat(before).containsPattern("HEALTHY +OK +outbound\\|9080\\|v2\\|reviews");

    String first =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c productpage -- curl -s -o /dev/null"
                    + " -w '%{http_code}\\n' http://reviews:9080/reviews/0")
            .output();
    assertThat(first).isEqualTo("504\n");
    String after =
        run(t, "istioctl proxy-config endpoint " + PRODUCTPAGE + " --cluster " + cluster).output();
    assertThat(after)
        .startsWith("ENDPOINT ")
        .containsPattern("HEALTHY +FAILED +outbound\\|9080\\|v2\\|reviews");

    // The only host of v2 is ejected: Envoy answers at once, no healthy upstream.
    String second =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c productpage -- curl -s"
                    + " http://reviews:9080/reviews/0")
            .output();
    assertThat(second).isEqualTo("no healthy upstream");
    String clusters =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c istio-proxy -- pilot-agent request GET clusters"
                    + " | grep '^outbound|9080|v2|reviews' | grep health_flags")
            .output();
    assertThat(clusters).contains("::health_flags::/failed_outlier_check\n");

    // Another proxy keeps its own view: the ingress gateway has ejected nothing.
    String gateway =
        run(
                t,
                "istioctl proxy-config endpoint deploy/istio-ingressgateway -n istio-system"
                    + " --cluster "
                    + cluster)
            .output();
    assertThat(gateway).doesNotContain("FAILED");
  }
}
