package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.server.ServerConfig;
import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a lesson is adding a folder: a lesson written here, in a scenarios folder of its own
 * (LESSONS_DIR), with its own start, its own file and its own check, is served and walked through
 * the API with no Java change.
 */
@ExtendWith(VertxExtension.class)
class AddedLessonTest {
  private static final String CANARY =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts:
        - reviews
        http:
        - route:
          - destination:
              host: reviews
              subset: v1
            weight: 80
          - destination:
              host: reviews
              subset: v2
            weight: 20
      """;

  @TempDir Path scenarios;
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) throws IOException {
    copy(BookinfoSamples.assets(), scenarios.resolve("assets"));
    Path lesson = Files.createDirectories(scenarios.resolve("canary-80-20/assets/canary"));
    Files.writeString(lesson.resolve("reviews-80-20.yaml"), CANARY);
    Path folder = scenarios.resolve("canary-80-20");
    Files.writeString(folder.resolve("intro.md"), "Send a fifth of the traffic to v2.");
    Files.writeString(
        folder.resolve("step1.md"), "`kubectl apply -f canary/reviews-80-20.yaml`{{execute}}");
    Files.writeString(
        folder.resolve("index.json"),
        """
        {"title": "An 80/20 canary",
         "details": {
           "intro": {"text": "intro.md"},
           "steps": [{"title": "Split reviews 80/20", "text": "step1.md",
                      "check": {"type": "routing",
                                "expect": [{"service": "reviews", "versions": {"v1": 80, "v2": 20}}]}}]},
         "start": {"apply": ["istio-1.8.1/samples/bookinfo/networking/destination-rule-reviews.yaml"]}}
        """);
    server =
        TestServer.start(
            vertx,
            ServerConfig.fromEnvironment(
                Map.of("PORT", "0", "LESSONS_DIR", scenarios.toString(), "DATA_DIR", "")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aLessonFolderIsServedWithItsOwnStartFilesAndCheck() {
    JsonObject lessons = server.send(HttpMethod.GET, "/api/lessons").bodyAsJsonObject();
    assertThat(lessons.getJsonArray("lessons")).hasSize(1);
    assertThat(lessons.getJsonArray("lessons").getJsonObject(0).getString("id"))
        .isEqualTo("canary-80-20");

    String id =
        server.createSandbox(new JsonObject().put("lesson", "canary-80-20")).getString("id");
    JsonObject described = server.send(HttpMethod.GET, "/api/sandboxes/" + id).bodyAsJsonObject();
    assertThat(described.getString("lesson")).isEqualTo("canary-80-20");
    assertThat(described.getJsonArray("resources"))
        .extracting(r -> ((JsonObject) r).getString("name"))
        .containsExactly("reviews");

    JsonObject before = check(id, 1);
    assertThat(before.getBoolean("passed")).isFalse();
    assertThat(before.getString("message")).contains("reviews");

    JsonObject ran =
        server
            .sendJson(
                HttpMethod.POST,
                "/api/sandboxes/" + id + "/exec",
                new JsonObject().put("command", "kubectl apply -f canary/reviews-80-20.yaml"))
            .bodyAsJsonObject();
    assertThat(ran.getInteger("exitCode")).as(ran.getString("output")).isZero();
    assertThat(ran.getString("output"))
        .isEqualTo("virtualservice.networking.istio.io/reviews created\n");

    JsonObject after = check(id, 1);
    assertThat(after.getBoolean("passed")).as(after.getString("message")).isTrue();
    assertThat(after.getMap()).containsEntry("lesson", "canary-80-20").containsEntry("step", 1);
  }

  @Test
  void theLessonsPagesAreAddressedByItsFolderName() {
    HttpResponse<Buffer> intro = server.send(HttpMethod.GET, "/lessons/canary-80-20");
    assertThat(intro.statusCode()).isEqualTo(200);
    assertThat(intro.bodyAsString())
        .contains("An 80/20 canary")
        .contains("Send a fifth of the traffic to v2.");
    assertThat(server.send(HttpMethod.GET, "/lessons/canary-80-20/steps/1").bodyAsString())
        .contains("Split reviews 80/20")
        .contains("data-command=\"kubectl apply -f canary/reviews-80-20.yaml\"");
    assertThat(server.send(HttpMethod.GET, "/lessons/traffic-management").statusCode())
        .isEqualTo(404);
  }

  @Test
  void anUnknownLessonIsRefusedNamingTheLessonsThereAre() {
    HttpResponse<Buffer> r =
        server.sendJson(HttpMethod.POST, "/api/sandboxes", new JsonObject().put("lesson", "x"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error"))
        .contains("\"canary-80-20\"")
        .contains("got \"x\"");
    HttpResponse<Buffer> step =
        server.send(HttpMethod.POST, "/api/sandboxes/" + server.createSandbox() + "/steps/2/check");
    assertThat(step.statusCode()).isEqualTo(404);
    assertThat(step.bodyAsJsonObject().getString("error")).contains("has no step 2");
  }

  private JsonObject check(String id, int step) {
    HttpResponse<Buffer> r =
        server.send(HttpMethod.POST, "/api/sandboxes/" + id + "/steps/" + step + "/check");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
