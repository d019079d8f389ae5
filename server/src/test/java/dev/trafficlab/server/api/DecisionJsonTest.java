package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRewrite;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.FaultPolicy;
import dev.trafficlab.mesh.routing.MirrorPolicy;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RetryPolicy;
import dev.trafficlab.mesh.routing.RouteOrigin;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * routes/explain's body: the exact shape of issue 2, nulls for what is absent, Istio's field names.
 */
class DecisionJsonTest {
  private static final String V2 = "outbound|9080|v2|reviews.default.svc.cluster.local";
  private static final RetryPolicy DEFAULT_RETRIES =
      new RetryPolicy(
          2,
          "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
          List.of(503),
          0);

  private static ClusterTarget target(String subset, int weight, Map<String, Object> policy) {
    return new ClusterTarget(
        "reviews.default.svc.cluster.local",
        9080,
        subset,
        weight,
        "outbound|9080|" + subset + "|reviews.default.svc.cluster.local",
        Outcome.ROUTE,
        List.of(),
        policy,
        null);
  }

  private static RouteOrigin origin(String name, Integer rule, Integer match) {
    return new RouteOrigin(
        ResourceKind.VIRTUAL_SERVICE,
        "default",
        name,
        rule,
        match,
        "Rule #" + rule + " of VirtualService " + name + ".default.");
  }

  @Test
  void theIssueExampleMapsFieldForField() {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("loadBalancer", Map.of("simple", "RANDOM"));
    Decision d =
        new Decision(
            origin("reviews", 0, 0),
            Outcome.ROUTE,
            List.of(target("v2", 100, policy)),
            new FaultPolicy(new FaultPolicy.Delay(7000, 100.0), null),
            0,
            DEFAULT_RETRIES,
            new MirrorPolicy(
                "reviews.default.svc.cluster.local",
                9080,
                "v3",
                "outbound|9080|v3|reviews.default.svc.cluster.local",
                100.0),
            null,
            null,
            null,
            null,
            null,
            false);
    JsonObject expected =
        new JsonObject(
            """
        {"virtualService":"reviews.default","rule":0,"match":0,"outcome":"route",
         "destinations":[{"host":"reviews.default.svc.cluster.local","port":9080,"subset":"v2","weight":100,
                          "cluster":"%s"}],
         "fault":{"delay":{"fixedDelayMs":7000,"percentage":100.0},"abort":null},
         "timeoutMs":0,
         "retries":{"attempts":2,"retryOn":"connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                    "retriableStatusCodes":[503],"perTryTimeoutMs":0},
         "mirror":{"cluster":"outbound|9080|v3|reviews.default.svc.cluster.local","percentage":100.0},
         "rewrite":null,"redirect":null,"headers":null,"corsPolicy":null,
         "trafficPolicy":{"loadBalancer":{"simple":"RANDOM"}}}
        """
                .formatted(V2));
    JsonObject actual = DecisionJson.of(d);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.encode()).contains("\"percentage\":100.0");
  }

  @Test
  void theDefaultRouteHasNullRuleFieldsAndNoSubset() {
    Decision d =
        new Decision(
            null,
            Outcome.ROUTE,
            List.of(target("", 100, Map.of())),
            null,
            0,
            DEFAULT_RETRIES,
            null,
            null,
            null,
            null,
            null,
            null,
            false);
    JsonObject json = DecisionJson.of(d);
    assertThat(json.containsKey("virtualService")).isTrue();
    assertThat(json.getValue("virtualService")).isNull();
    assertThat(json.getValue("rule")).isNull();
    assertThat(json.getValue("match")).isNull();
    assertThat(json.getValue("fault")).isNull();
    assertThat(json.getValue("mirror")).isNull();
    assertThat(json.getValue("trafficPolicy")).isNull();
    assertThat(json.getJsonArray("destinations").getJsonObject(0).getValue("subset")).isNull();
  }

  @Test
  void anAbortIsHttpStatusAndPercentage() {
    Decision d =
        new Decision(
            origin("ratings", 0, null),
            Outcome.ROUTE,
            List.of(target("v1", 100, Map.of())),
            new FaultPolicy(null, new FaultPolicy.Abort(500, 100.0)),
            0,
            DEFAULT_RETRIES,
            null,
            null,
            null,
            null,
            null,
            null,
            false);
    JsonObject fault = DecisionJson.of(d).getJsonObject("fault");
    assertThat(fault)
        .isEqualTo(
            new JsonObject("{\"delay\":null,\"abort\":{\"httpStatus\":500,\"percentage\":100.0}}"));
  }

  @Test
  void noRouteHasNoDestinations() {
    Decision d =
        new Decision(
            null,
            Outcome.NO_ROUTE,
            List.of(),
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false);
    JsonObject json = DecisionJson.of(d);
    assertThat(json.getString("outcome")).isEqualTo("no_route");
    assertThat(json.getJsonArray("destinations")).isEmpty();
    assertThat(json.getValue("retries")).isNull();
  }

  @Test
  void rewriteRedirectHeadersAndCorsUseIstioFieldNames() {
    Headers headers =
        new Headers(
            new Headers.Operations(Map.of("x-lab", "1"), Map.of(), List.of("x-drop")),
            new Headers.Operations(Map.of(), Map.of("x-added", "yes"), List.of()));
    Map<String, Object> cors = new LinkedHashMap<>();
    cors.put("allowOrigins", List.of(Map.of("exact", "https://example.com")));
    cors.put("allowMethods", List.of("GET", "POST"));
    cors.put("maxAge", "24h");
    Decision d =
        new Decision(
            origin("reviews", 1, null),
            Outcome.REDIRECT,
            List.of(),
            null,
            500,
            DEFAULT_RETRIES,
            null,
            new HttpRewrite("/v1/", null, null),
            new HttpRedirect("/new", "example.com", 302, null),
            headers,
            cors,
            "/old/",
            false);
    JsonObject json = DecisionJson.of(d);
    assertThat(json.getString("outcome")).isEqualTo("redirect");
    assertThat(json.getLong("timeoutMs")).isEqualTo(500);
    assertThat(json.getJsonObject("rewrite")).isEqualTo(new JsonObject().put("uri", "/v1/"));
    assertThat(json.getJsonObject("redirect"))
        .isEqualTo(
            new JsonObject()
                .put("uri", "/new")
                .put("authority", "example.com")
                .put("redirectCode", 302));
    assertThat(json.getJsonObject("headers"))
        .isEqualTo(
            new JsonObject(
                "{\"request\":{\"set\":{\"x-lab\":\"1\"},\"remove\":[\"x-drop\"]},\"response\":{\"add\":{\"x-added\":\"yes\"}}}"));
    assertThat(json.getJsonObject("corsPolicy"))
        .isEqualTo(
            new JsonObject(
                "{\"allowOrigins\":[{\"exact\":\"https://example.com\"}],\"allowMethods\":[\"GET\",\"POST\"],\"maxAge\":\"24h\"}"));
  }
}
