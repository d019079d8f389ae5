package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.HttpbinSamples;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's acceptance: istio.io 1.8's task sequences typed into the terminal as written there,
 * against a sandbox that starts with Bookinfo and the Istio 1.8.1 samples, with a real data plane.
 */
class OpenClusterTasksTest extends RealMeshShellTest {
  final FakeTerminal t = learnerSandbox();

  FakeTerminal learnerSandbox() {
    FakeTerminal f = new FakeTerminal(TestResources.lessonFiles(), TestResources.lessonStart());
    f.dataPlane = mesh;
    return f;
  }

  ExecResult ok(String line) {
    ExecResult r = run(t, line);
    assertThat(r.exitCode()).as(line + "\n" + r.output()).isZero();
    return r;
  }

  void deploySleepAndHttpbin() {
    ok("cd istio-1.8.1");
    assertThat(ok("kubectl apply -f samples/sleep/sleep.yaml").output())
        .contains("serviceaccount/sleep created\n")
        .contains("service/sleep created\n")
        .contains("deployment.apps/sleep created\n");
    assertThat(ok("kubectl apply -f samples/httpbin/httpbin.yaml").output())
        .contains("service/httpbin created\n")
        .contains("deployment.apps/httpbin created\n");
    ok("kubectl wait --for=condition=Ready pod -l app=sleep --timeout=60s");
    ok("kubectl wait --for=condition=Ready pod -l app=httpbin --timeout=60s");
  }

