package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthProbeTest {
  @Test
  void aServerThatAnswersHealthIsHealthy(Vertx vertx) {
    try (TestServer server = TestServer.start(vertx)) {
      assertThat(HealthProbe.healthy("127.0.0.1", server.server.port(), HealthProbe.TIMEOUT_MS))
          .isTrue();
    }
  }

  @Test
  void aPortThatAcceptsButNeverAnswersIsNot() throws Exception {
    try (ServerSocket wedged = new ServerSocket(0)) {
      assertThat(HealthProbe.healthy("127.0.0.1", wedged.getLocalPort(), 200)).isFalse();
    }
  }
}
