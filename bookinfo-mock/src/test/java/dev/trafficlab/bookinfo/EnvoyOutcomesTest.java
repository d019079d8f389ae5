package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.routing.MirrorPolicy;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sidecar carries out each kind of decision the way Envoy does, seen from the calling pod. */
class EnvoyOutcomesTest {
  static MeshFixture f;

  @BeforeAll
  static void start() {
    f = new MeshFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static MeshResponse reviews(TestSandbox s, Routes.B decision) {
    f.routes.rule("reviews", decision.build());
    return f.call(s, "productpage-v1", "reviews", "/reviews/0", Map.of());
  }

  @Test
  void noRouteIsAnEmpty404WithNR() {
    TestSandbox s = new TestSandbox("nr");
    MeshResponse r = reviews(s, Routes.outcome(Outcome.NO_ROUTE));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.responseFlags()).isEqualTo("NR");
    assertThat(r.body()).isEmpty();
    assertThat(s.traffic().recent(1).get(0).responseFlags()).isEqualTo("NR");
  }

  @Test
  void undefinedSubsetIsAnEmpty503WithNC() {
    TestSandbox s = new TestSandbox("nc");
    MeshResponse r =
        reviews(
            s, Routes.outcome(Outcome.CLUSTER_NOT_FOUND, Routes.missingSubset("reviews", "v4")));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.responseFlags()).isEqualTo("NC");
    assertThat(r.body()).isEmpty();
    assertThat(r.upstreamPod()).isNull();
    assertThat(r.cluster()).isEqualTo("outbound|9080|v4|reviews.default.svc.cluster.local");
    // The fault filter runs before the router looks the cluster up.
    MeshResponse aborted =
        reviews(
            s,
            Routes.outcome(Outcome.CLUSTER_NOT_FOUND, Routes.missingSubset("reviews", "v4"))
                .abort(418, 100));
    assertThat(aborted.status()).isEqualTo(418);
    assertThat(aborted.responseFlags()).isEqualTo("FI");
  }

  @Test
  void subsetWithoutPodsIs503NoHealthyUpstreamWithUH() {
    TestSandbox s = new TestSandbox("uh");
    f.routes.rule("details", Routes.route(Routes.target("details", "v2", 100)).build());
    MeshResponse r = f.call(s, "productpage-v1", "details", "/details/0", Map.of());
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.responseFlags()).isEqualTo("UH");
    assertThat(r.body()).isEqualTo("no healthy upstream");
    f.routes.rule("details", (snap, q) -> null);
  }

  @Test
  void aSubsetWhosePodsAreStillStartingIs503NoHealthyUpstream() {
    TestSandbox s = new TestSandbox("starting");
    dev.trafficlab.mesh.routing.ClusterTarget t = Routes.target("reviews", "v1", 100);
    dev.trafficlab.mesh.inventory.Pod p = t.endpoints().get(0);
    // the same pod, created just now: it is not ready for another minute
    dev.trafficlab.mesh.inventory.Pod starting =
        new dev.trafficlab.mesh.inventory.Pod(
            p.name(),
            p.namespace(),
            p.workload(),
            p.labels(),
            p.ip(),
            p.serviceAccount(),
            p.nodeName(),
            p.image(),
            p.sidecar(),
            p.owner(),
            p.containers(),
            p.annotations(),
            java.time.Instant.now(),
            60_000);
    MeshResponse r =
        reviews(
            s,
            Routes.route(
                new dev.trafficlab.mesh.routing.ClusterTarget(
                    t.host(),
                    t.port(),
                    t.subset(),
                    t.weight(),
                    t.cluster(),
                    t.status(),
                    List.of(starting),
                    t.trafficPolicy(),
                    t.headers())));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.responseFlags()).isEqualTo("UH");
    assertThat(r.body()).isEqualTo("no healthy upstream");
  }

  @Test
  void abortAnswersTheConfiguredStatusWithFIAndIsNotRetried() {
    TestSandbox s = new TestSandbox("fi");
    MeshResponse r = reviews(s, Routes.route(Routes.target("reviews", "v1", 100)).abort(503, 100));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.responseFlags()).isEqualTo("FI");
    assertThat(r.body()).isEqualTo("fault filter abort");
    assertThat(r.upstreamPod()).isNull();
    assertThat(s.traffic().total()).isEqualTo(1);
  }

  @Test
  void abortWithZeroPercentNeverFires() {
    TestSandbox s = new TestSandbox("fi0");
    MeshResponse r = reviews(s, Routes.route(Routes.target("reviews", "v1", 100)).abort(500, 0));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.responseFlags()).isEqualTo("-");
  }

  @Test
  void delayIsATimerAndFlaggedDI() {
    TestSandbox s = new TestSandbox("di");
    MeshResponse r = reviews(s, Routes.route(Routes.target("reviews", "v1", 100)).delay(400, 100));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.responseFlags()).isEqualTo("DI");
    assertThat(r.durationMs()).isBetween(390.0, 3000.0);
  }

  @Test
  void delayThenAbortIsFlaggedDIAndFI() {
    TestSandbox s = new TestSandbox("difi");
    MeshResponse r =
        reviews(
            s, Routes.route(Routes.target("reviews", "v1", 100)).delay(100, 100).abort(500, 100));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.responseFlags()).isEqualTo("DI,FI");
  }

  @Test
  void routeTimeoutIs504UpstreamRequestTimeoutAndStartsAfterTheDelay() {
    TestSandbox s = new TestSandbox("ut");
    f.routes.rule(
        "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(2000, 100).build());
    MeshResponse r = reviews(s, Routes.route(Routes.target("reviews", "v2", 100)).timeout(300));
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.responseFlags()).isEqualTo("UT");
    assertThat(r.body()).isEqualTo("upstream request timeout");
    assertThat(r.durationMs()).isBetween(290.0, 1500.0);
    // A delay on the same route does not count against its timeout: 300 ms delay + 300 ms timeout
    // of a fast upstream.
    MeshResponse fast =
        reviews(s, Routes.route(Routes.target("reviews", "v1", 100)).delay(300, 100).timeout(300));
    assertThat(fast.status()).isEqualTo(200);
    assertThat(fast.responseFlags()).isEqualTo("DI");
    f.routes.rule("ratings", (snap, q) -> null);
  }

  @Test
  void perRequestTimeoutHeaderOverridesTheRoute() {
    TestSandbox s = new TestSandbox("ut-header");
    f.routes.rule(
        "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(2000, 100).build());
    f.routes.rule("reviews", Routes.route(Routes.target("reviews", "v2", 100)).build());
    MeshResponse r =
        f.call(
            s,
            "productpage-v1",
            "reviews",
            "/reviews/0",
            Map.of("x-envoy-upstream-rq-timeout-ms", "200"));
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.responseFlags()).isEqualTo("UT");
    f.routes.rule("ratings", (snap, q) -> null);
  }

  @Test
  void upstream503IsRetriedPerTheDefaultPolicyWithAttemptCount() {
    TestSandbox s = new TestSandbox("retry");
    // productpage's JSON API answers 503 when details is aborted with 503; the route to productpage
    // retries it.
    f.routes.rule(
        "details", Routes.route(Routes.target("details", "v1", 100)).abort(503, 100).build());
    f.routes.recordSeen = false;
    MeshResponse r = f.call(s, "ratings-v1", "productpage", "/api/v1/products/0", Map.of());
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.responseFlags()).isEqualTo("URX");
    long detailsCalls =
        s.traffic().recent(100).stream().filter(t -> t.authority().startsWith("details")).count();
    assertThat(detailsCalls).isEqualTo(3);

    f.routes.rule(
        "productpage",
        Routes.route(Routes.target("productpage", "v1", 100))
            .retries(new RetryPolicy(0, null, List.of(), 0))
            .build());
    TestSandbox s2 = new TestSandbox("retry-off");
    MeshResponse once = f.call(s2, "ratings-v1", "productpage", "/api/v1/products/0", Map.of());
    assertThat(once.status()).isEqualTo(503);
    assertThat(once.responseFlags()).isEqualTo("-");
    assertThat(
            s2.traffic().recent(100).stream()
                .filter(t -> t.authority().startsWith("details"))
                .count())
        .isEqualTo(1);
    f.routes.rule("details", (snap, q) -> null);
    f.routes.rule("productpage", (snap, q) -> null);
  }

  @Test
  void perTryTimeoutIsRetriedOnGatewayErrorWithinTheRouteTimeout() {
    TestSandbox s = new TestSandbox("per-try");
    f.routes.rule(
        "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(3000, 100).build());
    MeshResponse r =
        reviews(
            s,
            Routes.route(Routes.target("reviews", "v2", 100))
                .retries(new RetryPolicy(2, "gateway-error", List.of(), 200)));
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.responseFlags()).isEqualTo("UT");
    // three tries of 200 ms plus two short backoffs
    assertThat(r.durationMs()).isBetween(590.0, 2500.0);
    MeshResponse capped =
        reviews(
            s,
            Routes.route(Routes.target("reviews", "v2", 100))
                .timeout(300)
                .retries(new RetryPolicy(5, "gateway-error", List.of(), 200)));
    assertThat(capped.status()).isEqualTo(504);
    assertThat(capped.durationMs()).isBetween(290.0, 1500.0);
    f.routes.rule("ratings", (snap, q) -> null);
  }

  @Test
  void corsPreflightFromAnAllowedOriginIsAnsweredByTheProxy() {
    TestSandbox s = new TestSandbox("cors");
    f.routes.rule(
        "reviews",
        Routes.route(Routes.target("reviews", "v1", 100))
            .cors(
                Map.of(
                    "allowOrigins",
                    List.of(Map.of("exact", "https://example.com")),
                    "allowMethods",
                    List.of("POST", "GET"),
                    "maxAge",
                    "24h",
                    "allowCredentials",
                    false))
            .build());
    MeshResponse pre =
        f.mesh
            .call(
                s,
                new dev.trafficlab.mesh.routing.RouteRequest(
                    "productpage-v1",
                    "reviews",
                    9080,
                    "OPTIONS",
                    "/reviews/0",
                    Map.of(
                        "origin", "https://example.com", "access-control-request-method", "GET")))
            .await();
    assertThat(pre.status()).isEqualTo(200);
    assertThat(pre.upstreamPod()).isNull();
    assertThat(pre.headers())
        .containsEntry("access-control-allow-origin", "https://example.com")
        .containsEntry("access-control-allow-methods", "POST,GET")
        .containsEntry("access-control-max-age", "86400");
    MeshResponse actual =
        f.call(
            s, "productpage-v1", "reviews", "/reviews/0", Map.of("origin", "https://example.com"));
    assertThat(actual.headers())
        .containsEntry("access-control-allow-origin", "https://example.com");
    MeshResponse other =
        f.call(s, "productpage-v1", "reviews", "/reviews/0", Map.of("origin", "https://evil.com"));
    assertThat(other.headers()).doesNotContainKey("access-control-allow-origin");
    f.routes.rule("reviews", (snap, q) -> null);
  }

  @Test
  void connectionPoolOverflowIs503UOWithOverloadedHeader() {
    try (MeshFixture g = new MeshFixture()) {
      g.slowRatingsAndAOneConnectionReviewsPool();
      TestSandbox sandbox = new TestSandbox("breaker");
      // A first request opens the pool's one connection, which then waits idle (keep-alive): of
      // six sent at once one takes it, one waits in the pending queue, four overflow.
      g.call(sandbox, "productpage-v1", "reviews", "/reviews/0", Map.of());
      var out =
          g.mesh
              .sendRequests(
                  sandbox,
                  new dev.trafficlab.mesh.routing.RouteRequest(
                      "productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of()),
                  6,
                  6)
              .await();
      var statuses = out.getJsonObject("summary").getJsonObject("statuses");
      assertThat(statuses.getInteger("200")).isEqualTo(2);
      assertThat(statuses.getInteger("503")).isEqualTo(4);
      for (Object o : out.getJsonArray("responses")) {
        var r = (io.vertx.core.json.JsonObject) o;
        if (r.getInteger("status") == 503) {
          assertThat(r.getString("responseFlags")).isEqualTo("UO");
          assertThat(r.getJsonObject("responseHeaders").getString("x-envoy-overloaded"))
              .isEqualTo("true");
        }
      }
    }
  }

  @Test
  void redirectAnswersLocationWithoutCallingUpstream() {
    TestSandbox s = new TestSandbox("redirect");
    MeshResponse r = reviews(s, Routes.route().redirect("/v2/reviews", "newreviews", null));
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.headers().get("location")).isEqualTo("http://newreviews/v2/reviews");
    MeshResponse r2 = reviews(s, Routes.route().redirect("/x", null, 308));
    assertThat(r2.status()).isEqualTo(308);
    assertThat(r2.headers().get("location")).isEqualTo("http://reviews/x");
    f.routes.rule("reviews", Routes.route().redirect("/x", null, null).build());
    MeshResponse withQuery = f.call(s, "productpage-v1", "reviews", "/reviews/0?a=1", Map.of());
    assertThat(withQuery.headers().get("location")).isEqualTo("http://reviews/x?a=1");
  }

  @Test
  void rewriteReplacesTheMatchedPrefixAndKeepsTheQuery() {
    TestSandbox s = new TestSandbox("rewrite");
    f.routes.rule(
        "details",
        Routes.route(Routes.target("details", "v1", 100))
            .rewrite("/details", null, "/book", false)
            .build());
    MeshResponse r = f.call(s, "productpage-v1", "details", "/book/0?x=1", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("PublisherA");
    assertThat(dev.trafficlab.bookinfo.sidecar.HopTestAccess.rewrite("/v1", "/foo", null, false))
        .isEqualTo("/v1foo");
    assertThat(
            dev.trafficlab.bookinfo.sidecar.HopTestAccess.rewrite(
                "/new", "/productpage?u=1", null, true))
        .isEqualTo("/new?u=1");
    f.routes.rule("details", (snap, q) -> null);
  }

  @Test
  void headerOperationsApplyToRequestAndResponse() {
    TestSandbox s = new TestSandbox("headers");
    Headers rule =
        new Headers(
            new Headers.Operations(Map.of("x-rule", "r"), null, List.of("user-agent")),
            new Headers.Operations(null, Map.of("x-resp", "added"), null));
    Headers dest = new Headers(null, new Headers.Operations(Map.of("x-dest", "d"), null, null));
    f.routes.rule(
        "reviews",
        Routes.route(Routes.target("reviews", "v1", 100, Map.of(), dest)).headers(rule).build());
    var out =
        f.mesh
            .sendRequests(
                s,
                new dev.trafficlab.mesh.routing.RouteRequest(
                    "productpage-v1",
                    "reviews",
                    9080,
                    "GET",
                    "/reviews/0",
                    Map.of("user-agent", "curl/7")),
                1,
                1)
            .await();
    var resp = out.getJsonArray("responses").getJsonObject(0);
    assertThat(resp.getJsonObject("upstreamHeaders").getString("x-rule")).isEqualTo("r");
    assertThat(resp.getJsonObject("upstreamHeaders").containsKey("user-agent")).isFalse();
    assertThat(resp.getJsonObject("upstreamHeaders").getString("host")).isEqualTo("reviews:9080");
    assertThat(resp.getJsonObject("upstreamHeaders").getString("x-envoy-attempt-count"))
        .isEqualTo("1");
    assertThat(resp.getJsonObject("responseHeaders").getString("x-resp")).isEqualTo("added");
    assertThat(resp.getJsonObject("responseHeaders").getString("x-dest")).isEqualTo("d");
    f.routes.rule("reviews", (snap, q) -> null);
  }

  @Test
  void aLoneDestinationsHeaderSetWinsOverTheRoutesButAWeightedOneLoses() {
    TestSandbox s = new TestSandbox("header-levels");
    Headers rule =
        new Headers(
            new Headers.Operations(Map.of("x-who", "route"), null, List.of("x-from-dest")), null);
    Headers dest =
        new Headers(
            new Headers.Operations(Map.of("x-who", "dest", "x-from-dest", "kept"), null, null),
            null);
    var call =
        new dev.trafficlab.mesh.routing.RouteRequest(
            "productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of());
    // route.go folds a lone destination's operations into the route's, after them; removals run
    // first
    f.routes.rule(
        "reviews",
        Routes.route(Routes.target("reviews", "v1", 100, Map.of(), dest)).headers(rule).build());
    var lone =
        f.mesh
            .sendRequests(s, call, 1, 1)
            .await()
            .getJsonArray("responses")
            .getJsonObject(0)
            .getJsonObject("upstreamHeaders");
    assertThat(lone.getString("x-who")).isEqualTo("dest");
    assertThat(lone.getString("x-from-dest")).isEqualTo("kept");
    // with weighted clusters the destination's level runs first and the route's (enclosing) level
    // after it
    f.routes.rule(
        "reviews",
        Routes.route(
                Routes.target("reviews", "v1", 50, Map.of(), dest),
                Routes.target("reviews", "v2", 50, Map.of(), dest))
            .headers(rule)
            .build());
    var weighted =
        f.mesh
            .sendRequests(s, call, 1, 1)
            .await()
            .getJsonArray("responses")
            .getJsonObject(0)
            .getJsonObject("upstreamHeaders");
    assertThat(weighted.getString("x-who")).isEqualTo("route");
    assertThat(weighted.containsKey("x-from-dest")).isFalse();
    f.routes.rule("reviews", (snap, q) -> null);
  }

  @Test
  void mirrorSendsAShadowCopyFireAndForget() throws Exception {
    TestSandbox s = new TestSandbox("mirror");
    String v2 = "outbound|9080|v2|reviews.default.svc.cluster.local";
    // No DR in this snapshot: a mirror to subset v2 has no cluster; to no subset it reaches a
    // reviews pod.
    MeshResponse r =
        reviews(
            s,
            Routes.route(Routes.target("reviews", "v1", 100))
                .mirror(
                    new MirrorPolicy(
                        "reviews.default.svc.cluster.local",
                        9080,
                        "",
                        "outbound|9080||reviews.default.svc.cluster.local",
                        100)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.upstreamPod()).startsWith("reviews-v1");
    long deadline = System.currentTimeMillis() + 5000;
    while (s.traffic().recent(100).stream().noneMatch(t -> t.authority().equals("reviews-shadow"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    var shadow =
        s.traffic().recent(100).stream()
            .filter(t -> t.authority().equals("reviews-shadow"))
            .findFirst()
            .orElseThrow();
    assertThat(shadow.status()).isEqualTo(200);
    assertThat(shadow.upstreamPod()).startsWith("reviews-");
    assertThat(v2).contains("v2");
  }

  @Test
  void mirrorPercentageZeroSendsNothing() {
    TestSandbox s = new TestSandbox("mirror0");
    reviews(
        s,
        Routes.route(Routes.target("reviews", "v1", 100))
            .mirror(
                new MirrorPolicy(
                    "reviews.default.svc.cluster.local",
                    9080,
                    "",
                    "outbound|9080||reviews.default.svc.cluster.local",
                    0)));
    assertThat(s.traffic().recent(100)).hasSize(1);
  }

  @Test
  void everyHopIsRecordedWithItsDecision() {
    TestSandbox s = new TestSandbox("record");
    f.routes.rule("reviews", Routes.route(Routes.target("reviews", "v3", 100)).build());
    f.call(
        s,
        "ratings-v1",
        "productpage",
        "/productpage",
        Map.of("end-user", "ignored-by-productpage"));
    var records = s.traffic().recent(100);
    assertThat(records)
        .extracting(TrafficRecord::fromPod)
        .anyMatch(p -> p.startsWith("productpage-v1"))
        .anyMatch(p -> p.startsWith("reviews-v3"))
        .anyMatch(p -> p.startsWith("ratings-v1"));
    var toReviews =
        records.stream()
            .filter(t -> t.authority().equals("reviews:9080"))
            .findFirst()
            .orElseThrow();
    assertThat(toReviews.virtualService()).isEqualTo("test.default");
    assertThat(toReviews.rule()).isEqualTo(0);
    assertThat(toReviews.cluster()).isEqualTo("outbound|9080|v3|reviews.default.svc.cluster.local");
    assertThat(toReviews.subset()).isEqualTo("v3");
    assertThat(toReviews.upstreamPod()).startsWith("reviews-v3");
    assertThat(toReviews.status()).isEqualTo(200);
    assertThat(toReviews.endUser()).isNull();
    f.routes.rule("reviews", (snap, q) -> null);
  }

  @Test
  void meshCallToTheIngressGatewayIsRoutedByTheGateway() {
    TestSandbox s = new TestSandbox("to-ingress");
    MeshResponse r =
        f.call(s, "ratings-v1", "istio-ingressgateway.istio-system", "/productpage", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("The Comedy of Errors");
    assertThat(s.traffic().recent(100))
        .extracting(TrafficRecord::fromPod)
        .anyMatch(p -> p.startsWith("istio-ingressgateway"));
    MeshResponse direct = f.call(s, "istio-ingressgateway", "localhost", "/productpage", Map.of());
    assertThat(direct.status()).isEqualTo(200);
  }
}
