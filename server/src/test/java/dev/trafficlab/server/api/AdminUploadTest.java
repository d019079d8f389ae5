package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.ServerConfig;
import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /api/admin/scenarios: off unless ADMIN_TOKEN is set, then only with that bearer token; an
 * uploaded .zip's scenarios join the catalogue, and a hostile .zip (path escapes, bombs, too many
 * entries, not a zip, a broken scenario) is refused with its reason, adding nothing.
 */
@ExtendWith(VertxExtension.class)
class AdminUploadTest {
  private static final String TOKEN = "an-admin-token-of-some-length";
  private TestServer server;

  private void start(Vertx vertx, boolean admin) {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of("PORT", "0", "DATA_DIR", ""));
    server = TestServer.start(vertx, admin ? config.toBuilder().adminToken(TOKEN).build() : config);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> upload(byte[] zip, String token) {
    var request =
        server
            .request(HttpMethod.POST, "/api/admin/scenarios")
            .putHeader("Content-Type", "application/zip");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendBuffer(Buffer.buffer(zip)).await();
  }

  @Test
  void withoutAnAdminTokenTheAdminApiDoesNotExist(Vertx vertx) throws Exception {
    start(vertx, false);
    HttpResponse<Buffer> r = upload(katacodaScenario(), TOKEN);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("error"))
        .contains("no API endpoint POST /api/admin/scenarios");
  }

  @Test
  void onlyTheBearerTokenOpensIt(Vertx vertx) throws Exception {
    start(vertx, true);
    assertThat(upload(katacodaScenario(), null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> wrong = upload(katacodaScenario(), TOKEN + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(wrong.bodyAsJsonObject().getString("error")).contains("ADMIN_TOKEN");
  }

  @Test
  void anUploadedScenarioJoinsTheCatalogueOnce(Vertx vertx) throws Exception {
    start(vertx, true);
    HttpResponse<Buffer> r = upload(katacodaScenario(), TOKEN);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject added = r.bodyAsJsonObject();
    assertThat(added.getJsonArray("lessons").getJsonObject(0).getMap())
        .containsEntry("id", "kc-httpbin-route")
        .containsEntry("report", "/lessons/kc-httpbin-route/report");
    assertThat(added.getJsonArray("reports").getString(0))
        .startsWith("scenario kc-httpbin-route (Katacoda) at kc-httpbin-route: loads");
    assertThat(server.send(HttpMethod.GET, "/api/lessons").bodyAsString())
        .contains("\"id\":\"kc-httpbin-route\"");
    String id =
        server.createSandbox(new JsonObject().put("lesson", "kc-httpbin-route")).getString("id");
    assertThat(id).isNotBlank();
    assertThat(server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/report").statusCode())
        .isEqualTo(200);
    // its pages' image, read from the upload when it loaded
    HttpResponse<Buffer> image =
        server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/assets/images/route.png");
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("Content-Type")).isEqualTo("image/png");

    HttpResponse<Buffer> again = upload(katacodaScenario(), TOKEN);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("error"))
        .contains("a lesson with the id \"kc-httpbin-route\" exists already");
  }

  @Test
  void hostileUploadsAreRefusedWithTheirReasonAndAddNothing(Vertx vertx) throws Exception {
    start(vertx, true);
    int before = server.server.sandboxes().lessons().lessons().size();
    assertRefused(
        zip(Map.of("../escape/index.json", "{}")), "is not a relative path", "has a part");
    assertRefused(zip(Map.of("/etc/index.json", "{}")), "is not a relative path");
    assertRefused(zip(Map.of("a\\..\\b/index.json", "{}")), "is not a relative path");
    assertRefused(
        zip(Map.of("big/index.json", "0".repeat(2 * 1024 * 1024))),
        "larger than 1 MB once unpacked");
    java.util.Map<String, String> many = new java.util.TreeMap<>();
    for (int i = 0; i < 40; i++) {
      many.put("s/f" + i, "0".repeat(1000 * 1000));
    }
    assertRefused(zip(many), "more than 32 MB once unpacked");
    java.util.Map<String, String> entries = new java.util.TreeMap<>();
    for (int i = 0; i <= 2000; i++) {
      entries.put("e" + i, "");
    }
    assertRefused(zip(entries), "more than 2000 entries");
    assertRefused("not a zip at all".getBytes(), "not a .zip");
    assertRefused(
        zip(Map.of("s/a", "a file", "s/a/b", "and a file in it")), "cannot be unpacked together");
    assertRefused(
        zip(
            Map.of(
                "broken/index.json",
                "{\"title\": \"x\", \"details\": {\"steps\": [{\"text\": \"s.md\"}]}}")),
        "cannot load, so none was added",
        "step 1's text s.md is missing");
    assertRefused(zip(Map.of("readme.md", "no scenario here")), "holds no scenario");
    assertThat(server.server.sandboxes().lessons().lessons()).hasSize(before);
  }

  private void assertRefused(byte[] zip, String... reasons) {
    HttpResponse<Buffer> r = upload(zip, TOKEN);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    String error = r.bodyAsJsonObject().getString("error");
    assertThat(java.util.Arrays.stream(reasons).anyMatch(error::contains)).as(error).isTrue();
  }

  private static byte[] zip(Map<String, String> files) throws IOException {
    Map<String, byte[]> bytes = new java.util.TreeMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return zipBytes(bytes);
  }

  private static byte[] zipBytes(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var e : new java.util.TreeMap<>(files).entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The Katacoda test scenario of the import tests, zipped as an author would. */
  private static byte[] katacodaScenario() throws IOException, URISyntaxException {
    Path root =
        Path.of(
            AdminUploadTest.class
                .getResource("/dev/trafficlab/server/lessons/imports/katacoda")
                .toURI());
    // its images are binary: read as bytes
    Map<String, byte[]> files = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return zipBytes(files);
  }
}