  static int code(String out, int code) {
    Matcher m = Pattern.compile("Code " + code + " : (\\d+) \\(").matcher(out);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  List<String> podNames(String selector) {
    String out =
        ok("kubectl get pods -l " + selector + " -o jsonpath='{.items[*].metadata.name}'").output();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" "));
  }

  @Test
  void sleepCurlsHttpbinHeadersThroughItsSidecar() {
    deploySleepAndHttpbin();
    ok("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
    assertThat(ok("echo $SOURCE_POD").output()).matches("sleep-[a-z0-9]{8,10}-[a-z0-9]{5}\n");
    String out =
        ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS http://httpbin:8000/headers")
            .output();
    assertThat(out)
        .startsWith("{\n  \"headers\": {\n")
        .contains("\"Host\": \"httpbin:8000\"")
        .contains("\"User-Agent\": \"curl/")
        .contains("\"X-B3-Traceid\": \"")
        .contains("\"X-Envoy-Attempt-Count\": \"1\"");
  }

  @Test
  void circuitBreakingTaskOverflowsWithFortio() {
    ok("cd istio-1.8.1");
    ok("kubectl apply -f samples/httpbin/httpbin.yaml");
    // the 1.8 task's rule still says consecutiveErrors, which 1.8.1 accepts with a warning
    assertThat(ok(CircuitBreakingTaskTest.DR).output())
        .endsWith("\ndestinationrule.networking.istio.io/httpbin created\n");
    assertThat(ok("kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml").output())
        .contains("deployment.apps/fortio-deploy created\n");
    ok("kubectl wait --for=condition=Ready pod -l app=fortio --timeout=60s");
    ok("kubectl wait --for=condition=Ready pod -l app=httpbin --timeout=60s");
    ok(
        "export FORTIO_POD=$(kubectl get pods -l app=fortio -o"
            + " 'jsonpath={.items[0].metadata.name}')");
    assertThat(
            ok("kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio curl -quiet"
                    + " http://httpbin:8000/get")
                .output())
        .startsWith("HTTP/1.1 200 OK\n");
    String two =
        ok("kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 2 -qps 0 -n 20"
                + " -loglevel Warning http://httpbin:8000/get")
            .output();
    assertThat(code(two, 200) + code(two, 503)).isEqualTo(20);
    assertThat(code(two, 200)).isGreaterThanOrEqualTo(10);
    String three =
        ok("kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30"
                + " -loglevel Warning http://httpbin:8000/get")
            .output();
    assertThat(code(three, 200) + code(three, 503)).isEqualTo(30);
    assertThat(code(three, 503)).isGreaterThanOrEqualTo(5);
    String stats =
        ok("kubectl exec \"$FORTIO_POD\" -c istio-proxy -- pilot-agent request GET stats | grep"
                + " httpbin | grep pending")
            .output();
    Matcher m =
        Pattern.compile(
                "cluster\\.outbound\\|8000\\|\\|httpbin\\.default\\.svc\\.cluster\\.local"
                    + "\\.upstream_rq_pending_overflow: (\\d+)")
            .matcher(stats);
    assertThat(m.find()).as(stats).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isPositive();
  }

  /** One gunicorn access-log line for the sleep pod's curl of /headers. */
  static final String LOG_LINE =
      "127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
          + "\"GET /headers HTTP/1\\.1\" 200 \\d+ \"-\" \"curl/[0-9.]+\"\n";

  /**
   * The mirroring task as istio.io 1.8 writes it (kube-inject, all to v1, then mirrored to v2); the
   * lab's one terminal test of mirroring (the mirroring lesson's test runs the mirrorPercent form).
   */
  @Test
  void mirroredRequestsShowInV2Logs() {
    ok(Heredoc.of(Heredoc.KUBE_INJECT_CREATE, HttpbinSamples.taskDeployment("v1")));
    ok(Heredoc.of(Heredoc.KUBE_INJECT_CREATE, HttpbinSamples.taskDeployment("v2")));
    ok(Heredoc.of(Heredoc.CREATE, HttpbinSamples.TASK_SERVICE));
    ok(
        """
        cat <<EOF | istioctl kube-inject -f - | kubectl create -f -
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: sleep
          template:
            metadata:
              labels:
                app: sleep
            spec:
              containers:
              - name: sleep
                image: curlimages/curl
                command: ["/bin/sleep","3600"]
                imagePullPolicy: IfNotPresent
        EOF
        """);
    ok(Heredoc.of(Heredoc.APPLY, HttpbinSamples.ALL_TO_V1));
    ok("kubectl wait --for=condition=Ready pod -l app=sleep --timeout=60s");
    ok("kubectl wait --for=condition=Ready pod -l app=httpbin --timeout=60s");
    // kube-inject's sidecar and the namespace's injection make one istio-proxy
    assertThat(ok("kubectl get pods -l app=httpbin").output())
        .containsPattern("httpbin-v1-\\S+ +2/2 +Running")
        .containsPattern("httpbin-v2-\\S+ +2/2 +Running");
    ok("export SLEEP_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
    ok("kubectl exec \"${SLEEP_POD}\" -c sleep -- curl -s http://httpbin:8000/headers");
    ok(
        "export V1_POD=$(kubectl get pod -l app=httpbin,version=v1 -o"
            + " jsonpath={.items..metadata.name})");
    ok(
        "export V2_POD=$(kubectl get pod -l app=httpbin,version=v2 -o"
            + " jsonpath={.items..metadata.name})");
    assertThat(ok("kubectl logs \"$V1_POD\" -c httpbin").output()).matches(LOG_LINE);
    assertThat(ok("kubectl logs \"$V2_POD\" -c httpbin").output()).isEmpty();
    ok(
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
                subset: v1
              weight: 100
            mirror:
              host: httpbin
              subset: v2
            mirrorPercentage:
              value: 100.0
        EOF
        """);
    ok("kubectl exec \"${SLEEP_POD}\" -c sleep -- curl -s http://httpbin:8000/headers");
    // v1 served both requests; v2 logged only the mirrored copy of the second
    assertThat(ok("kubectl logs \"$V1_POD\" -c httpbin").output()).matches(LOG_LINE + LOG_LINE);
    assertThat(ok("kubectl logs \"$V2_POD\" -c httpbin").output()).matches(LOG_LINE);
    // Envoy appends -shadow to the copy's host; v2's sidecar logs it inbound on httpbin's port 80,
    // the caller's sidecar logs only the request it routed (the copy leaves through an async
    // client)
    String v2Proxy = ok("kubectl logs \"$V2_POD\" -c istio-proxy").output();
    assertThat(v2Proxy.lines()).hasSize(1);
    assertThat(v2Proxy)
        .contains("\"httpbin-shadow:8000\" \"127.0.0.1:80\" inbound|80|| ")
        .contains(":80 - outbound_.8000_.v2_.httpbin.default.svc.cluster.local default\n");
    String sleepProxy = ok("kubectl logs \"$SLEEP_POD\" -c istio-proxy").output();
    assertThat(sleepProxy.lines())
        .hasSize(2)
        .allMatch(l -> l.contains("\"httpbin:8000\"") && l.contains(" outbound|8000|v1|httpbin."));
  }

  @Test
  void routingHalfToADeletedReviewsV3FailsWithNoHealthyUpstream() {
    ok("cd istio-1.8.1");
    ok("kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml");
    assertThat(ok("kubectl delete deploy reviews-v3").output())
        .isEqualTo("deployment.apps \"reviews-v3\" deleted\n");
    assertThat(podNames("app=reviews,version=v3")).isEmpty();
    ok("kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-v2-v3.yaml");
    ok("export SOURCE_POD=$(kubectl get pod -l app=ratings -o jsonpath={.items..metadata.name})");
    int uh = 0;
    int fine = 0;
    for (int i = 0; i < 40; i++) {
      ExecResult r =
          run(
              t,
              "kubectl exec \"$SOURCE_POD\" -c ratings -- curl -s -o /dev/null -w"
                  + " '%{http_code}\\n' http://reviews:9080/reviews/0");
      String c = r.output().trim();
      if (c.equals("503")) {
        uh++;
      } else if (c.equals("200")) {
        fine++;
      }
    }
    assertThat(uh + fine).isEqualTo(40);
    assertThat(uh).isBetween(8, 32);
    ExecResult body = null;
    for (int i = 0; i < 40; i++) {
      body =
          run(
              t,
              "kubectl exec \"$SOURCE_POD\" -c ratings -- curl -s http://reviews:9080/reviews/0");
      if (body.output().contains("no healthy upstream")) {
        break;
      }
    }
    assertThat(body.output()).isEqualTo("no healthy upstream");
  }

  @Test
  void scalingAndDeletingAPodBringsANewPod() {
    deploySleepAndHttpbin();
    assertThat(ok("kubectl scale deploy httpbin --replicas=2").output())
        .isEqualTo("deployment.apps/httpbin scaled\n");
    ok("kubectl wait --for=condition=Ready pod -l app=httpbin --timeout=60s");
    List<String> two = podNames("app=httpbin");
    assertThat(two).hasSize(2);
    assertThat(ok("kubectl delete pod " + two.get(0)).output())
        .isEqualTo("pod \"" + two.get(0) + "\" deleted\n");
    List<String> after = podNames("app=httpbin");
    assertThat(after).hasSize(2).doesNotContain(two.get(0)).contains(two.get(1));
    assertThat(ok("kubectl get deploy httpbin").output()).containsPattern("\nhttpbin +\\d/2 +2 ");
  }

  @Test
  void anUnknownImageAnswersAsAnEchoServer() {
    deploySleepAndHttpbin();
    assertThat(
            ok("""
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Service
                metadata:
                  name: hello
                  labels:
                    app: hello
                spec:
                  ports:
                  - name: http
                    port: 8080
                  selector:
                    app: hello
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: hello
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: hello
                  template:
                    metadata:
                      labels:
                        app: hello
                    spec:
                      containers:
                      - name: hello
                        image: example.com/team/hello:1.0
                        ports:
                        - containerPort: 8080
                EOF
                """)
                .output())
        .isEqualTo("service/hello created\ndeployment.apps/hello created\n");
    ok("kubectl wait --for=condition=Ready pod -l app=hello --timeout=60s");
    ok("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
    String out =
        ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -sS http://hello:8080/some/path")
            .output();
    assertThat(out)
        .contains("\"method\"")
        .contains("GET")
        .contains("/some/path")
        .contains("hello-");
    String pod = podNames("app=hello").get(0);
    assertThat(ok("kubectl describe pod " + pod).output()).contains("echo server");
  }

  @Test
  void kubectlCreateDeploymentRunsTheImageAsKubectlWouldDefineIt() {
    assertThat(
            ok("kubectl create deployment web --image=example.com/team/web_app:2.1 --port=8080")
                .output())
        .isEqualTo("deployment.apps/web created\n");
    assertThat(
            ok("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].name}'")
                .output())
        .isEqualTo("web-app");
    assertThat(ok("kubectl get deploy web -o jsonpath='{.spec.selector.matchLabels.app}'").output())
        .isEqualTo("web");
    ok("kubectl wait --for=condition=Ready pod -l app=web --timeout=60s");
    assertThat(podNames("app=web")).hasSize(1);
    ExecResult again = run(t, "kubectl create deployment web --image=nginx");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.output())
        .isEqualTo("error: failed to create deployment: deployments.apps \"web\" already exists\n");
    ExecResult noImage = run(t, "kubectl create deployment other");
    assertThat(noImage.exitCode()).isEqualTo(1);
    assertThat(noImage.output()).contains("error: required flag(s) \"image\" not set");
  }

  @Test
  void aPodWithoutSidecarIsNotRoutedByVirtualServices() {
    ok("cd istio-1.8.1");
    ok("kubectl create namespace legacy");
    ok("kubectl apply -f samples/sleep/sleep.yaml -n legacy");
    ok("kubectl wait --for=condition=Ready pod -l app=sleep -n legacy --timeout=60s");
    assertThat(ok("kubectl get pods -n legacy").output())
        .containsPattern("sleep-\\S+ +1/1 +Running");
    ok("kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml");
    ok("kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml");
    ok(
        "export LEGACY_POD=$(kubectl get pod -l app=sleep -n legacy -o"
            + " jsonpath={.items..metadata.name})");
    int notV1 = 0;
    for (int i = 0; i < 30; i++) {
      String body =
          ok("kubectl exec \"$LEGACY_POD\" -n legacy -c sleep -- curl -sS"
                  + " http://reviews.default:9080/reviews/0")
              .output();
      assertThat(body).doesNotContain("x-envoy");
      if (body.contains("\"rating\"")) {
        notV1++;
      }
    }
    assertThat(notV1).as("v2/v3 answers with ratings despite the all-v1 rule").isBetween(5, 29);
    assertThat(run(t, "istioctl proxy-status").output()).doesNotContain(".legacy ");
  }
}
