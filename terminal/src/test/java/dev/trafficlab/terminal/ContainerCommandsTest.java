package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.HttpbinSamples;
import dev.trafficlab.mesh.testing.OpenCluster;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commands inside containers, as Istio 1.8's tasks run them, against the real data plane. */
class ContainerCommandsTest extends RealMeshShellTest {

  static final String HTTPBIN_RULES = Heredoc.of(Heredoc.APPLY, HttpbinSamples.ALL_TO_V1);

  static final String SLEEP = OpenCluster.pod("default", "sleep", "");
  static final String LEGACY = OpenCluster.pod("legacy", "sleep", "");
  static final String HTTPBIN_V2 = OpenCluster.pod("default", "httpbin", "v2");
  static final String WEB = OpenCluster.pod("default", "web", "");

  FakeTerminal cluster() {
    FakeTerminal t = new FakeTerminal(Map.of(), OpenCluster.base());
    t.dataPlane = mesh;
    return t;
  }

  @Test
  void curlFlagsLessonsUse() {
    FakeTerminal t = cluster();
    assertThat(
            run(
                    t,
                    "kubectl exec "
                        + SLEEP
                        + " -c sleep -- curl -s -o /dev/null -w \"%{http_code}\\n\" http://httpbin:8000/status/418")
                .output())
        .isEqualTo("418\n");
    assertThat(
            run(t, "kubectl exec " + SLEEP + " -c sleep -- curl -sI http://httpbin:8000/status/200")
                .output())
        .startsWith("HTTP/1.1 200 OK\n")
        .contains("content-type: text/html; charset=utf-8\n")
        .contains("server: envoy\n");
    JsonObject posted =
        new JsonObject(
            run(
                    t,
                    "kubectl exec "
                        + SLEEP
                        + " -c sleep -- curl -sS -X POST -d a=1 http://httpbin:8000/anything")
                .output());
    assertThat(posted.getString("method")).isEqualTo("POST");
    assertThat(posted.getJsonObject("form").getString("a")).isEqualTo("1");
    assertThat(
            run(
                    t,
                    "kubectl exec "
                        + SLEEP
                        + " -c sleep -- curl -sS --max-time 1 http://httpbin:8000/delay/3")
                .output())
        .contains("curl: (28) Operation timed out after 1000 milliseconds");
  }

  @Test
  void servicesResolveByShortNameNamespaceAndFqdnAndTcpPortsSayTcpIsNotCarried() {
    FakeTerminal t = cluster();
    for (String host :
        new String[] {
          "httpbin.default", "httpbin.default.svc", "httpbin.default.svc.cluster.local"
        }) {
      for (String pod : new String[] {SLEEP, LEGACY}) {
        ExecResult r =
            run(
                t,
                "kubectl exec "
                    + pod
                    + (pod.equals(LEGACY) ? " -n legacy" : "")
                    + " -- curl -sS http://"
                    + host
                    + ":8000/ip");
        assertThat(r.output()).as(host + " from " + pod).contains("\"origin\"");
      }
    }
    ExecResult tcp =
        run(t, "kubectl exec " + SLEEP + " -c sleep -- curl -sS http://tcp-echo:9000/");
    assertThat(tcp.exitCode()).isEqualTo(52);
    assertThat(tcp.output()).contains("TCP lessons are not available yet");
  }

