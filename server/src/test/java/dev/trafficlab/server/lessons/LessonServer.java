package dev.trafficlab.server.lessons;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server the lesson tests run their lessons on, one per test class: its clock follows real
 * time, so the pods a lesson deploys start and {@code kubectl wait} returns. Register it with
 * {@code @RegisterExtension static final LessonServer lab = new LessonServer();}.
 */
final class LessonServer implements BeforeAllCallback, AfterAllCallback {
  private Vertx vertx;
  private TestServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    server = TestServer.startRunning(vertx);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
    vertx.close().await();
  }

  TestServer server() {
    return server;
  }

  /** A sandbox at {@code lessonId}'s start, to run its blocks in. */
  LessonRun run(String lessonId) {
    return new LessonRun(server, lessonId);
  }
}
