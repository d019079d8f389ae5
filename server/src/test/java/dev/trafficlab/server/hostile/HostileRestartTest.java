package dev.trafficlab.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.ServerConfig;
import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A learner whose sandbox was lost to a restart is told so, not that it expired (issue 10, item 8).
 */
class HostileRestartTest {
  private static String cookie(HttpResponse<Buffer> page) {
    String set = page.cookies().get(0);
    return set.substring(0, set.indexOf(';'));
  }

  @Test
  void aSandboxLostToARestartSaysTheServerRestarted() {
    Vertx vertx = Vertx.vertx();
    try {
      ServerConfig config = TestServer.config().build();
      String before;
      String expired;
      try (TestServer first = TestServer.start(vertx, config)) {
        before = cookie(first.send(HttpMethod.GET, "/lessons/traffic-management"));
        HttpResponse<Buffer> again =
            first
                .request(HttpMethod.GET, "/lessons/traffic-management")
                .putHeader("Cookie", before)
                .send()
                .await();
        assertThat(again.bodyAsString()).contains("class=\"notice empty\"");
        // An idle expiry on the same server says it expired, not that the server restarted.
        String idle = cookie(first.send(HttpMethod.GET, "/lessons/traffic-management"));
        String id = idle.substring(idle.indexOf('=') + 1, idle.indexOf('.'));
        first.server.sandboxes().use(id, "127.0.0.1");
        first.clock.advance(Duration.ofMinutes(121));
        first.server.sandboxes().expireIdle();
        expired =
            first
                .request(HttpMethod.GET, "/lessons/traffic-management")
                .putHeader("Cookie", idle)
                .send()
                .await()
                .bodyAsString();
      }
      assertThat(expired)
          .contains("Your previous sandbox expired after 120 minutes without use")
          .doesNotContain("restarted");
      try (TestServer second = TestServer.start(vertx, config)) {
        HttpResponse<Buffer> after =
            second
                .request(HttpMethod.GET, "/lessons/traffic-management")
                .putHeader("Cookie", before)
                .send()
                .await();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.bodyAsString())
            .contains("The server restarted since your sandbox was made");
        // The quiet learner after the restart: a fresh cookie, and the next page has no notice.
        HttpResponse<Buffer> next =
            second
                .request(HttpMethod.GET, "/lessons/traffic-management")
                .putHeader("Cookie", cookie(after))
                .send()
                .await();
        assertThat(next.bodyAsString())
            .contains("class=\"notice empty\"")
            .doesNotContain("restarted");
      }
    } finally {
      vertx.close().await();
    }
  }
}
