package dev.trafficlab.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.http.BrowserSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A noisy neighbour on the data plane (issue 10, item 5): a learner who floods it with batches gets
 * a clear 429 for the batches over the limit, from the API and from the page's "Send 100 requests"
 * alike, while another learner's product page and batch still succeed. The latencies are measured
 * by benchmarks/load/noisy.sh, not here.
 */
class HostileDataPlaneTest {
  /**
   * Every call to reviews waits 10 s: the noisy batches hold their requests in flight for the whole
   * test.
   */
  static final String SLOW_REVIEWS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts:
        - reviews
        http:
        - fault:
            delay:
              fixedDelay: 10s
              percentage:
                value: 100
          route:
          - destination:
              host: reviews
      """;

  static final JsonObject FLOOD =
      new JsonObject()
          .put("from", "productpage-v1")
          .put("host", "reviews")
          .put("port", 9080)
          .put("path", "/reviews/0")
          .put("count", 1000)
          .put("concurrency", 64);
  static final String LIMIT_MESSAGE =
      "this sandbox is already sending 2 batches of requests: wait for one to finish";

  private Vertx vertx;
  private TestServer server;
  private String noisy;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx);
    noisy = server.createSandbox();
    assertThat(
            server
                .sendText(
                    HttpMethod.POST,
                    "/api/sandboxes/" + noisy + "/apply",
                    "application/yaml",
                    SLOW_REVIEWS)
                .statusCode())
        .isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close().await();
  }

  private Future<HttpResponse<Buffer>> flood() {
    return server
        .request(HttpMethod.POST, "/api/sandboxes/" + noisy + "/requests")
        .sendJsonObject(FLOOD);
  }

  /**
   * Sends three batches at once and waits for the one refused (the two accepted run for minutes).
   */
  private void twoBatchesRunningAndOneRefused() throws InterruptedException {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>(List.of(flood(), flood(), flood()));
    for (int i = 0; i < 3000 && sent.stream().noneMatch(Future::isComplete); i++) {
      Thread.sleep(10);
    }
    List<Future<HttpResponse<Buffer>>> done = sent.stream().filter(Future::isComplete).toList();
    assertThat(done).hasSize(1);
    HttpResponse<Buffer> refused = done.get(0).result();
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/json");
    assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo(LIMIT_MESSAGE);
  }

  @Test
  void aThirdBatchOfTheSameSandboxIs429WithAClearMessage() throws Exception {
    twoBatchesRunningAndOneRefused();
    HttpResponse<Buffer> again = flood().await();
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo(LIMIT_MESSAGE);
  }

  @Test
  void thePageButtonCountsAgainstTheSameLimitAndAnswersHtmxInPlainText() throws Exception {
    twoBatchesRunningAndOneRefused();
    String cookie = BrowserSessions.COOKIE + "=" + noisy + "." + server.server.sandboxes().bootId();
    String page =
        server
            .request(HttpMethod.GET, "/lessons/traffic-management/steps/1")
            .putHeader("Cookie", cookie)
            .send()
            .await()
            .bodyAsString();
    Matcher token =
        Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">").matcher(page);
    assertThat(token.find()).isTrue();
    HttpResponse<Buffer> button =
        server
            .request(HttpMethod.POST, "/sandbox/traffic/send")
            .putHeader("Cookie", cookie)
            .putHeader("HX-Request", "true")
            .putHeader("X-CSRF-Token", token.group(1))
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .sendBuffer(Buffer.buffer("user=jason"))
            .await();
    assertThat(button.statusCode()).isEqualTo(429);
    assertThat(button.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(button.getHeader("Retry-After")).isEqualTo("5");
    assertThat(button.bodyAsString())
        .isEqualTo(
            "This sandbox is already sending 2 batches of requests: wait for one " + "to finish.");
  }

  @Test
  void aQuietLearnersPageAndBatchSucceedWhileTheNoisyOneFloods() throws Exception {
    twoBatchesRunningAndOneRefused();
    JsonObject quiet = server.createSandbox(new JsonObject());
    HttpResponse<Buffer> page = server.send(HttpMethod.GET, quiet.getString("productPage"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("data-reviews-version");
    HttpResponse<Buffer> batch =
        server.sendJson(
            HttpMethod.POST,
            "/api/sandboxes/" + quiet.getString("id") + "/requests",
            FLOOD.copy().put("count", 5).put("concurrency", 5));
    assertThat(batch.statusCode()).isEqualTo(200);
    assertThat(
            batch
                .bodyAsJsonObject()
                .getJsonObject("summary")
                .getJsonObject("statuses")
                .getInteger("200"))
        .isEqualTo(5);
  }
}
