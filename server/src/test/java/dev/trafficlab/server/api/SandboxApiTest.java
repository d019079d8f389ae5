package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class SandboxApiTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createAnswers201WithARandomUrlSafeIdAndASeparateProductPageKey() {
    HttpResponse<Buffer> response =
        server.sendJson(HttpMethod.POST, "/api/sandboxes", new JsonObject());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "productPage");
    String id = body.getString("id");
    assertThat(id).hasSizeGreaterThanOrEqualTo(16).matches("[A-Za-z0-9_-]+");
    assertThat(body.getString("productPage")).matches("/bookinfo/[A-Za-z0-9_-]{16,}/productpage");
    assertThat(body.getString("productPage")).doesNotContain(id);
    assertThat(response.getHeader("Location")).isEqualTo("/api/sandboxes/" + id);
  }

  @Test
  void idsAndPageKeysNeverRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      JsonObject created = server.createSandbox(new JsonObject());
      assertThat(seen.add(created.getString("id"))).isTrue();
      assertThat(seen.add(created.getString("productPage"))).isTrue();
    }
  }

  @Test
  void anEmptyBodyWithoutContentTypeCreatesALessonSandbox() {
    HttpResponse<Buffer> response = server.send(HttpMethod.POST, "/api/sandboxes");
    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void istioConfigNoneCreatesASandboxWithoutIstioResources() {
    String id = server.createSandbox(new JsonObject().put("istioConfig", "none")).getString("id");
    JsonObject described = server.send(HttpMethod.GET, "/api/sandboxes/" + id).bodyAsJsonObject();
    assertThat(described.getJsonArray("resources")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"istioConfig\":\"all\"}",
        "{\"istioConfig\":3}",
        "{\"istioConfig\":null}",
        "{\"other\":1}",
        "[]",
        "\"none\"",
        "{not json",
        "42"
      })
  void anyOtherBodyAnswers400WithAMessage(String body) {
    HttpResponse<Buffer> response =
        server.sendText(HttpMethod.POST, "/api/sandboxes", "application/json", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void aBadIstioConfigNamesTheAllowedValues() {
    HttpResponse<Buffer> response =
        server.sendJson(
            HttpMethod.POST, "/api/sandboxes", new JsonObject().put("istioConfig", "everything"));
    assertThat(response.bodyAsJsonObject().getString("error"))
        .contains("istioConfig")
        .contains("\"lesson\"")
        .contains("\"none\"")
        .contains("\"everything\"");
  }

  @Test
  void aFormBodyAnswers415() {
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST,
            "/api/sandboxes",
            "application/x-www-form-urlencoded",
            "istioConfig=none");
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("application/json");
  }

  @Test
  void getDescribesTheSandbox() {
    JsonObject created = server.createSandbox(new JsonObject());
    String id = created.getString("id");
    server.clock.advance(Duration.ofMinutes(5));
    JsonObject body = server.send(HttpMethod.GET, "/api/sandboxes/" + id).bodyAsJsonObject();
    assertThat(body.fieldNames())
        .containsExactlyInAnyOrder(
            "id",
            "productPage",
            "lesson",
            "createdAt",
            "lastUsedAt",
            "configGeneration",
            "userGeneration",
            "resources");
    assertThat(body.getString("id")).isEqualTo(id);
    assertThat(body.getString("lesson")).isEqualTo("traffic-management");
    assertThat(body.getString("productPage")).isEqualTo(created.getString("productPage"));
    Instant createdAt = Instant.parse(body.getString("createdAt"));
    Instant lastUsedAt = Instant.parse(body.getString("lastUsedAt"));
    assertThat(Duration.between(createdAt, lastUsedAt)).isEqualTo(Duration.ofMinutes(5));
    body.getJsonArray("resources")
        .forEach(
            r ->
                assertThat(((JsonObject) r).fieldNames())
                    .containsExactlyInAnyOrder("kind", "namespace", "name"));
  }

  @Test
  void theConfigGenerationChangesWithAnApplyAndAgainWithAReset() {
    String id = server.createSandbox();
    String path = "/api/sandboxes/" + id;
    long start = server.send(HttpMethod.GET, path).bodyAsJsonObject().getLong("configGeneration");
    server.sendText(
        HttpMethod.POST,
        path + "/apply",
        "application/yaml",
        "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: reviews\n"
            + "spec:\n  hosts:\n  - reviews\n  http:\n  - route:\n    - destination:\n"
            + "        host: reviews\n        subset: v3\n");
    long applied = server.send(HttpMethod.GET, path).bodyAsJsonObject().getLong("configGeneration");
    long reset =
        server
            .send(HttpMethod.POST, path + "/reset")
            .bodyAsJsonObject()
            .getLong("configGeneration");
    assertThat(applied).isNotEqualTo(start);
    assertThat(reset).isNotIn(start, applied);
  }

  @Test
  void theUserGenerationChangesWithASignInAndASignOutOnTheProductPage() {
    JsonObject created = server.createSandbox(new JsonObject());
    String path = "/api/sandboxes/" + created.getString("id");
    String page = created.getString("productPage");
    String base = page.substring(0, page.lastIndexOf('/') + 1);
    long start = server.send(HttpMethod.GET, path).bodyAsJsonObject().getLong("userGeneration");
    assertThat(server.send(HttpMethod.GET, page).statusCode()).isEqualTo(200);
    assertThat(server.send(HttpMethod.GET, path).bodyAsJsonObject().getLong("userGeneration"))
        .as("a page view signs nobody in")
        .isEqualTo(start);
    server
        .request(HttpMethod.POST, base + "login")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(io.vertx.core.buffer.Buffer.buffer("username=jason&passwd=jason"))
        .await();
    long signedIn = server.send(HttpMethod.GET, path).bodyAsJsonObject().getLong("userGeneration");
    server.send(HttpMethod.GET, base + "logout");
    long signedOut = server.send(HttpMethod.GET, path).bodyAsJsonObject().getLong("userGeneration");
    assertThat(signedIn).isNotEqualTo(start);
    assertThat(signedOut).isNotIn(start, signedIn);
  }

  @Test
  void deleteRemovesTheSandbox() {
    String id = server.createSandbox();
    assertThat(server.send(HttpMethod.DELETE, "/api/sandboxes/" + id).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> after = server.send(HttpMethod.GET, "/api/sandboxes/" + id);
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(server.send(HttpMethod.DELETE, "/api/sandboxes/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void resetAnswersTheDescribedSandbox() {
    String id = server.createSandbox();
    HttpResponse<Buffer> response = server.send(HttpMethod.POST, "/api/sandboxes/" + id + "/reset");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("id")).isEqualTo(id);
  }

  @Test
  void resetKeepsLessonProgressTerminalHistoryAndTraffic() {
    String id = server.createSandbox();
    Sandbox sandbox = server.server.sandboxes().byId(id).orElseThrow();
    server.sendJson(
        HttpMethod.POST,
        "/api/sandboxes/" + id + "/exec",
        new JsonObject().put("command", "echo before"));
    sandbox.progress().setCurrentStep("traffic-management", 3);
    sandbox.progress().markPassed("traffic-management", 2);
    long traffic = sandbox.traffic().total();
    server.send(HttpMethod.POST, "/api/sandboxes/" + id + "/reset");
    assertThat(sandbox.shell().history()).contains("echo before");
    assertThat(sandbox.progress().currentStep("traffic-management")).isEqualTo(3);
    assertThat(sandbox.progress().passedSteps("traffic-management")).containsExactly(2);
    assertThat(sandbox.traffic().total()).isEqualTo(traffic);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /api/sandboxes/%s",
        "DELETE /api/sandboxes/%s",
        "POST /api/sandboxes/%s/reset",
        "POST /api/sandboxes/%s/apply",
        "POST /api/sandboxes/%s/validate",
        "POST /api/sandboxes/%s/routes/explain",
        "POST /api/sandboxes/%s/requests",
        "POST /api/sandboxes/%s/exec",
        "GET /api/sandboxes/%s/traffic",
        "GET /api/sandboxes/%s/files",
        "GET /api/sandboxes/%s/files/content?path=/root",
        "PUT /api/sandboxes/%s/files/content?path=/root/x"
      })
  void everyEndpointAnswers404WithAMessageForAnUnknownId(String endpoint) {
    for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAAAA", "nope", "x".repeat(500)}) {
      String[] parts = endpoint.formatted(id).split(" ", 2);
      HttpResponse<Buffer> response =
          server
              .request(HttpMethod.valueOf(parts[0]), parts[1])
              .putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer("{}"))
              .await();
      assertThat(response.statusCode()).as(endpoint).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("error"))
          .as(endpoint)
          .contains("no sandbox");
    }
  }

  @Test
  void aSandboxIdleLongerThanTheTimeoutIsGone() {
    String idle = server.createSandbox();
    String used = server.createSandbox();
    server.clock.advance(Duration.ofMinutes(119));
    assertThat(server.send(HttpMethod.GET, "/api/sandboxes/" + used).statusCode()).isEqualTo(200);
    server.clock.advance(Duration.ofMinutes(2));
    HttpResponse<Buffer> gone = server.send(HttpMethod.GET, "/api/sandboxes/" + idle);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.bodyAsJsonObject().getString("error")).contains("expired");
    assertThat(server.send(HttpMethod.GET, "/api/sandboxes/" + used).statusCode()).isEqualTo(200);
  }

  @Test
  void thePageKeyDoesNotOpenTheApi() {
    JsonObject created = server.createSandbox(new JsonObject());
    String pageKey = created.getString("productPage").split("/")[2];
    assertThat(server.send(HttpMethod.GET, "/api/sandboxes/" + pageKey).statusCode())
        .isEqualTo(404);
  }
}
