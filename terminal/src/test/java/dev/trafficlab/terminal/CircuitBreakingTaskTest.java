package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.mesh.testing.HttpbinSamples;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * istio.io 1.8's circuit-breaking task, step by step through the terminal, against httpbin and the
 * fortio sample's pod (built by hand until Deployments can be applied; the fortio Deployment object
 * carries the sample's statsInclusionPrefixes annotation).
 */
class CircuitBreakingTaskTest extends RealMeshShellTest {
  static final String DR =
      """
      kubectl apply -f - <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: httpbin
      spec:
        host: httpbin
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 1
            http:
              http1MaxPendingRequests: 1
              maxRequestsPerConnection: 1
          outlierDetection:
            consecutiveErrors: 1
            interval: 1s
            baseEjectionTime: 3m
            maxEjectionPercent: 100
      EOF
      """;

  static int code(String out, int code) {
    Matcher m = Pattern.compile("Code " + code + " : (\\d+) \\(").matcher(out);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  @Test
  void theTaskOnTheOpenClusterWithTheSamplesApplied() {
    FakeTerminal t = sandbox();
    ExecResult deploy =
        run(
            t,
            "kubectl apply -f - <<'EOF'\n"
                + HttpbinSamples.sample()
                + "EOF\nkubectl apply -f - <<'EOF'\n"
                + BookinfoSamples.istio("samples/httpbin/sample-client/fortio-deploy.yaml")
                + "EOF\n");
    assertThat(deploy.output()).contains("deployment.apps/fortio-deploy created");
    run(t, "sleep 3");
    run(t, DR);
    run(
        t,
        "export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')");
    String two =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 2 -qps 0 -n 20"
                    + " -loglevel Warning http://httpbin:8000/get")
            .output();
    String curl =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio curl -quiet"
                    + " http://httpbin:8000/get")
            .output();
    assertThat(curl).startsWith("HTTP/1.1 200 OK\n");
    String three =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30"
                    + " -loglevel Warning http://httpbin:8000/get")
            .output();
    assertThat(two)
        .contains(
            "Fortio 1.11.3 running at 0 queries per second, 2->2 procs, for 20 calls:"
                + " http://httpbin:8000/get\n")
        .contains("Sockets used: ");
    assertThat(code(two, 200) + code(two, 503)).as(two).isEqualTo(20);
    assertThat(code(two, 503)).isBetween(1, 10);
    assertThat(code(three, 200) + code(three, 503)).as(three).isEqualTo(30);
    assertThat(code(three, 503)).isBetween(9, 28);
    String stats =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c istio-proxy -- pilot-agent request GET stats"
                    + " | grep httpbin | grep pending")
            .output();
    String cluster = "cluster.outbound|8000||httpbin.default.svc.cluster.local.";
    assertThat(stats)
        .contains(cluster + "upstream_rq_pending_active: 0\n")
        .contains(cluster + "upstream_rq_pending_failure_eject: 0\n")
        .contains(
            cluster + "upstream_rq_pending_overflow: " + (code(two, 503) + code(three, 503)) + "\n")
        .containsPattern(Pattern.quote(cluster) + "upstream_rq_pending_total: [1-9]\\d*\n");
    // consecutiveErrors has no effect in 1.8.1 (Envoy's default of 5 consecutive 5xx holds), and
    // overflows never reach httpbin: it is never ejected.
    String endpoints =
        run(
                t,
                "istioctl proxy-config endpoint \"$FORTIO_POD\" --cluster"
                    + " 'outbound|8000||httpbin.default.svc.cluster.local'")
            .output();
    assertThat(endpoints).containsPattern(":80 +HEALTHY +OK +outbound");
  }
}
