package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.net.Fortio;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * fortio's commands against the real data plane, run from productpage's pod (Bookinfo has no fortio
 * pod until learners can deploy one): the circuit-breaking task's runs, report shape, and the
 * overflow counters the task greps for.
 */
class FortioCommandTest extends RealMeshShellTest {
  static final Pod PRODUCTPAGE_POD = Inventory.bookinfo().podOrWorkload("productpage-v1").get();

  {
    Map<String, Command> commands = new java.util.HashMap<>(StandardCommands.all());
    commands.put("fortio", inv -> Fortio.run(inv, inv.args(), PRODUCTPAGE_POD));
    shellWith = new Shell(commands, null, Clock.systemUTC());
  }

  Shell shellWith;

  static final String DR_RATINGS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: ratings
      spec:
        host: ratings
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
      """;

  ExecResult fortio(FakeTerminal t, String line) {
    io.vertx.core.Promise<ExecResult> p = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> shellWith.exec(t, line).onComplete(p));
    return p.future().await();
  }

  static int code(String out, int code) {
    Matcher m = Pattern.compile("Code " + code + " : (\\d+) \\(").matcher(out);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  @Test
  void theCircuitBreakingTaskTripsThePool() {
    FakeTerminal t = sandbox(DR_RATINGS);
    ExecResult two =
        fortio(t, "fortio load -c 2 -qps 0 -n 20 -loglevel Warning http://ratings:9080/ratings/0");
    String out = two.output();
    assertThat(two.exitCode()).isZero();
    assertThat(out)
        .containsPattern(
            "\\d\\d:\\d\\d:\\d\\d I logger.go:127> Log level is now 3 Warning \\(was 2 Info\\)\n")
        .contains(
            "Fortio 1.11.3 running at 0 queries per second, 2->2 procs, for 20 calls: http://ratings:9080/ratings/0\n")
        .contains(
            "Starting at max qps with 2 thread(s) [gomax 2] for exactly 20 calls (10 per thread + 0)\n")
        .containsPattern(" W http_client.go:693> Parsed non ok code 503 \\(HTTP/1.1 503\\)\n")
        .containsPattern("Ended after [0-9.]+m?s : 20 calls. qps=[0-9.]+\n")
        .containsPattern("Aggregated Function Time : count 20 avg [0-9.e-]+ \\+/- [0-9.e-]+ min ")
        .contains("# range, mid point, percentile, count\n")
        .containsPattern("# target 50% [0-9.e-]+\n")
        .containsPattern("# target 99.9% [0-9.e-]+\n")
        .containsPattern("Sockets used: \\d+ \\(for perfect keepalive, would be 2\\)\n")
        .containsPattern("Code 200 : \\d+ \\(\\d+\\.\\d %\\)\n")
        .containsPattern("Response Header Sizes : count 20 avg ")
        .containsPattern("All done 20 calls \\(plus 0 warmup\\) [0-9.]+ ms avg, [0-9.]+ qps\n");
    assertThat(code(out, 200) + code(out, 503)).isEqualTo(20);
    assertThat(code(out, 503)).isBetween(1, 10);

    String three =
        fortio(t, "fortio load -c 3 -qps 0 -n 30 -loglevel Warning http://ratings:9080/ratings/0")
            .output();
    assertThat(code(three, 200) + code(three, 503)).isEqualTo(30);
    assertThat(code(three, 503)).isBetween(9, 28);

    int overflow = code(out, 503) + code(three, 503);
    var client = mesh.stats(t.mesh()).read(PRODUCTPAGE_POD.name());
    assertThat(client.counter(RATINGS, "upstream_rq_pending_overflow")).isEqualTo(overflow);
    // productpage's pod has no sidecar.istio.io/statsInclusionPrefixes: its proxy keeps cluster
    // counters but its stats filter shows none of them.
    String stats =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE_POD.name()
                    + " -c istio-proxy -- pilot-agent request GET stats | grep ratings | grep pending")
            .output();
    assertThat(stats).isEmpty();
  }

  static final String RATINGS = "outbound|9080||ratings.default.svc.cluster.local";

  @Test
  void curlPrintsOneAnswerWithItsHeaders() {
    FakeTerminal t = sandbox();
    String out = fortio(t, "fortio curl http://ratings:9080/ratings/0").output();
    assertThat(out)
        .startsWith("HTTP/1.1 200 OK\n")
        .contains("server: envoy\n")
        .contains("\"Reviewer1\":5");
    String viaLoad = fortio(t, "fortio load -curl http://ratings:9080/ratings/0").output();
    assertThat(viaLoad).startsWith("HTTP/1.1 200 OK\n");
  }

  @Test
  void badFlagsAndHostsAnswerAsFortioDoes() {
    FakeTerminal t = sandbox();
    ExecResult bad = fortio(t, "fortio load -x 1 http://ratings:9080/");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.output()).contains("flag provided but not defined: -x");
    ExecResult big = fortio(t, "fortio load -n 100000 http://ratings:9080/");
    assertThat(big.output()).contains("-n must be at most");
    ExecResult nohost = fortio(t, "fortio curl http://nosuch:8000/get");
    assertThat(nohost.exitCode()).isEqualTo(1);
    assertThat(nohost.output()).contains("no such host");
  }
}
