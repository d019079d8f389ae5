package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the retries lesson promises, through the exec API: Istio 1.8's default policy tries a 503
 * three times and a 502 once (URX on the caller's log line only for the 503), attempts: 3 with
 * retryOn 5xx tries a 500 four times, and a per-try timeout of 2 s turns a 5 s answer into a 504
 * after four cut tries.
 */
class RetriesLessonTest {
  private static final String POLICY =
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
            attempts: 3
            perTryTimeout: 2s
            retryOn: 5xx
      EOF""";

  private static final String CURL_CODE =
      "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -s -o /dev/null -w \"%{http_code}\\n\" ";

  @RegisterExtension static final LessonServer lab = new LessonServer();
  private LessonRun run;

  @BeforeEach
  void httpbinAndSleep() {
    run = lab.run("retries");
    run.ok("kubectl apply -f $ISTIO_HOME/samples/httpbin/httpbin.yaml");
    run.ok("kubectl apply -f $ISTIO_HOME/samples/sleep/sleep.yaml");
    run.ok("kubectl wait --for=condition=ready pod -l 'app in (httpbin,sleep)' --timeout=60s");
    run.ok("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
  }

  @Test
  void theDefaultPolicyTriesA503ThreeTimesAndA502Once() {
    assertThat(run.ok(CURL_CODE + "http://httpbin:8000/status/503")).isEqualTo("503\n");
    assertThat(run.ok(CURL_CODE + "http://httpbin:8000/status/502")).isEqualTo("502\n");
    assertThat(tries("GET /status/503 HTTP")).isEqualTo(3);
    assertThat(tries("GET /status/502 HTTP")).isEqualTo(1);
    List<String> callerLog =
        run.ok("kubectl logs \"$SOURCE_POD\" -c istio-proxy --tail=2").lines().toList();
    assertThat(callerLog.get(0)).contains("\"GET /status/503 HTTP/1.1\" 503 URX ");
    assertThat(callerLog.get(1)).contains("\"GET /status/502 HTTP/1.1\" 502 - ");
    List<String> httpbinLog =
        run.ok("kubectl logs deploy/httpbin -c istio-proxy --tail=4").lines().toList();
    assertThat(httpbinLog)
        .filteredOn(l -> l.contains("\"GET /status/503 HTTP/1.1\" 503 - "))
        .hasSize(3);
    assertThat(
            run.ok(
                "istioctl proxy-config routes \"$SOURCE_POD\" --name 8000 -o json | grep -A 12"
                    + " retryPolicy"))
        .contains(
            "\"numRetries\": 2",
            "\"retryOn\": \"connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes\"",
            "503");
  }

  @Test
  void threeAttemptsOn5xxTryA500FourTimesAndEachTryIsCounted() {
    run.ok(POLICY);
    assertThat(run.ok(CURL_CODE + "http://httpbin:8000/status/500")).isEqualTo("500\n");
    assertThat(run.ok("kubectl logs deploy/httpbin -c httpbin | grep -c \"GET /status/500 HTTP\""))
        .isEqualTo("4\n");
    assertThat(run.ok("kubectl logs \"$SOURCE_POD\" -c istio-proxy --tail=1"))
        .contains("\"GET /status/500 HTTP/1.1\" 500 URX ");
    assertThat(
            run.ok("kubectl exec \"$SOURCE_POD\" -c sleep -- curl -s http://httpbin:8000/headers"))
        .contains("\"X-Envoy-Attempt-Count\": \"1\"");
  }

  @Test
  void aTwoSecondPerTryTimeoutAnswers504AfterFourCutTries() {
    run.ok(POLICY);
    String fits =
        run.ok(
            "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -s -o /dev/null -w \"%{http_code} in"
                + " %{time_total}s\\n\" http://httpbin:8000/delay/1");
    assertThat(fits).startsWith("200 in ");
    long started = System.nanoTime();
    String cut =
        run.ok(
            "kubectl exec \"$SOURCE_POD\" -c sleep -- curl -s -w \"\\n%{http_code} in"
                + " %{time_total}s\\n\" http://httpbin:8000/delay/5");
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(cut).startsWith("upstream request timeout\n504 in ");
    // four tries of 2 s and three short back-offs; a loaded machine adds a little
    assertThat(seconds).isBetween(7.9, 12.0);
    double reported =
        Double.parseDouble(
            cut.substring(cut.indexOf(" in ") + 4, cut.indexOf('s', cut.indexOf(" in "))));
    assertThat(reported).isBetween(7.9, 12.0);
  }

  private int tries(String request) {
    return Integer.parseInt(
        run.ok("kubectl logs deploy/httpbin -c httpbin | grep -c \"" + request + "\"").trim());
  }
}
