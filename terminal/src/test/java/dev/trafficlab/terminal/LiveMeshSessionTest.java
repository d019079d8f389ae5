package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl+C against the real data plane: a curl in flight stops waiting at once. */
class LiveMeshSessionTest extends RealMeshShellTest {
  @Test
  void ctrlCEndsACurlWaitingForASlowService() throws Exception {
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
                fixedDelay: 30s
            route:
            - destination: {host: ratings}
        """);
    StringBuffer screen = new StringBuffer();
    Promise<Execution> started = Promise.promise();
    vertx.runOnContext(
        v ->
            started.complete(
                shell.start(
                    t, "curl -s http://ratings:9080/ratings/0; echo after", screen::append)));
    Execution e =
        started.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(e.result().isComplete()).isFalse();
    e.interrupt();
    // far below the 30 s delay: the wait ended with the interrupt, not with the response
    ExecResult r = e.result().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(r.exitCode()).isEqualTo(130);
    assertThat(screen).hasToString("^C\n");
  }
}
