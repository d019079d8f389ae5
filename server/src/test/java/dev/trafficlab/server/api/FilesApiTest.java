package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The editor's file endpoints: list, read, save; nothing outside the sandbox's files is reachable.
 */
@ExtendWith(VertxExtension.class)
class FilesApiTest {
  static final String ALL_V1 =
      "/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml";

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

  private HttpResponse<Buffer> read(String path) {
    return server
        .client
        .get("/api/sandboxes/" + id + "/files/content")
        .addQueryParam("path", path)
        .send()
        .await();
  }

  private HttpResponse<Buffer> write(String path, String contentType, String content) {
    return server
        .client
        .put("/api/sandboxes/" + id + "/files/content")
        .addQueryParam("path", path)
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(content))
        .await();
  }

  @Test
  void listsTheLessonFiles() {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "/api/sandboxes/" + id + "/files");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("home")).isEqualTo("/root");
    JsonArray files = body.getJsonArray("files");
    assertThat(files.stream().map(f -> ((JsonObject) f).getString("path")))
        .contains(ALL_V1, "/root/istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml");
    JsonObject first = files.getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactlyInAnyOrder("path", "name", "directory", "size", "modified", "changed");
  }

  @Test
  void readsAFileByAbsoluteOrHomeRelativePath() {
    HttpResponse<Buffer> response = read(ALL_V1);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("path")).isEqualTo(ALL_V1);
    assertThat(body.getString("content")).contains("kind: VirtualService").contains("subset: v1");
    assertThat(body.getBoolean("changed")).isFalse();
    assertThat(
            read("istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml")
                .bodyAsJsonObject()
                .getString("path"))
        .isEqualTo(ALL_V1);
  }

  @Test
  void savesAFileForThisSandboxOnly() {
    HttpResponse<Buffer> saved = write(ALL_V1, "text/plain;charset=UTF-8", "# edited\n");
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.bodyAsJsonObject().getBoolean("changed")).isTrue();
    assertThat(saved.bodyAsJsonObject().getLong("size")).isEqualTo(9);
    assertThat(read(ALL_V1).bodyAsJsonObject().getString("content")).isEqualTo("# edited\n");
    String other = server.createSandbox();
    JsonObject otherFile =
        server
            .client
            .get("/api/sandboxes/" + other + "/files/content")
            .addQueryParam("path", ALL_V1)
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(otherFile.getString("content")).contains("kind: VirtualService");
  }

  @Test
  void resetRestoresTheLessonFiles() {
    write(ALL_V1, "application/yaml", "# edited\n");
    server.send(HttpMethod.POST, "/api/sandboxes/" + id + "/reset");
    assertThat(read(ALL_V1).bodyAsJsonObject().getString("content"))
        .contains("kind: VirtualService");
  }

  @Test
  void aMissingFileIs404InTheShellsWords() {
    HttpResponse<Buffer> response = read("/root/nothing.yaml");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error"))
        .isEqualTo("/root/nothing.yaml: No such file or directory");
  }

  @Test
  void nothingOutsideTheSandboxIsReachable() {
    assertThat(read("/etc/passwd").statusCode()).isEqualTo(404);
    assertThat(read("../../../../etc/passwd").statusCode()).isEqualTo(404);
    HttpResponse<Buffer> outside = write("/etc/evil", "text/plain", "x");
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(outside.bodyAsJsonObject().getString("error")).contains("Permission denied");
  }

  @Test
  void aDirectoryIsNotAFile() {
    HttpResponse<Buffer> response = read("/root/istio-1.8.1");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("Is a directory");
  }

  @Test
  void thePathIsRequired() {
    HttpResponse<Buffer> response =
        server.send(HttpMethod.GET, "/api/sandboxes/" + id + "/files/content");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("path");
  }

  @Test
  void savingAFormIs415() {
    assertThat(write(ALL_V1, "application/x-www-form-urlencoded", "a=b").statusCode())
        .isEqualTo(415);
  }

  @Test
  void aFileOverTheSandboxLimitIs413() {
    HttpResponse<Buffer> response = write("/root/big.yaml", "text/plain", "x".repeat(600 * 1024));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("File too large");
  }
}
