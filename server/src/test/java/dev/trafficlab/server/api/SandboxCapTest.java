package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MAX_SANDBOXES through the API: a new sandbox evicts the least recently used one, never the busy
 * ones.
 */
@ExtendWith(VertxExtension.class)
class SandboxCapTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx, TestServer.config().maxSandboxes(2).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int status(String id) {
    return server.send(HttpMethod.GET, "/api/sandboxes/" + id).statusCode();
  }

  @Test
  void theLeastRecentlyUsedSandboxMakesRoom() {
    String first = server.createSandbox();
    server.clock.advance(Duration.ofSeconds(1));
    String second = server.createSandbox();
    server.clock.advance(Duration.ofSeconds(1));
    assertThat(status(first)).isEqualTo(200);
    server.clock.advance(Duration.ofSeconds(1));
    String third = server.createSandbox();
    assertThat(status(second)).isEqualTo(404);
    assertThat(status(first)).isEqualTo(200);
    assertThat(status(third)).isEqualTo(200);
    assertThat(server.server.sandboxes().size()).isEqualTo(2);
  }
}
