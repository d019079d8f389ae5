package dev.trafficlab.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.durable.VaultUnavailable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bug becomes 500 "internal error" with nothing of its insides; refusals keep their status and
 * message.
 */
@ExtendWith(VertxExtension.class)
class ErrorResponsesTest {
  private HttpServer http;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route("/api/*").failureHandler(ErrorResponses.json());
    router
        .get("/api/bug")
        .handler(
            ctx -> {
              throw new NullPointerException("secret internals at Foo.java:12");
            });
    router
        .get("/api/async-bug")
        .handler(
            ctx -> Future.failedFuture(new IllegalStateException("boom")).onFailure(ctx::fail));
    router
        .get("/api/refused")
        .handler(
            ctx -> {
              throw new HttpError(422, "the YAML is <wrong>");
            });
    router
        .get("/page/bug")
        .handler(
            ctx -> {
              throw new IllegalStateException("page internals");
            });
    router
        .get("/page/refused")
        .handler(
            ctx -> {
              throw HttpError.badRequest("bad <script>alert(1)</script>");
            });
    router
        .get("/api/store-away")
        .handler(
            ctx ->
                Future.failedFuture(
                        new java.util.concurrent.CompletionException(
                            new VaultUnavailable("Redis at 127.0.0.1:6379", "Connection refused")))
                    .onFailure(ctx::fail));
    router
        .get("/page/store-away")
        .handler(
            ctx -> {
              throw new VaultUnavailable("Redis at 127.0.0.1:6379", null);
            });
    router.route().last().failureHandler(ErrorResponses.any());
    http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    http.close().await();
  }

  private HttpResponse<Buffer> get(String path, String accept) {
    var request = client.get(http.actualPort(), "127.0.0.1", path);
    if (accept != null) {
      request.putHeader("Accept", accept);
    }
    return request.send().await();
  }

  @Test
  void aThrownBugIs500InternalErrorWithoutDetails() {
    HttpResponse<Buffer> response = get("/api/bug", null);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsString()).isEqualTo("{\"error\":\"internal error\"}");
  }

  @Test
  void aFailedFutureIs500InternalErrorToo() {
    HttpResponse<Buffer> response = get("/api/async-bug", "text/html");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("internal error");
  }

  @Test
  void aRefusalKeepsItsStatusAndMessage() {
    HttpResponse<Buffer> response = get("/api/refused", null);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("the YAML is <wrong>");
  }

  @Test
  void browsersGetAnEscapedHtmlMessageOutsideTheApi() {
    HttpResponse<Buffer> response = get("/page/refused", "text/html,application/xhtml+xml");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.bodyAsString())
        .contains("bad &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
    HttpResponse<Buffer> bug = get("/page/bug", "text/html");
    assertThat(bug.statusCode()).isEqualTo(500);
    assertThat(bug.bodyAsString()).contains("internal error").doesNotContain("page internals");
  }

  @Test
  void aStoreThatIsAwayIs503WithItsMessageAndARetryAfterEvenWhenWrapped() {
    HttpResponse<Buffer> response = get("/api/store-away", null);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("2");
    assertThat(response.bodyAsJsonObject().getString("error"))
        .isEqualTo(
            "the sandbox store (Redis at 127.0.0.1:6379) is not answering (Connection refused):"
                + " changes are refused until it is back; try again in a moment");
    HttpResponse<Buffer> page = get("/page/store-away", "*/*");
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("changes are refused until it is back");
  }

  @Test
  void otherClientsGetJsonOutsideTheApi() {
    HttpResponse<Buffer> response = get("/page/bug", "application/json");
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("internal error");
  }
}
