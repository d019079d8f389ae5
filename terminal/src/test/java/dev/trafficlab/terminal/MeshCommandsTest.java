package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** curl, kubectl exec, kubectl logs and sleep against a real data plane. */
class MeshCommandsTest extends RealMeshShellTest {

  @Test
  void curlThroughTheIngressReachesTheProductPage() {
    FakeTerminal t = sandbox(TestResources.GATEWAY, TestResources.DR_REVIEWS);
    ExecResult r =
        run(t, "curl -s -o /dev/null -w \"%{http_code}\" http://$GATEWAY_URL/productpage");
    assertThat(r.output()).isEqualTo("200");
    assertThat(
            run(t, "curl -s http://$GATEWAY_URL/productpage | grep -o '<title>.*</title>'")
                .output())
        .isEqualTo("<title>Simple Bookstore App</title>\n");
  }

  @Test
  void curlShowsRoutingByUserIdentity() {
    FakeTerminal t = sandbox(TestResources.DR_REVIEWS, TestResources.VS_REVIEWS_JASON);
    for (int i = 0; i < 3; i++) {
      assertThat(run(t, "curl -s -H \"end-user: jason\" http://reviews:9080/reviews/0").output())
          .contains("black");
      assertThat(run(t, "curl -s http://reviews:9080/reviews/0").output()).doesNotContain("color");
    }
  }

  @Test
  void includeHeadersAndErrors() {
    FakeTerminal t = sandbox();
    String head = run(t, "curl -sI http://details:9080/details/0").output();
    assertThat(head).startsWith("HTTP/1.1 200 OK\n");
    ExecResult unknown = run(t, "curl http://nowhere.example.com/");
    assertThat(unknown.output())
        .isEqualTo("curl: (6) Could not resolve host: nowhere.example.com\n");
    assertThat(unknown.exitCode()).isEqualTo(6);
  }

  @Test
  void kubectlExecCurlsFromThatPod() {
    FakeTerminal t = sandbox();
    ExecResult r =
        run(
            t,
            "kubectl exec \"$(kubectl get pod -l app=ratings -o jsonpath='{.items[0].metadata.name}')\""
                + " -c ratings -- curl -sS productpage:9080/productpage | grep -o \"<title>.*</title>\"");
    assertThat(r.output()).isEqualTo("<title>Simple Bookstore App</title>\n");
    assertThat(run(t, "kubectl exec nosuch -- curl x").output())
        .isEqualTo("Error from server (NotFound): pods \"nosuch\" not found\n");
  }

  @Test
  void kubectlLogsShowsEnvoyAccessLogLines() {
    FakeTerminal t = sandbox();
    run(t, "curl -s http://reviews:9080/reviews/0 > /dev/null");
    String logs = run(t, "kubectl logs productpage-v1-6b746f74dc-mp6tf -c istio-proxy").output();
    assertThat(logs)
        .containsPattern(
            "^\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\] \"GET /reviews/0 HTTP/1.1\" 200 - ");
    assertThat(logs).contains("outbound|9080||reviews.default.svc.cluster.local");
    assertThat(run(t, "kubectl logs productpage-v1-6b746f74dc-mp6tf").output())
        .startsWith(
            "error: a container name must be specified for pod productpage-v1-6b746f74dc-mp6tf, choose one of: "
                + "[productpage istio-proxy]");
  }

  @Test
  void loopOfCurlsSplitsTraffic() {
    FakeTerminal t = sandbox(TestResources.DR_REVIEWS, TestResources.VS_REVIEWS_50);
    String out =
        run(
                t,
                "for i in $(seq 1 40); do curl -s http://reviews:9080/reviews/0 | grep -c '\"red\"'; done"
                    + " | sort | uniq -c")
            .output();
    assertThat(out).containsPattern(" +\\d+ 0\n +\\d+ 1\n");
  }

  @Test
  void sleepWaitsOnATimer() {
    FakeTerminal t = sandbox();
    long start = System.nanoTime();
    ExecResult r = run(t, "sleep 0.3 && echo done");
    assertThat(r.output()).isEqualTo("done\n");
    assertThat(System.nanoTime() - start).isGreaterThan(250_000_000L);
    assertThat(run(t, "sleep 11").output())
        .isEqualTo("sleep: the lab's sleep is limited to 10 seconds\n");
  }

  @Test
  void theDocsWayToFindTheIngressWorks() {
    FakeTerminal t = sandbox(TestResources.GATEWAY);
    run(
        t,
        "export INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system "
            + "-o jsonpath='{.items[0].status.hostIP}')");
    run(
        t,
        "export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway "
            + "-o jsonpath='{.spec.ports[?(@.name==\"http2\")].nodePort}')");
    assertThat(run(t, "echo $INGRESS_HOST").output()).isEqualTo("192.168.49.2\n");
    assertThat(
            run(
                    t,
                    "curl -s -o /dev/null -w '%{http_code}' http://$INGRESS_HOST:$INGRESS_PORT/productpage")
                .output())
        .isEqualTo("200");
  }

  @Test
  void maxTimeCutsASlowRequest() {
    FakeTerminal t =
        sandbox(
            TestResources.DR_REVIEWS,
            """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: ratings
        spec:
          hosts: [ratings]
          http:
          - fault:
              delay:
                percentage: {value: 100}
                fixedDelay: 3s
            route:
            - destination: {host: ratings}
        """);
    ExecResult r = run(t, "curl -sS -m 0.5 http://ratings:9080/ratings/0");
    assertThat(r.output())
        .isEqualTo("curl: (28) Operation timed out after 500 milliseconds with 0 bytes received\n");
    assertThat(r.exitCode()).isEqualTo(28);
    ExecResult v = run(t, "curl -v -s http://details:9080/details/0 2>&1 >/dev/null | head -3");
    assertThat(v.output())
        .isEqualTo(
            "*   Trying 10.96.78.147:9080...\n* Connected to details (10.96.78.147) port 9080 (#0)\n"
                + "> GET /details/0 HTTP/1.1\n");
  }
}