  @Test
  void anUnknownImageIsAnEchoServerWithoutCurlAndSaysSo() {
    FakeTerminal t = cluster();
    JsonObject echo =
        new JsonObject(
            run(t, "kubectl exec " + SLEEP + " -c sleep -- curl -sS http://web/hello").output());
    assertThat(echo.getString("pod")).isEqualTo(WEB);
    assertThat(echo.getString("path")).isEqualTo("/hello");
    ExecResult inWeb = run(t, "kubectl exec " + WEB + " -c web -- curl -sS http://httpbin:8000/ip");
    assertThat(inWeb.exitCode()).isEqualTo(126);
    assertThat(inWeb.output())
        .isEqualTo(
            "OCI runtime exec failed: exec failed: container_linux.go:349: starting container "
                + "process caused \"exec: \\\"curl\\\": executable file not found in $PATH\": unknown\n"
                + "command terminated with exit code 126\n");
    assertThat(run(t, "kubectl logs " + WEB + " -c web").output())
        .startsWith("Traffic Lab does not know the image \"nginx:1.19\"")
        .contains("GET /hello 200");
    assertThat(run(t, "kubectl describe pod " + WEB).output())
        .contains("Traffic Lab does not know the image \"nginx:1.19\"");
    assertThat(run(t, "kubectl exec " + SLEEP + " -c sleep -- nc httpbin 8000").output())
        .contains("TCP lessons are not available yet");
  }

  @Test
  void aSleepWithoutSidecarIsNotRoutedByTheVirtualService() {
    FakeTerminal t = cluster();
    run(t, HTTPBIN_RULES);
    for (int i = 0; i < 30; i++) {
      run(t, "kubectl exec " + SLEEP + " -c sleep -- curl -sS http://httpbin:8000/ip");
    }
    assertThat(run(t, "kubectl logs " + HTTPBIN_V2 + " -c httpbin").output()).isEmpty();
    for (int i = 0; i < 30; i++) {
      run(
          t,
          "kubectl exec "
              + LEGACY
              + " -c sleep -n legacy -- curl -sS http://httpbin.default:8000/ip");
    }
    assertThat(run(t, "kubectl logs " + HTTPBIN_V2 + " -c httpbin").output())
        .contains("\"GET /ip HTTP/1.1\" 200");
    JsonObject h =
        new JsonObject(
                run(
                        t,
                        "kubectl exec "
                            + LEGACY
                            + " -c sleep -n legacy -- curl -sS http://httpbin.default:8000/headers")
                    .output())
            .getJsonObject("headers");
    assertThat(h.fieldNames()).containsExactlyInAnyOrder("Accept", "Host", "User-Agent");
  }

  @Test
  void httpbinThroughTheIngressGatewayAsTheIngressTaskShows() {
    FakeTerminal t = cluster();
    run(
        t,
        """
        kubectl apply -f - <<EOF
        apiVersion: networking.istio.io/v1alpha3
        kind: Gateway
        metadata:
          name: httpbin-gateway
        spec:
          selector:
            istio: ingressgateway # use Istio default gateway implementation
          servers:
          - port:
              number: 80
              name: http
              protocol: HTTP
            hosts:
            - "httpbin.example.com"
        EOF""");
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
          - "httpbin.example.com"
          gateways:
          - httpbin-gateway
          http:
          - match:
            - uri:
                prefix: /status
            - uri:
                prefix: /delay
            route:
            - destination:
                port:
                  number: 8000
                host: httpbin
        EOF""");
    run(
        t,
        "export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o"
            + " jsonpath='{.spec.ports[?(@.name==\"http2\")].nodePort}')");
    run(
        t,
        "export INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system -o"
            + " jsonpath='{.items[0].status.hostIP}')");
    ExecResult r =
        run(
            t,
            "curl -s -I -HHost:httpbin.example.com \"http://$INGRESS_HOST:$INGRESS_PORT/status/200\"");
    assertThat(r.output())
        .matches(
            "HTTP/1.1 200 OK\nserver: istio-envoy\ndate: .+ GMT\n"
                + "content-type: text/html; charset=utf-8\n"
                + "access-control-allow-origin: \\*\n"
                + "access-control-allow-credentials: true\n"
                + "x-envoy-upstream-service-time: \\d+\n"
                + "content-length: 0\n\n");
    assertThat(
            run(
                    t,
                    "curl -s -I -HHost:httpbin.example.com \"http://$INGRESS_HOST:$INGRESS_PORT/headers\"")
                .output())
        .startsWith("HTTP/1.1 404 Not Found\n");
  }
}
