package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.commands.StandardCommands;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One Shell serves many sandboxes at once; each keeps its own directory, variables and history. */
class ConcurrentShellsTest {
  @Test
  void sandboxesDoNotSeeEachOther() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Shell shell = new Shell(StandardCommands.all(), vertx, Clock.systemUTC());
      List<FakeTerminal> sandboxes = new ArrayList<>();
      List<Future<ExecResult>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        FakeTerminal t = new FakeTerminal(Map.of("/root/d" + i + "/f", "file " + i + "\n"));
        sandboxes.add(t);
        String line =
            "cd d"
                + i
                + " && export N="
                + i
                + " && sleep 0.1 && for x in $(seq 20); do true; done; "
                + "cat f; echo $N $(pwd)";
        Promise<ExecResult> p = Promise.promise();
        vertx.runOnContext(v -> shell.exec(t, line).onComplete(p));
        results.add(p.future());
      }
      Future.all(results).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 50; i++) {
        assertThat(results.get(i).result().output())
            .isEqualTo("file " + i + "\n" + i + " /root/d" + i + "\n");
        assertThat(sandboxes.get(i).shell().cwd()).isEqualTo("/root/d" + i);
        assertThat(sandboxes.get(i).shell().history()).hasSize(1);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
