package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.RouteOrigin;
import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class TrafficApiTest {
  private static final String PRODUCTPAGE = "productpage-v1-6b746f74dc-mp6tf";
  private static final String REVIEWS_V1 = "reviews-v1-7f99cc4496-gdxfn";
  private static final String REVIEWS_V3 = "reviews-v3-7dbcdcbc56-m8kbn";

  private TestServer server;
  private String id;
  private Sandbox sandbox;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
    id = server.createSandbox();
    sandbox = server.server.sandboxes().byId(id).orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void record(
      String from, String authority, String pod, int status, String flags, String user) {
    sandbox
        .traffic()
        .record(
            new TrafficRecord(
                Instant.parse("2026-01-15T10:00:00Z"),
                "req-1",
                from,
                "GET",
                authority,
                "/reviews/0",
                "HTTP/1.1",
                status,
                flags,
                100,
                2.5,
                pod == null ? "-" : "outbound|9080|v1|reviews.default.svc.cluster.local",
                "10.244.0.13:9080",
                pod,
                pod == null ? "" : "v1",
                new RouteOrigin(
                    ResourceKind.VIRTUAL_SERVICE,
                    "default",
                    "reviews",
                    0,
                    user == null ? null : 0,
                    "Rule #0 of VirtualService reviews.default."),
                "Mozilla",
                user));
  }

  private JsonObject traffic(String query) {
    HttpResponse<Buffer> response =
        server.send(HttpMethod.GET, "/api/sandboxes/" + id + "/traffic" + query);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void listsRecentRequestsWithTheRuleThatRoutedThem() {
    record(PRODUCTPAGE, "reviews:9080", REVIEWS_V1, 200, "-", "jason");
    JsonObject body = traffic("");
    assertThat(body.getLong("total")).isEqualTo(1);
    JsonObject r = body.getJsonArray("records").getJsonObject(0);
    assertThat(r.getLong("seq")).isZero();
    assertThat(r.getString("time")).isEqualTo("2026-01-15T10:00:00Z");
    assertThat(r.getString("from")).isEqualTo(PRODUCTPAGE);
    assertThat(r.getString("host")).isEqualTo("reviews:9080");
    assertThat(r.getString("path")).isEqualTo("/reviews/0");
    assertThat(r.getInteger("status")).isEqualTo(200);
    assertThat(r.getString("flags")).isEqualTo("-");
    assertThat(r.getString("subset")).isEqualTo("v1");
    assertThat(r.getString("pod")).isEqualTo(REVIEWS_V1);
    assertThat(r.getString("version")).isEqualTo("v1");
    assertThat(r.getString("virtualService")).isEqualTo("reviews.default");
    assertThat(r.getInteger("rule")).isZero();
    assertThat(r.getInteger("match")).isZero();
    assertThat(r.getDouble("durationMs")).isEqualTo(2.5);
    assertThat(r.getString("endUser")).isEqualTo("jason");
  }

  @Test
  void sinceReturnsOnlyNewerRecords() {
    for (int i = 0; i < 5; i++) {
      record(PRODUCTPAGE, "reviews:9080", REVIEWS_V1, 200, "-", null);
    }
    JsonObject body = traffic("?since=3");
    assertThat(body.getLong("total")).isEqualTo(5);
    JsonArray records = body.getJsonArray("records");
    assertThat(records).hasSize(2);
    assertThat(records.getJsonObject(0).getLong("seq")).isEqualTo(3);
    assertThat(traffic("?since=5").getJsonArray("records")).isEmpty();
  }

  @Test
  void limitKeepsTheNewest() {
    for (int i = 0; i < 5; i++) {
      record(PRODUCTPAGE, "reviews:9080", REVIEWS_V1, 200, "-", null);
    }
    JsonArray records = traffic("?limit=2").getJsonArray("records");
    assertThat(records).hasSize(2);
    assertThat(records.getJsonObject(1).getLong("seq")).isEqualTo(4);
  }

  @Test
  void countsProductpageCallsToReviewsByTheVersionThatAnswered() {
    record(PRODUCTPAGE, "reviews:9080", REVIEWS_V1, 200, "-", null);
    record(PRODUCTPAGE, "reviews:9080", REVIEWS_V3, 200, "-", null);
    record(PRODUCTPAGE, "reviews.default.svc.cluster.local:9080", REVIEWS_V3, 200, "-", null);
    record(PRODUCTPAGE, "reviews:9080", null, 503, "NC", null);
    // Not a page view's reviews call: ratings, and ingress traffic.
    record(
        "reviews-v3-7dbcdcbc56-m8kbn",
        "ratings:9080",
        "ratings-v1-7dc98c7588-6tzmw",
        200,
        "-",
        null);
    record(
        "istio-ingressgateway-5d8d7b9b5c-2xk4p",
        "productpage:9080",
        "productpage-v1-6b746f74dc-mp6tf",
        200,
        "-",
        null);
    JsonObject reviews = traffic("").getJsonObject("reviews");
    assertThat(reviews.getInteger("calls")).isEqualTo(4);
    assertThat(reviews.getJsonObject("counts"))
        .isEqualTo(new JsonObject().put("v1", 1).put("v2", 0).put("v3", 2).put("failed", 1));
    JsonObject lastTwo = traffic("?window=2").getJsonObject("reviews");
    assertThat(lastTwo.getJsonObject("counts").getInteger("v3")).isEqualTo(1);
    assertThat(lastTwo.getJsonObject("counts").getInteger("failed")).isEqualTo(1);
  }

  @Test
  void hostFiltersByService() {
    record(PRODUCTPAGE, "reviews:9080", REVIEWS_V1, 200, "-", null);
    record(
        "reviews-v3-7dbcdcbc56-m8kbn",
        "ratings:9080",
        "ratings-v1-7dc98c7588-6tzmw",
        200,
        "-",
        null);
    JsonArray records = traffic("?host=ratings").getJsonArray("records");
    assertThat(records).hasSize(1);
    assertThat(records.getJsonObject(0).getString("host")).isEqualTo("ratings:9080");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?since=-1", "?since=abc", "?limit=0", "?limit=1001", "?window=x"})
  void badParametersAnswer400(String query) {
    HttpResponse<Buffer> response =
        server.send(HttpMethod.GET, "/api/sandboxes/" + id + "/traffic" + query);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }
}
