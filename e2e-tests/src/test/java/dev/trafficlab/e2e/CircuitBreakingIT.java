package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * Issue 14's last "done when": istio.io 1.8's circuit-breaking task typed into the lesson page's
 * terminal as written there, and its result read off the screen: fortio gets 503s and the client
 * proxy counts them as pending overflows.
 */
@LearnerTest
class CircuitBreakingIT {
  /** Generous: a machine busy with other builds stretches every command. */
  private static final Duration SLOW = Duration.ofSeconds(90);

  private static final String FORTIO_POD =
      "export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')";
  private static final String LOAD =
      "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30"
          + " -loglevel Warning http://httpbin:8000/get";
  private static final String STATS =
      "kubectl exec \"$FORTIO_POD\" -c istio-proxy -- pilot-agent request GET stats"
          + " | grep httpbin | grep pending";

  /** The task's rule, line by line as the learner types it after the first line. */
  private static final List<String> DESTINATION_RULE =
      List.of(
          "apiVersion: networking.istio.io/v1alpha3",
          "kind: DestinationRule",
          "metadata:",
          "  name: httpbin",
          "spec:",
          "  host: httpbin",
          "  trafficPolicy:",
          "    connectionPool:",
          "      tcp:",
          "        maxConnections: 1",
          "      http:",
          "        http1MaxPendingRequests: 1",
          "        maxRequestsPerConnection: 1",
          "    outlierDetection:",
          "      consecutiveErrors: 1",
          "      interval: 1s",
          "      baseEjectionTime: 3m",
          "      maxEjectionPercent: 100",
          "EOF");

  @Test
  void fortioTripsTheCircuitBreakerAndTheProxyCountsPendingOverflows(Learner learner) {
    Terminal terminal = learner.openStep(TrafficManagementLesson.ID, 1).terminal().show();
    ok(terminal.run("cd istio-1.8.1"));
    assertThat(ok(terminal.run("kubectl apply -f samples/httpbin/httpbin.yaml", SLOW)).result())
        .contains("service/httpbin created")
        .contains("deployment.apps/httpbin created");

    int before = terminal.entryCount();
    terminal.type("kubectl apply -f - <<EOF", Keys.ENTER);
    for (String line : DESTINATION_RULE) {
      terminal.type(line, Keys.ENTER);
    }
    TermEntry rule = terminal.awaitEntry(terminal.name(), before, "kubectl apply -f - <<EOF", SLOW);
    assertThat(ok(rule).result()).contains("destinationrule.networking.istio.io/httpbin created");

    assertThat(
            ok(terminal.run(
                    "kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml", SLOW))
                .result())
        .contains("deployment.apps/fortio-deploy created");
    ok(terminal.run(FORTIO_POD));
    ok(terminal.run("kubectl wait --for=condition=Ready pod -l app=fortio --timeout=60s", SLOW));
    ok(terminal.run("kubectl wait --for=condition=Ready pod -l app=httpbin --timeout=60s", SLOW));

    ok(terminal.run(LOAD, SLOW));
    int rejected =
        Integer.parseInt(
            onScreen(learner, terminal, Pattern.compile("Code\\s*503\\s*:\\s*(\\d+)\\s*\\(")));
    assertThat(rejected).as("fortio's 503s of 30 calls over 3 connections").isPositive();

    ok(terminal.run(STATS, SLOW));
    int overflow =
        Integer.parseInt(
            onScreen(
                learner,
                terminal,
                Pattern.compile(
                    Pattern.quote("httpbin.default.svc.cluster.local.upstream_rq_pending_overflow:")
                        + "\\s*(\\d+)")));
    assertThat(overflow).as("the fortio proxy's pending overflows").isPositive();
    assertThat(overflow).as("every 503 was an overflow at the client proxy").isEqualTo(rejected);
  }

  private static TermEntry ok(TermEntry entry) {
    assertThat(entry.exitCode()).as(entry.toString()).isEqualTo("0");
    return entry;
  }

  /**
   * Waits until the screen shows {@code pattern} and returns its first group. Rows are joined
   * without line breaks: a long line wraps over rows the width of the terminal.
   */
  private static String onScreen(Learner learner, Terminal terminal, Pattern pattern) {
    return learner
        .browser()
        .waitFor(
            "the terminal screen to show /" + pattern + "/",
            SLOW,
            d -> {
              Matcher m = pattern.matcher(terminal.screen().replace("\n", ""));
              return m.find() ? m.group(1) : null;
            });
  }
}
