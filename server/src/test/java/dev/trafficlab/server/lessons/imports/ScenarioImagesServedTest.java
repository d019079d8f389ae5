package dev.trafficlab.server.lessons.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The images of an imported scenario's pages come from its folder through {@code
 * /lessons/<id>/assets/<path>}: images only, of the type their bytes are, revalidated by ETag, and
 * nothing else of the folder (nor outside it) whatever the path says.
 */
@ExtendWith(VertxExtension.class)
class ScenarioImagesServedTest {
  private static final String ROUTE = "/lessons/kc-httpbin-route/assets/images/route.png";
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = ImportReportTest.serverWithBothScenarios(vertx);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theRenderedPagePointsItsImageAndTheLinkToItAtTheScenariosCopy() {
    String step2 = server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/steps/2").bodyAsString();
    assertThat(step2)
        .contains("<img src=\"" + ROUTE + "\" alt=\"The route\">")
        .contains("href=\"" + ROUTE + "\">the diagram</a>")
        .contains("<img src=\"images/drawing.svg\"")
        .contains("<img src=\"images/fake.png\"");
    String step1 = server.send(HttpMethod.GET, "/lessons/kk-sleep-delay/steps/1").bodyAsString();
    assertThat(step1).contains("<img src=\"/lessons/kk-sleep-delay/assets/step1/pods.gif\"");
  }

  @Test
  void anImageIsServedWithItsTypeAndRevalidatesLikeTheStaticFiles() throws Exception {
    HttpResponse<Buffer> png = server.send(HttpMethod.GET, ROUTE);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(png.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(png.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(png.body().getBytes())
        .isEqualTo(
            Files.readAllBytes(
                ImportReportTest.scenarios("katacoda")
                    .resolve("kc-httpbin-route/images/route.png")));
    String etag = png.getHeader("ETag");
    assertThat(etag).startsWith("\"");
    HttpResponse<Buffer> again =
        server.request(HttpMethod.GET, ROUTE).putHeader("If-None-Match", etag).send().await();
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isNull();

    HttpResponse<Buffer> gif =
        server.send(HttpMethod.GET, "/lessons/kk-sleep-delay/assets/step1/pods.gif");
    assertThat(gif.statusCode()).isEqualTo(200);
    assertThat(gif.getHeader("Content-Type")).isEqualTo("image/gif");
  }

  @Test
  void svgAFakeImageAndOtherFilesOfTheFolderAreNotServed() {
    for (String path :
        List.of(
            "images/drawing.svg",
            "images/fake.png",
            "index.json",
            "step1-verify.sh",
            "assets/httpbin-vs.yaml")) {
      HttpResponse<Buffer> r =
          server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/assets/" + path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.getHeader("Content-Type")).as(path).startsWith("text/html");
      assertThat(r.bodyAsString())
          .as(path)
          .doesNotContain("<script>alert")
          .doesNotContain("\"details\"");
    }
    assertThat(
            server
                .send(HttpMethod.GET, "/lessons/traffic-management/assets/images/route.png")
                .statusCode())
        .as("a packaged lesson serves no scenario images")
        .isEqualTo(404);
  }

  @Test
  void noPathLeadsOutOfTheImagesWhateverItsDotsSlashesOrEncoding() {
    for (String path :
        List.of(
            "../index.json",
            "images/../index.json",
            "images/../../kk-sleep-delay/index.json",
            "%2e%2e/index.json",
            "%2E%2E%2Findex.json",
            "images%2f..%2f..%2fistio-pathway.json",
            "images/..%5c..%5cistio-pathway.json",
            "..%252findex.json",
            "images//route.png",
            "./images/route.png",
            "images/./route.png",
            "images/route.png%00.json",
            "/etc/passwd",
            "%2fetc%2fpasswd",
            "..\\index.json")) {
      HttpResponse<Buffer> r =
          server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/assets/" + path);
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      String body = r.bodyAsString() == null ? "" : r.bodyAsString();
      assertThat(body)
          .as(path)
          .doesNotContain("\"details\"")
          .doesNotContain("root:")
          .doesNotContain("\"courses\"")
          .doesNotContain("IHDR");
    }
  }
}
