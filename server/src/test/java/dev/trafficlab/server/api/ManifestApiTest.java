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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * apply and validate: kubectl's output and per-document results, the status codes, the state kept
 * on refusal.
 */
@ExtendWith(VertxExtension.class)
class ManifestApiTest {
  static final String ALL_V1 =
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
      """;

  /** Weights that do not add up to 100: Istio 1.8 refuses it. */
  static final String BAD_WEIGHTS =
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
            weight: 50
          - destination:
              host: reviews
              subset: v3
            weight: 20
      """;

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

  private HttpResponse<Buffer> apply(String contentType, String yaml) {
    return server.sendText(HttpMethod.POST, "/api/sandboxes/" + id + "/apply", contentType, yaml);
  }

  private JsonArray resources() {
    return server
        .send(HttpMethod.GET, "/api/sandboxes/" + id)
        .bodyAsJsonObject()
        .getJsonArray("resources");
  }

  @Test
  void aNewSandboxHasTheLessonStartApplied() {
    JsonArray resources = resources();
    assertThat(resources)
        .contains(
            new JsonObject()
                .put("kind", "Gateway")
                .put("namespace", "default")
                .put("name", "bookinfo-gateway"),
            new JsonObject()
                .put("kind", "VirtualService")
                .put("namespace", "default")
                .put("name", "bookinfo"),
            new JsonObject()
                .put("kind", "DestinationRule")
                .put("namespace", "default")
                .put("name", "reviews"));
    assertThat(resources).hasSize(6);
  }

  @Test
  void applyAnswers200WithKubectlsOutputAndOneResultADocument() {
    HttpResponse<Buffer> response = apply("application/yaml", ALL_V1);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("output"))
        .isEqualTo("virtualservice.networking.istio.io/reviews created\n");
    JsonObject result = body.getJsonArray("results").getJsonObject(0);
    assertThat(result.fieldNames())
        .containsExactlyInAnyOrder(
            "kind",
            "name",
            "namespace",
            "action",
            "reason",
            "error",
            "causes",
            "warnings",
            "line",
            "column");
    assertThat(result.getString("kind")).isEqualTo("VirtualService");
    assertThat(result.getString("name")).isEqualTo("reviews");
    assertThat(result.getString("namespace")).isEqualTo("default");
    assertThat(result.getString("action")).isEqualTo("created");
    assertThat(result.getValue("error")).isNull();
    assertThat(result.getValue("reason")).isNull();
    assertThat(result.getJsonArray("causes")).isEmpty();
    assertThat(
            apply("application/yaml", ALL_V1)
                .bodyAsJsonObject()
                .getJsonArray("results")
                .getJsonObject(0)
                .getString("action"))
        .isEqualTo("unchanged");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/x-yaml",
        "text/yaml",
        "text/plain",
        "application/yaml; charset=utf-8"
      })
  void applyAcceptsTheOtherYamlContentTypes(String type) {
    assertThat(apply(type, ALL_V1).statusCode()).isEqualTo(200);
  }

  @Test
  void applyAcceptsJson() {
    String json =
        "{\"apiVersion\":\"networking.istio.io/v1alpha3\",\"kind\":\"VirtualService\","
            + "\"metadata\":{\"name\":\"reviews\"},\"spec\":{\"hosts\":[\"reviews\"],\"http\":[{\"route\":"
            + "[{\"destination\":{\"host\":\"reviews\",\"subset\":\"v1\"}}]}]}}";
    assertThat(apply("application/json", json).statusCode()).isEqualTo(200);
  }

  @Test
  void aRejectedDocumentIs422AndKeepsWhatWasApplied() {
    apply("application/yaml", ALL_V1);
    JsonArray before = resources();
    HttpResponse<Buffer> response = apply("application/yaml", BAD_WEIGHTS);
    assertThat(response.statusCode()).isEqualTo(422);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("output"))
        .contains("admission webhook \"validation.istio.io\" denied the request");
    JsonObject result = body.getJsonArray("results").getJsonObject(0);
    assertThat(result.getString("action")).isEqualTo("rejected");
    assertThat(result.getString("reason")).isEqualTo("AdmissionDenied");
    assertThat(result.getString("error")).isNotBlank();
    JsonObject cause = result.getJsonArray("causes").getJsonObject(0);
    assertThat(cause.getString("message")).contains("total destination weight");
    assertThat(cause.getInteger("line")).isEqualTo(result.getInteger("line"));
    assertThat(resources()).isEqualTo(before);
    JsonObject explain =
        server
            .sendJson(
                HttpMethod.POST,
                "/api/sandboxes/" + id + "/routes/explain",
                new JsonObject().put("from", "productpage-v1").put("host", "reviews"))
            .bodyAsJsonObject();
    assertThat(explain.getJsonArray("destinations").getJsonObject(0).getString("subset"))
        .isEqualTo("v1");
  }

  @Test
  void unparseableYamlIs422WithAPositionAndAppliesNothing() {
    JsonArray before = resources();
    HttpResponse<Buffer> response =
        apply("application/yaml", ALL_V1 + "\n  - : [unclosed\n---\n" + ALL_V1);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("output"))
        .startsWith("error: error parsing STDIN");
    assertThat(resources()).isEqualTo(before);
  }

  @Test
  void anEmptyBodyIs400() {
    HttpResponse<Buffer> response = apply("application/yaml", "");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("empty");
  }

  @Test
  void aWrongContentTypeIs415() {
    HttpResponse<Buffer> response = apply("application/x-www-form-urlencoded", ALL_V1);
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("application/yaml");
  }

  @Test
  void anInvalidNamespaceParameterIs400() {
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST,
            "/api/sandboxes/" + id + "/apply?namespace=Bad_NS",
            "application/yaml",
            ALL_V1);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("Bad_NS");
  }

  @Test
  void applyToAMissingNamespaceIsRejected() {
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST,
            "/api/sandboxes/" + id + "/apply?namespace=foo",
            "application/yaml",
            ALL_V1);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("output"))
        .contains("namespaces \"foo\" not found");
  }

  @Test
  void resetRestoresTheLessonStart() {
    JsonArray start = resources();
    apply("application/yaml", ALL_V1);
    assertThat(resources()).hasSize(start.size() + 1);
    JsonObject reset =
        server.send(HttpMethod.POST, "/api/sandboxes/" + id + "/reset").bodyAsJsonObject();
    assertThat(reset.getJsonArray("resources")).isEqualTo(start);
  }

  @Test
  void validateAnswersDiagnosticsWithoutApplying() {
    JsonArray before = resources();
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/validate", "application/yaml", BAD_WEIGHTS);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray diagnostics = response.bodyAsJsonObject().getJsonArray("diagnostics");
    assertThat(diagnostics).isNotEmpty();
    JsonObject d = diagnostics.getJsonObject(0);
    assertThat(d.fieldNames()).containsExactlyInAnyOrder("severity", "message", "line", "column");
    assertThat(d.getString("severity")).isEqualTo("error");
    assertThat(d.getInteger("line")).isPositive();
    assertThat(resources()).isEqualTo(before);
    JsonObject clean =
        server
            .sendText(
                HttpMethod.POST, "/api/sandboxes/" + id + "/validate", "application/yaml", ALL_V1)
            .bodyAsJsonObject();
    assertThat(clean.getJsonArray("diagnostics")).isEmpty();
  }

  @Test
  void validatingAnEmptyEditorFindsNothing() {
    HttpResponse<Buffer> response =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/validate", "application/yaml", "");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("diagnostics")).isEmpty();
  }
}
