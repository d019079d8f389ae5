package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server stopped for a rolling restart refuses new connections at once and finishes the requests
 * it has: behind a load balancer, the new ones go to another server and none is lost.
 */
class GracefulShutdownTest {
  @Test
  void aRequestInFlightIsAnsweredWhileNewConnectionsAreRefused() throws Exception {
    Vertx vertx = Vertx.vertx();
    int port = FreePorts.next();
    try (TestServer lab =
        TestServer.start(
            vertx,
            TestServer.config()
                .port(port)
                .sandboxIdleTimeout(Duration.ofMinutes(5))
                .maxSandboxes(10)
                .build())) {
      String id = lab.createSandbox();
      Future<HttpResponse<Buffer>> slow =
          lab.request(HttpMethod.POST, "/api/sandboxes/" + id + "/exec")
              .sendJsonObject(new JsonObject().put("command", "sleep 1; echo finished"));
      TimeUnit.MILLISECONDS.sleep(300);

      Future<Void> stopping = lab.server.shutdown(Duration.ofSeconds(10));
      TimeUnit.MILLISECONDS.sleep(200);

      assertThat(FreePorts.accepting(port)).as("new connections refused while stopping").isFalse();
      HttpResponse<Buffer> answered = slow.await();
      assertThat(answered.statusCode()).isEqualTo(200);
      assertThat(answered.bodyAsJsonObject().getString("output")).isEqualTo("finished\n");
      stopping.await();
    } finally {
      vertx.close().await();
    }
  }
}
