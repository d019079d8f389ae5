package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.terminal.Shell;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class ExecApiTest {
  private TestServer server;
  private String id;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
    id = server.createSandbox();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> exec(String command) {
    return server.sendJson(
        HttpMethod.POST,
        "/api/sandboxes/" + id + "/exec",
        new JsonObject().put("command", command));
  }

  @Test
  void answersOutputExitCodeAndActions() {
    HttpResponse<Buffer> response = exec("echo hello");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("output", "exitCode", "actions");
    assertThat(body.getValue("exitCode")).isInstanceOf(Integer.class);
    assertThat(body.getJsonArray("actions")).isNotNull();
    assertThat(body.getString("output")).isEqualTo("hello\n");
    assertThat(body.getInteger("exitCode")).isZero();
  }

  @Test
  void anUnknownCommandExits127() {
    JsonObject body = exec("frobnicate").bodyAsJsonObject();
    assertThat(body.getInteger("exitCode")).isEqualTo(127);
    assertThat(body.getString("output")).contains("frobnicate: command not found");
  }

  @Test
  void clearAsksThePageToClear() {
    JsonObject body = exec("clear").bodyAsJsonObject();
    assertThat(body.getJsonArray("actions").getJsonObject(0).getString("type")).isEqualTo("clear");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"echo hi", "{\"command\":", "[]", "{}", "{\"command\":42}", "{\"cmd\":\"ls\"}"})
  void aBodyThatIsNotACommandObjectAnswers400(String body) {
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/exec", "application/json", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void aNonJsonContentTypeAnswers415() {
    HttpResponse<Buffer> response =
        server.sendText(HttpMethod.POST, "/api/sandboxes/" + id + "/exec", "text/plain", "ls");
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("application/json");
  }

  @Test
  void aCommandOverTheLimitAnswers413() {
    HttpResponse<Buffer> response = exec("echo " + "x".repeat(Shell.MAX_COMMAND_LENGTH));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("10000");
    assertThat(exec("x".repeat(Shell.MAX_COMMAND_LENGTH)).statusCode()).isEqualTo(200);
  }
}
