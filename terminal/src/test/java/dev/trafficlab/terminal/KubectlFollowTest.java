package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.terminal.commands.StandardCommands;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kubectl get -w and logs -f in a terminal session: they follow until Ctrl+C. */
class KubectlFollowTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  final Shell shell = new Shell(StandardCommands.all(), null, Clock.systemUTC());
  final FakeTerminal ctx = new FakeTerminal();
  final StringBuffer screen = new StringBuffer();

  Execution startLive(String line) {
    CompletableFuture<Execution> e = new CompletableFuture<>();
    vertx.runOnContext(v -> e.complete(shell.start(ctx, line, screen::append)));
    return get(e);
  }

  static <T> T get(CompletableFuture<T> f) {
    try {
      return f.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  void awaitScreen(String text) throws InterruptedException {
    for (int i = 0; i < 100 && !screen.toString().contains(text); i++) {
      Thread.sleep(50);
    }
    assertThat(screen.toString()).contains(text);
  }

  @Test
  void getWatchPrintsARowWhenAnObjectAppearsAndStopsAtCtrlC() throws Exception {
    Execution e = startLive("kubectl get vs -w");
    awaitScreen("No resources found in default namespace.\n");
    assertThat(e.result().isComplete()).isFalse();
    ctx.config().apply(TestResources.VS_REVIEWS_JASON, "default", "vs.yaml", ApplyMode.APPLY);
    awaitScreen("reviews");
    assertThat(screen.toString()).containsPattern("\nreviews +\\[reviews\\] +\\d+s\n");
    e.interrupt();
    ExecResult r = get(e.result().toCompletionStage().toCompletableFuture());
    assertThat(r.exitCode()).isEqualTo(130);
  }

  @Test
  void logsFollowWaitsForLinesUntilCtrlC() throws Exception {
    Execution e = startLive("kubectl logs -f deploy/ratings-v1 -c ratings; echo after");
    Thread.sleep(700);
    assertThat(e.result().isComplete()).isFalse();
    e.interrupt();
    ExecResult r = get(e.result().toCompletionStage().toCompletableFuture());
    assertThat(r.exitCode()).isEqualTo(130);
    assertThat(screen.toString()).doesNotContain("after");
  }
}
