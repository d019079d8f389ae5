package dev.trafficlab.terminal;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.terminal.commands.StandardCommands;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shell tests against a real Bookinfo data plane: one started per test class, commands run on
 * Vert.x.
 */
abstract class RealMeshShellTest {
  static Vertx vertx;
  static BookinfoMesh mesh;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    mesh =
        BookinfoMesh.start(vertx)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    mesh.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  final Shell shell = new Shell(StandardCommands.all(), null, Clock.systemUTC());

  FakeTerminal sandbox(String... yamls) {
    FakeTerminal t = new FakeTerminal(Map.of(), TestResources.snapshot(FakeTerminal.NOW, yamls));
    t.dataPlane = mesh;
    return t;
  }

  ExecResult run(FakeTerminal ctx, String line) {
    Promise<ExecResult> p = Promise.promise();
    vertx.runOnContext(v -> shell.exec(ctx, line).onComplete(p));
    try {
      return p.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
