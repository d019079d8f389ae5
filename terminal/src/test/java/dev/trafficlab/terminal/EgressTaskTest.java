package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Istio 1.8's "Accessing External Services" task typed as written, from the sleep sample: the lab
 * answers the task's external hosts itself (and says so), under ALLOW_ANY and REGISTRY_ONLY.
 */
class EgressTaskTest extends RealMeshShellTest {
  final FakeTerminal t = new FakeTerminal(TestResources.lessonFiles(), TestResources.lessonStart());

  static final String BOTH =
      "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sSI https://www.google.com | grep "
          + " \"HTTP/\"; kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sI https://edition.cnn.com"
          + " | grep \"HTTP/\"";

  static final String HTTPBIN_EXT =
      """
      kubectl apply -f - <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: ServiceEntry
      metadata:
        name: httpbin-ext
      spec:
        hosts:
        - httpbin.org
        ports:
        - number: 80
          name: http
          protocol: HTTP
        resolution: DNS
        location: MESH_EXTERNAL
      EOF""";

  static final String GOOGLE =
      """
      kubectl apply -f - <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: ServiceEntry
      metadata:
        name: google
      spec:
        hosts:
        - www.google.com
        ports:
        - number: 443
          name: https
          protocol: HTTPS
        resolution: DNS
        location: MESH_EXTERNAL
      EOF""";

  static final String TIMEOUT_VS =
      """
      kubectl apply -f - <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: httpbin-ext
      spec:
        hosts:
          - httpbin.org
        http:
        - timeout: 3s
          route:
            - destination:
                host: httpbin.org
              weight: 100
      EOF""";

  ExecResult ok(String line) {
    ExecResult r = run(t, line);
    assertThat(r.exitCode()).as(line + "\n" + r.output()).isZero();
    return r;
  }

  @BeforeEach
  void deploySleep() {
    t.dataPlane = mesh;
    ok("kubectl apply -f istio-1.8.1/samples/sleep/sleep.yaml");
    ok("kubectl wait --for=condition=Ready pod -l app=sleep --timeout=60s");
    ok("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
  }

  @Test
  void allowAnyPassesTheTasksHostsThroughAndSaysTheyAreSimulated() {
    assertThat(ok(BOTH).output()).isEqualTo("HTTP/2 200\nHTTP/2 200\n");
    assertThat(
            ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sI https://edition.cnn.com")
                .output())
        .contains("x-traffic-lab: simulated external host");
    assertThat(
            ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS http://httpbin.org/headers")
                .output())
        .contains("\"Host\": \"httpbin.org\"")
        .contains("simulated external host")
        .doesNotContain("X-Envoy-Decorator-Operation");
    ExecResult other =
        run(t, "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS https://example.com");
    assertThat(other.output()).contains("curl: (6) Could not resolve host: example.com");
    assertThat(other.exitCode()).isEqualTo(6);
  }

  @Test
  void registryOnlyBlocksUntilServiceEntriesRegisterTheHosts() {
    ok("istioctl install --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y");
    ExecResult blocked = run(t, BOTH.replace("-sSI", "-sI"));
    assertThat(blocked.output())
        .isEqualTo("command terminated with exit code 35\ncommand terminated with exit code 35\n");
    assertThat(
            ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sSI http://httpbin.org/headers")
                .output())
        .startsWith("HTTP/1.1 502 Bad Gateway\n");

    ok(HTTPBIN_EXT);
    assertThat(
            ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS http://httpbin.org/headers")
                .output())
        .startsWith("{\n  \"headers\": {\n")
        .contains("\"X-Envoy-Decorator-Operation\": \"httpbin.org:80/*\"")
        .contains("simulated external host");
    ok(GOOGLE);
    assertThat(
            ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sSI https://www.google.com | grep"
                    + "  \"HTTP/\"")
                .output())
        .isEqualTo("HTTP/2 200\n");
  }

  @Test
  void virtualServiceTimeoutCutsTheExternalDelayWith504() {
    ok(HTTPBIN_EXT);
    String delay =
        "kubectl exec \"$SOURCE_POD\" -c sleep -- time curl -o /dev/null -sS -w \"%{http_code}\\n\""
            + " http://httpbin.org/delay/5";
    assertThat(ok(delay).output()).startsWith("200\n\nreal\t0m5.");
    ok(TIMEOUT_VS);
    long start = System.nanoTime();
    assertThat(ok(delay).output()).startsWith("504\n\nreal\t0m3.").endsWith("sys\t0m0.004s\n");
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2_900L, 4_500L);
  }

  @Test
  void aServiceEntryHostIsAVirtualHostOfTheSidecarsRoutesAndItsRulesMatchAsForAnyService() {
    ok(HTTPBIN_EXT);
    String routes = "istioctl proxy-config routes \"$SOURCE_POD\" --name 80";
    assertThat(ok(routes).output()).containsPattern("(?m)^80\\s+httpbin\\.org\\s+/\\*\\s*$");
    ok(
        """
        kubectl apply -f - <<EOF
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: httpbin-ext
        spec:
          hosts:
          - httpbin.org
          http:
          - match:
            - uri:
                prefix: /headers
            route:
            - destination:
                host: httpbin.org
          - timeout: 1s
            route:
            - destination:
                host: httpbin.org
        EOF""");
    assertThat(ok(routes).output())
        .containsPattern("(?m)^80\\s+httpbin\\.org\\s+/headers\\*\\s+httpbin-ext\\.default\\s*$");
    // the second rule's timeout, not the first rule's (which has none), cuts /delay/2
    assertThat(
            ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -s -o /dev/null -w \"%{http_code}\""
                    + " http://httpbin.org/delay/2")
                .output())
        .isEqualTo("504");
  }
}
