package dev.trafficlab.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks through a trusted reverse proxy (TRUST_PROXY=true, one hop): the proxy appends the
 * address it saw to X-Forwarded-For, and anything further left is the attacker's own writing (issue
 * 10, item 7).
 */
class HostileBehindProxyTest {
  private static final int MAX_SANDBOXES = 6;
  private static final int CREATION_BURST = 4;

  private Vertx vertx;
  private TestServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server =
        TestServer.start(
            vertx,
            TestServer.config()
                .maxSandboxes(MAX_SANDBOXES)
                .sandboxCreationsPerMinute(30)
                .sandboxCreationBurst(CREATION_BURST)
                .trustForwardedFor(true)
                .connectionIdleTimeout(Duration.ofSeconds(60))
                .build());
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close().await();
  }

  /** A POST /api/sandboxes as the proxy forwards it. */
  private HttpResponse<Buffer> create(String forwardedFor) {
    return server
        .request(HttpMethod.POST, "/api/sandboxes")
        .putHeader("X-Forwarded-For", forwardedFor)
        .sendJsonObject(new JsonObject())
        .await();
  }

  private String learnerSandbox(String address) {
    HttpResponse<Buffer> created = create(address);
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private void stillWorks(String id, String address) {
    HttpResponse<Buffer> exec =
        server
            .request(HttpMethod.POST, "/api/sandboxes/" + id + "/exec")
            .putHeader("X-Forwarded-For", address)
            .sendJsonObject(new JsonObject().put("command", "kubectl get destinationrules"))
            .await();
    assertThat(exec.statusCode()).as("the learner's sandbox answers").isEqualTo(200);
    assertThat(exec.bodyAsJsonObject().getString("output")).contains("reviews");
  }

  @Test
  void aForgedLeftmostForwardedForEntryDoesNotBuyNewSandboxes() {
    String learner = learnerSandbox("198.51.100.7");
    int created = 0;
    HttpResponse<Buffer> refused = null;
    for (int i = 0; i < 50 && refused == null; i++) {
      HttpResponse<Buffer> r = create("10.1." + i + ".1, 203.0.113.66");
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        created++;
      }
    }
    assertThat(created).as("sandboxes the attacker made").isEqualTo(CREATION_BURST);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("too many new sandboxes");
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    stillWorks(learner, "198.51.100.7");
  }

  @Test
  void oneAddressEvictsOnlyItsOwnSandboxesAtTheCap() {
    String first = learnerSandbox("198.51.100.7");
    String second = learnerSandbox("198.51.100.8");
    server.clock.advance(Duration.ofMinutes(1));
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < CREATION_BURST; i++) {
        assertThat(create("203.0.113.66").statusCode()).isEqualTo(201);
      }
      server.clock.advance(Duration.ofMinutes(1));
    }
    assertThat(server.server.sandboxes().size()).isEqualTo(MAX_SANDBOXES);
    stillWorks(first, "198.51.100.7");
    stillWorks(second, "198.51.100.8");
  }

  @Test
  void ipv6AddressesOfOneSlash64CountAsOneClient() {
    String learner = learnerSandbox("2001:db8:aaaa:1::5");
    int created = 0;
    for (int i = 1; i <= 50; i++) {
      if (create("2001:db8:bbbb:2:" + Integer.toHexString(i) + "::1").statusCode() == 201) {
        created++;
      }
    }
    assertThat(created).as("sandboxes one /64 made").isEqualTo(CREATION_BURST);
    assertThat(create("2001:db8:bbbb:3::1").statusCode())
        .as("the next /64 is another client")
        .isEqualTo(201);
    stillWorks(learner, "2001:db8:aaaa:1::5");
  }
}
