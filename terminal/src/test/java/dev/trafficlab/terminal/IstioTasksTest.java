package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.HttpbinSamples;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Istio 1.8 tasks that deploy their own workloads, run through the terminal as istio.io writes
 * them, against the real data plane.
 */
class IstioTasksTest extends RealMeshShellTest {

  FakeTerminal lab() {
    FakeTerminal t = new FakeTerminal(TestResources.lessonFiles(), TestResources.lessonStart());
    t.dataPlane = mesh;
    run(t, "cd istio-1.8.1");
    return t;
  }

  /**
   * Polls until the pods of that selector are Running (they start in one to two seconds of wall
   * clock; the data plane counts readiness on the real clock, which the test terminal's kubectl
   * does not show).
   */
  void waitRunning(FakeTerminal t, String selector) throws InterruptedException {
    Thread.sleep(2_500);
    for (int i = 0; i < 100; i++) {
      String out = run(t, "kubectl get pods -l " + selector).output();
      if (out.contains("Running")
          && !out.contains("Init")
          && !out.contains("Pending")
          && !out.contains("ContainerCreating")
          && !out.contains("PodInitializing")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("pods " + selector + " did not start");
  }

  @Test
  void sleepCurlsHttpbinHeadersThroughBothSidecars() throws Exception {
    FakeTerminal t = lab();
    assertThat(run(t, "kubectl apply -f samples/sleep/sleep.yaml").output())
        .isEqualTo(
            "serviceaccount/sleep created\nservice/sleep created\ndeployment.apps/sleep created\n");
    assertThat(run(t, "kubectl apply -f samples/httpbin/httpbin.yaml").output())
        .isEqualTo(
            "serviceaccount/httpbin created\nservice/httpbin created\n"
                + "deployment.apps/httpbin created\n");
    waitRunning(t, "app=sleep");
    waitRunning(t, "app=httpbin");
    run(t, "export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
    ExecResult r =
        run(t, "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS http://httpbin:8000/headers");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).startsWith("{\n  \"headers\": {\n    \"Accept\": \"*/*\",\n");
    JsonObject h = new JsonObject(r.output()).getJsonObject("headers");
    assertThat(h.getString("Host")).isEqualTo("httpbin:8000");
    assertThat(h.getString("X-B3-Sampled")).isEqualTo("1");
    assertThat(h.getString("X-Envoy-Attempt-Count")).isEqualTo("1");
    assertThat(h.getString("X-Forwarded-Client-Cert"))
        .startsWith("By=spiffe://cluster.local/ns/default/sa/httpbin;Hash=")
        .endsWith(";Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/sleep");
  }

  static String httpbinVersion(String v) {
    return Heredoc.of(Heredoc.CREATE, HttpbinSamples.taskDeployment(v));
  }

  static final String HTTPBIN_SERVICE = Heredoc.of(Heredoc.CREATE, HttpbinSamples.TASK_SERVICE);

  static final String ALL_V1 = Heredoc.of(Heredoc.APPLY, HttpbinSamples.ALL_TO_V1);

  @Test
  void aSleepOutsideTheMeshIsNotRoutedByTheVirtualService() throws Exception {
    FakeTerminal t = lab();
    assertThat(run(t, "kubectl create ns legacy").output()).isEqualTo("namespace/legacy created\n");
    run(t, "kubectl apply -f samples/sleep/sleep.yaml -n legacy");
    for (String step : new String[] {httpbinVersion("v1"), httpbinVersion("v2"), HTTPBIN_SERVICE}) {
      assertThat(run(t, step).exitCode()).isZero();
    }
    waitRunning(t, "app=httpbin");
    waitRunning(t, "app=sleep -n legacy");
    run(t, ALL_V1);
    run(
        t,
        "export LEGACY=$(kubectl get pod -l app=sleep -n legacy -o jsonpath={.items..metadata.name})");
    for (int i = 0; i < 30; i++) {
      ExecResult r =
          run(
              t,
              "kubectl exec \"$LEGACY\" -c sleep -n legacy -- curl http://httpbin.default:8000/ip"
                  + " -s -o /dev/null -w \"%{http_code}\\n\"");
      assertThat(r.output())
          .as(
              () ->
                  run(
                          t,
                          "kubectl exec \"$LEGACY\" -c sleep -n legacy -- curl -v http://httpbin.default:8000/ip")
                      .output())
          .isEqualTo("200\n");
    }
    // kube-proxy spread the calls over both versions: the VirtualService's v1-only route did not
    // apply
    run(
        t,
        "export V2_POD=$(kubectl get pod -l app=httpbin,version=v2 -o jsonpath={.items..metadata.name})");
    assertThat(run(t, "kubectl logs \"$V2_POD\" -c httpbin").output())
        .contains("\"GET /ip HTTP/1.1\" 200");
    JsonObject h =
        new JsonObject(
                run(
                        t,
                        "kubectl exec \"$LEGACY\" -c sleep -n legacy -- curl -s http://httpbin.default:8000/headers")
                    .output())
            .getJsonObject("headers");
    assertThat(h.fieldNames()).containsExactlyInAnyOrder("Accept", "Host", "User-Agent");
    assertThat(run(t, "istioctl proxy-status").output()).doesNotContain(".legacy");
  }

  @Test
  void aDeploymentOfAnUnknownImageAnswersAsAnEchoServer() throws Exception {
    FakeTerminal t = lab();
    run(t, "kubectl apply -f samples/sleep/sleep.yaml");
    ExecResult applied =
        run(
            t,
            """
            kubectl apply -f - <<EOF
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.19
                    ports:
                    - containerPort: 80
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                app: web
              ports:
              - name: http
                port: 80
            EOF""");
    assertThat(applied.output()).isEqualTo("deployment.apps/web created\nservice/web created\n");
    waitRunning(t, "app=web");
    waitRunning(t, "app=sleep");
    run(t, "export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
    JsonObject echo =
        new JsonObject(
            run(t, "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS http://web/anything?x=1")
                .output());
    assertThat(echo.getString("method")).isEqualTo("GET");
    assertThat(echo.getString("path")).isEqualTo("/anything?x=1");
    assertThat(echo.getString("pod")).startsWith("web-");
    assertThat(echo.getJsonObject("headers").getString("x-envoy-attempt-count")).isEqualTo("1");
    run(t, "export WEB_POD=$(kubectl get pod -l app=web -o jsonpath={.items..metadata.name})");
    assertThat(run(t, "kubectl logs \"$WEB_POD\" -c web").output())
        .startsWith(
            "Traffic Lab does not know the image \"nginx:1.19\": this container answers as an HTTP"
                + " echo server")
        .contains("GET /anything?x=1 200");
    assertThat(run(t, "kubectl describe pod \"$WEB_POD\"").output())
        .contains("Traffic Lab does not know the image \"nginx:1.19\"");
    ExecResult inWeb = run(t, "kubectl exec \"$WEB_POD\" -c web -- curl -sS http://web/");
    assertThat(inWeb.exitCode()).isEqualTo(126);
    assertThat(inWeb.output())
        .contains("exec: \\\"curl\\\": executable file not found in $PATH")
        .endsWith("command terminated with exit code 126\n");
  }
}
