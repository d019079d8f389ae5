package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.BookinfoSamples;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** routes/explain and requests: their validation, and their answers on a real sandbox. */
@ExtendWith(VertxExtension.class)
class MeshApiTest {
  static final String JASON_V2 = BookinfoSamples.networking("virtual-service-reviews-test-v2.yaml");

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

  private HttpResponse<Buffer> post(String endpoint, String body) {
    return server.sendText(
        HttpMethod.POST, "/api/sandboxes/" + id + endpoint, "application/json", body);
  }

  private static JsonObject explainBody() {
    return new JsonObject()
        .put("from", "productpage-v1")
        .put("host", "reviews")
        .put("port", 9080)
        .put("method", "GET")
        .put("path", "/reviews/0")
        .put("headers", new JsonObject().put("end-user", "jason"));
  }

  @Test
  void anUnknownCallerIs400NamingIt() {
    HttpResponse<Buffer> response =
        post("/routes/explain", explainBody().put("from", "frontend-v9").encode());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error"))
        .contains("\"frontend-v9\"")
        .contains("from")
        .contains("productpage-v1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"host\":\"reviews\"}",
        "{\"from\":\"productpage-v1\"}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"port\":0}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"port\":\"9080\"}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"path\":\"reviews\"}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"method\":\"GE T\"}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"headers\":{\"end-user\":1}}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"headers\":[\"end-user\"]}",
        "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"header\":{}}",
        "{\"from\":\"productpage-v1\",\"host\":\"istiod.istio-system\"}",
        "not json"
      })
  void aMalformedRequestDescriptionIs400(String body) {
    HttpResponse<Buffer> response = post("/routes/explain", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void aMultiPortServiceNeedsAPort() {
    HttpResponse<Buffer> response =
        post("/routes/explain", "{\"from\":\"productpage-v1\",\"host\":\"istiod.istio-system\"}");
    assertThat(response.bodyAsJsonObject().getString("error")).contains("port").contains("15010");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"count\":0",
        "\"count\":1001",
        "\"count\":\"10\"",
        "\"count\":2.5",
        "\"count\":10,\"concurrency\":0",
        "\"count\":10,\"concurrency\":65",
        "\"count\":10,\"parallel\":2"
      })
  void requestsRefusesCountsAndConcurrencyOutOfRange(String fields) {
    HttpResponse<Buffer> response =
        post(
            "/requests",
            "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"path\":\"/reviews/0\","
                + fields
                + "}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void explainWithoutAVirtualServiceIsTheDefaultRoute() {
    HttpResponse<Buffer> response = post("/routes/explain", explainBody().encode());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames())
        .containsExactlyInAnyOrder(
            "virtualService",
            "rule",
            "match",
            "outcome",
            "destinations",
            "fault",
            "timeoutMs",
            "retries",
            "mirror",
            "rewrite",
            "redirect",
            "headers",
            "corsPolicy",
            "trafficPolicy");
    assertThat(body.getValue("virtualService")).isNull();
    assertThat(body.getValue("rule")).isNull();
    assertThat(body.getString("outcome")).isEqualTo("route");
    JsonObject destination = body.getJsonArray("destinations").getJsonObject(0);
    assertThat(destination.getString("host")).isEqualTo("reviews.default.svc.cluster.local");
    assertThat(destination.getString("cluster"))
        .isEqualTo("outbound|9080||reviews.default.svc.cluster.local");
    assertThat(body.getJsonObject("retries").getInteger("attempts")).isEqualTo(2);
    assertThat(body.getJsonObject("retries").getJsonArray("retriableStatusCodes"))
        .isEqualTo(new JsonArray().add(503));
  }

  @Test
  void explainFollowsAnAppliedRuleAndThePortMayBeLeftOut() {
    assertThat(
            server
                .sendText(
                    HttpMethod.POST,
                    "/api/sandboxes/" + id + "/apply",
                    "application/yaml",
                    JASON_V2)
                .statusCode())
        .isEqualTo(200);
    JsonObject jason =
        post("/routes/explain", explainBody().put("port", (Object) null).encode())
            .bodyAsJsonObject();
    assertThat(jason.getString("virtualService")).isEqualTo("reviews.default");
    assertThat(jason.getInteger("rule")).isZero();
    assertThat(jason.getInteger("match")).isZero();
    assertThat(jason.getJsonArray("destinations").getJsonObject(0).getString("cluster"))
        .isEqualTo("outbound|9080|v2|reviews.default.svc.cluster.local");
    JsonObject other =
        post("/routes/explain", explainBody().put("headers", new JsonObject()).encode())
            .bodyAsJsonObject();
    assertThat(other.getInteger("rule")).isEqualTo(1);
    assertThat(other.getValue("match")).isNull();
    assertThat(other.getJsonArray("destinations").getJsonObject(0).getString("subset"))
        .isEqualTo("v1");
  }

  @Test
  void anUnknownHostIsPassthrough() {
    JsonObject body =
        post("/routes/explain", "{\"from\":\"productpage-v1\",\"host\":\"www.example.com\"}")
            .bodyAsJsonObject();
    assertThat(body.getString("outcome")).isEqualTo("passthrough");
  }

  @Test
  void requestsSendsRealRequestsThroughTheMesh() {
    server.sendText(
        HttpMethod.POST, "/api/sandboxes/" + id + "/apply", "application/yaml", JASON_V2);
    HttpResponse<Buffer> response = post("/requests", explainBody().put("count", 5).encode());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getJsonArray("responses")).hasSize(5);
    body.getJsonArray("responses")
        .forEach(
            r -> {
              assertThat(((JsonObject) r).getInteger("status")).isEqualTo(200);
              assertThat(((JsonObject) r).getString("subset")).isEqualTo("v2");
            });
    assertThat(body.getJsonObject("summary").getJsonObject("subsets").getInteger("v2"))
        .isEqualTo(5);
  }
}
