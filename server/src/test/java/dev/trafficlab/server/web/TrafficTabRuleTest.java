package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
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

/**
 * The Traffic tab names the rule that routed each request, as it was compiled when the request went
 * through.
 */
@ExtendWith(VertxExtension.class)
class TrafficTabRuleTest {
  private static final String DESTINATION_RULE =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: reviews
      spec:
        host: reviews
        subsets:
        - name: v1
          labels:
            version: v1
        - name: v2
          labels:
            version: v2
        - name: v3
          labels:
            version: v3
      """;

  private static String dottedVirtualService(String jasonSubset) {
    return """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews.route
        spec:
          hosts:
          - reviews
          http:
          - match:
            - headers:
                end-user:
                  exact: jason
            route:
            - destination:
                host: reviews
                subset: %s
          - route:
            - destination:
                host: reviews
                subset: v1
        """
        .formatted(jasonSubset);
  }

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

  private void apply(String yaml) {
    HttpResponse<Buffer> r =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/apply", "application/yaml", yaml);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private void sendAsJason() {
    JsonObject body =
        new JsonObject()
            .put("from", "productpage-v1")
            .put("host", "reviews")
            .put("port", 9080)
            .put("path", "/reviews/0")
            .put("headers", new JsonObject().put("end-user", "jason"))
            .put("count", 1);
    HttpResponse<Buffer> r =
        server.sendJson(HttpMethod.POST, "/api/sandboxes/" + id + "/requests", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private String trafficTab() {
    return trafficTab("");
  }

  private String trafficTab(String query) {
    HttpResponse<Buffer> r =
        server
            .request(HttpMethod.GET, "/sandbox/traffic" + query)
            .putHeader("Cookie", "tl_sandbox=" + id + "." + server.server.sandboxes().bootId())
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsString().replaceAll("\\s+", " ");
  }

  @Test
  void aDottedVirtualServiceNameShowsItsRule() {
    apply(DESTINATION_RULE + "---\n" + dottedVirtualService("v2"));
    sendAsJason();
    assertThat(trafficTab())
        .contains(
            "data-version=\"v2\" data-vs=\"reviews.route.default\" data-rule=\"0\" data-match=\"0\"")
        .contains(
            "Rule #0 of VirtualService reviews.route.default, match #0: header end-user exact"
                + " &quot;jason&quot;; all to v2.")
        .doesNotContain("since changed");
  }

  @Test
  void aRowKeepsTheRuleAsItWasWhenTheRuleChangesLater() {
    apply(DESTINATION_RULE + "---\n" + dottedVirtualService("v2"));
    sendAsJason();
    apply(dottedVirtualService("v3"));
    sendAsJason();
    // Everything: by default the tab shows only requests since the last change.
    String tab = trafficTab("?window=all");
    assertThat(tab)
        .contains("data-version=\"v3\"")
        .contains("all to v3.")
        .contains("data-version=\"v2\"")
        .contains("all to v2.");
  }

  @Test
  void theTrafficApiGivesTheOriginsNameAndNamespaceApart() {
    apply(DESTINATION_RULE + "---\n" + dottedVirtualService("v2"));
    sendAsJason();
    JsonObject rec =
        server
            .send(HttpMethod.GET, "/api/sandboxes/" + id + "/traffic?host=reviews")
            .bodyAsJsonObject()
            .getJsonArray("records")
            .getJsonObject(0);
    assertThat(rec.getString("virtualService")).isEqualTo("reviews.route.default");
    JsonObject origin = rec.getJsonObject("origin");
    assertThat(origin.getString("kind")).isEqualTo("VirtualService");
    assertThat(origin.getString("namespace")).isEqualTo("default");
    assertThat(origin.getString("name")).isEqualTo("reviews.route");
    assertThat(origin.getInteger("rule")).isZero();
    assertThat(origin.getInteger("match")).isZero();
    assertThat(origin.getString("text")).endsWith("all to v2.");
  }
}
