package dev.trafficlab.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every response carries, and how refusals look: JSON, a status that fits, never a stack
 * trace.
 */
@ExtendWith(VertxExtension.class)
class HttpEdgeTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server =
        TestServer.start(
            vertx,
            TestServer.config().sandboxCreationsPerMinute(30).sandboxCreationBurst(3).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/health", "/api/sandboxes/unknown", "/api/nothing-here", "/no-such-page"})
  void everyResponseCarriesTheSecurityHeaders(String path) {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, path);
    String csp = response.getHeader("Content-Security-Policy");
    assertThat(csp)
        .contains("default-src 'self'")
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-eval")
        .doesNotContain("http:")
        .doesNotContain("https:");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void productPagesMayBeFramedByThisOriginOnly() {
    HttpResponse<Buffer> response =
        server.send(HttpMethod.GET, "/bookinfo/AAAAAAAAAAAAAAAAAAAAAAAA/productpage");
    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("frame-ancestors 'self'")
        .contains("default-src 'self'");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void healthAnswersUp() {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void anUnknownApiPathAnswers404Json() {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "/api/sandboxez");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject().getString("error")).contains("/api/sandboxez");
  }

  @Test
  void aKnownApiPathWithTheWrongMethodAnswers405WithAllow() {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "/api/sandboxes");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.getHeader("Allow")).isEqualTo("POST");
    assertThat(response.bodyAsJsonObject().getString("error")).contains("POST");
  }

  @Test
  void aBodyOverTheLimitAnswers413BeforeItIsRead() {
    String id = server.createSandbox();
    String huge = "x".repeat((int) BodyLimit.MANIFEST_BYTES + 1);
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/apply", "application/yaml", huge);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("error"))
        .contains("too large")
        .contains("1048576");
  }

  @Test
  void aJsonBodyOverTheJsonLimitAnswers413() {
    String id = server.createSandbox();
    String body = new JsonObject().put("command", "x".repeat((int) BodyLimit.JSON_BYTES)).encode();
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/exec", "application/json", body);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("too large");
  }

  @Test
  void creationIsRateLimitedPerAddressWith429AndRetryAfter() {
    for (int i = 0; i < 3; i++) {
      server.createSandbox();
    }
    HttpResponse<Buffer> refused =
        server.sendJson(HttpMethod.POST, "/api/sandboxes", new JsonObject());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("too many new sandboxes");
    server.clock.advance(Duration.ofSeconds(2));
    assertThat(server.sendJson(HttpMethod.POST, "/api/sandboxes", new JsonObject()).statusCode())
        .isEqualTo(201);
  }

  @Test
  void aBrowserRequestWithTheCookieButNoCsrfTokenIsRefused() {
    String id = server.createSandbox();
    HttpResponse<Buffer> refused =
        server
            .request(HttpMethod.POST, "/api/sandboxes/" + id + "/reset")
            .putHeader("Cookie", "tl_sandbox=" + id)
            .send()
            .await();
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("X-CSRF-Token");
    HttpResponse<Buffer> wrong =
        server
            .request(HttpMethod.POST, "/api/sandboxes/" + id + "/reset")
            .putHeader("X-CSRF-Token", "forged")
            .send()
            .await();
    assertThat(wrong.statusCode()).isEqualTo(403);
    String token = server.server.sandboxes().byId(id).orElseThrow().csrfToken();
    HttpResponse<Buffer> accepted =
        server
            .request(HttpMethod.POST, "/api/sandboxes/" + id + "/reset")
            .putHeader("Cookie", "tl_sandbox=" + id)
            .putHeader("X-CSRF-Token", token)
            .send()
            .await();
    assertThat(accepted.statusCode()).isEqualTo(200);
  }

  @Test
  void readsNeedNoCsrfToken() {
    String id = server.createSandbox();
    HttpResponse<Buffer> response =
        server
            .request(HttpMethod.GET, "/api/sandboxes/" + id)
            .putHeader("Cookie", "tl_sandbox=" + id)
            .send()
            .await();
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void noErrorBodyEverHoldsAStackTrace() {
    String id = server.createSandbox();
    String[][] requests = {
      {"POST", "/api/sandboxes", "application/json", "{bad"},
      {"POST", "/api/sandboxes/" + id + "/exec", "application/json", "{\"command\": 5}"},
      {"POST", "/api/sandboxes/" + id + "/exec", "text/html", "<b>"},
      {
        "POST",
        "/api/sandboxes/" + id + "/routes/explain",
        "application/json",
        "{\"from\":\"nobody\",\"host\":\"x\"}"
      },
      {"POST", "/api/sandboxes/" + id + "/requests", "application/json", "{\"count\": -1}"},
      {"GET", "/api/sandboxes/" + id + "/traffic?since=abc", null, ""},
      {"POST", "/api/sandboxes/" + id + "/apply", "application/yaml", ""},
      {"POST", "/api/sandboxes/" + id + "/apply", "application/yaml", "\u0000\u0001\uFFFF"},
      {"PATCH", "/api/sandboxes/" + id, "application/json", "{}"},
    };
    for (String[] r : requests) {
      HttpResponse<Buffer> response = server.sendText(HttpMethod.valueOf(r[0]), r[1], r[2], r[3]);
      String body = response.bodyAsString();
      assertThat(response.statusCode()).as(r[1]).isBetween(400, 499);
      assertThat(body)
          .as(r[1])
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContain(".java:");
      JsonObject json = new JsonObject(body);
      // apply keeps its own shape ({"output","results"}) when the engine refuses the text.
      assertThat(json.containsKey("error") ? json.getString("error") : json.getString("output"))
          .as(r[1])
          .isNotBlank();
    }
  }
}
