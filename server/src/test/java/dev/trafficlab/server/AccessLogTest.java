package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests are logged only when ACCESS_LOG asks for it, and then through the process's one backend
 * (JUL).
 */
@ExtendWith(VertxExtension.class)
class AccessLogTest {
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r.getLoggerName() + " " + r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void byDefaultNoRequestIsLogged(Vertx vertx) {
    try (TestServer server = TestServer.start(vertx)) {
      assertThat(server.send(HttpMethod.GET, "/health?from=access-log-test").statusCode())
          .isEqualTo(200);
    }
    assertThat(logged).noneMatch(l -> l.contains("access-log-test"));
  }

  @Test
  void withAccessLogEachRequestIsOneLine(Vertx vertx) {
    ServerConfig config =
        ServerConfig.fromEnvironment(Map.of("PORT", "0", "ACCESS_LOG", "true", "DATA_DIR", ""));
    try (TestServer server = TestServer.start(vertx, config)) {
      assertThat(server.send(HttpMethod.GET, "/health?from=access-log-test").statusCode())
          .isEqualTo(200);
    }
    assertThat(logged)
        .filteredOn(l -> l.contains("/health?from=access-log-test"))
        .hasSize(1)
        .allMatch(l -> l.contains("GET") && l.contains("200"));
  }
}
