package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.mesh.testing.HttpbinSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A retried request in the sidecars' access logs, as Envoy writes them: the caller's sidecar logs
 * it once (URX when its retries ran out), the answering pod's sidecar once a try, on its own port
 * (httpbin's 80, not Bookinfo's 9080), with its own view of the answer (no URX; a try cut by a
 * per-try timeout is a downstream disconnect).
 */
class RetriesInTheAccessLogsTest extends RealMeshShellTest {

  private FakeTerminal httpbinAndSleep() {
    FakeTerminal t = sandbox();
    run(
        t,
        "kubectl apply -f - <<'EOF'\n"
            + HttpbinSamples.sample()
            + "EOF\nkubectl apply -f - <<'EOF'\n"
            + BookinfoSamples.istio("samples/sleep/sleep.yaml")
            + "EOF\n");
    run(t, "sleep 3");
    return t;
  }

  @Test
  void aDefaultRetried503IsOneCallerLineAndThreeLinesAtHttpbin() {
    FakeTerminal t = httpbinAndSleep();
    assertThat(
            run(
                    t,
                    "kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code}'"
                        + " http://httpbin:8000/status/503")
                .output())
        .isEqualTo("503");
    List<String> caller =
        run(t, "kubectl logs deploy/sleep -c istio-proxy").output().lines().toList();
    assertThat(caller).hasSize(1);
    assertThat(caller.get(0))
        .contains("\"GET /status/503 HTTP/1.1\" 503 URX ", "outbound|8000||httpbin");
    List<String> httpbin =
        run(t, "kubectl logs deploy/httpbin -c istio-proxy").output().lines().toList();
    assertThat(httpbin).hasSize(3);
    assertThat(httpbin)
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"GET /status/503 HTTP/1.1\" 503 - ",
                        " inbound|80|| ",
                        "\"127.0.0.1:80\"",
                        "outbound_.8000_._.httpbin.default.svc.cluster.local"));
  }

  @Test
  void triesCutByAPerTryTimeoutAreDownstreamDisconnectsAtHttpbin() {
    FakeTerminal t = httpbinAndSleep();
    run(
        t,
        """
        kubectl apply -f - <<EOF
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: httpbin
        spec:
          hosts:
          - httpbin
          http:
          - route:
            - destination:
                host: httpbin
            retries:
              attempts: 1
              perTryTimeout: 300ms
              retryOn: 5xx
        EOF""");
    assertThat(
            run(
                    t,
                    "kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code}'"
                        + " http://httpbin:8000/delay/2")
                .output())
        .isEqualTo("504");
    List<String> httpbin =
        run(t, "kubectl logs deploy/httpbin -c istio-proxy").output().lines().toList();
    assertThat(httpbin).hasSize(2);
    assertThat(httpbin).allSatisfy(l -> assertThat(l).contains("\"GET /delay/2 HTTP/1.1\" 0 DC "));
  }

  @Test
  void theIngressGatewayLogsARequestItHasNoRouteForAsNrOnItsOwnListener() {
    FakeTerminal t = httpbinAndSleep();
    run(
        t,
        "export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o"
            + " jsonpath='{.spec.ports[?(@.name==\"http2\")].nodePort}');"
            + " export INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system -o"
            + " jsonpath='{.items[0].status.hostIP}')");
    run(
        t,
        "curl -s -I -HHost:unknown.example.com \"http://$INGRESS_HOST:$INGRESS_PORT/status/200\"");
    String gatewayIp =
        run(
                t,
                "kubectl get po -l istio=ingressgateway -n istio-system -o jsonpath='{.items[0].status.podIP}'")
            .output();
    String line =
        run(t, "kubectl logs -n istio-system deploy/istio-ingressgateway --tail=1").output();
    assertThat(line)
        .contains(
            "\"HEAD /status/200 HTTP/1.1\" 404 NR ",
            "\"unknown.example.com\" \"-\" - - " + gatewayIp + ":8080 ");
  }
}
