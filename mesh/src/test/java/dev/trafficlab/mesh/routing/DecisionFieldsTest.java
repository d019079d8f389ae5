package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.drSpec;
import static dev.trafficlab.mesh.routing.Mesh.map;
import static dev.trafficlab.mesh.routing.Mesh.match;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static dev.trafficlab.mesh.routing.Mesh.ruleBuilder;
import static dev.trafficlab.mesh.routing.Mesh.subset;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static dev.trafficlab.mesh.routing.Requests.get;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static dev.trafficlab.mesh.routing.Requests.subsetOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRetry;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every field of a Decision, and the request properties that select a route. */
class DecisionFieldsTest {

  private static RouteTable reviewsVs(Mesh.Rule... rules) {
    return Mesh.bookinfo()
        .destinationRuleAll()
        .vs(
            "reviews",
            vsSpec(
                "reviews",
                java.util.Arrays.stream(rules)
                    .map(Mesh.Rule::build)
                    .toArray(dev.trafficlab.mesh.model.HttpRoute[]::new)))
        .table();
  }

  @Test
  void decisionNamesTheVirtualServiceRuleAndMatchEntry() {
    Decision d =
        reviewsVs(
                ruleBuilder().match(Mesh.endUser("jason")).route(dest("reviews", "v2")),
                ruleBuilder().route(dest("reviews", "v1")))
            .resolve(reviews());
    assertThat(d.virtualService()).isEqualTo("reviews.default");
    assertThat(d.rule()).isEqualTo(1);
    assertThat(d.match()).isNull();
    assertThat(d.outcome()).isEqualTo(Outcome.ROUTE);
    ClusterTarget c = d.destinations().get(0);
    assertThat(c.host()).isEqualTo("reviews.default.svc.cluster.local");
    assertThat(c.port()).isEqualTo(9080);
    assertThat(c.cluster()).isEqualTo("outbound|9080|v1|reviews.default.svc.cluster.local");
    assertThat(c.endpoints())
        .extracting(p -> p.name())
        .containsExactly("reviews-v1-7f99cc4496-gdxfn");
  }

  @Test
  void noMatchingRuleIsANoRouteNamingTheVirtualService() {
    Decision d =
        reviewsVs(ruleBuilder().match(Mesh.endUser("jason")).route(dest("reviews", "v2")))
            .resolve(reviews());
    assertThat(d.outcome()).isEqualTo(Outcome.NO_ROUTE);
    assertThat(d.virtualService()).isEqualTo("reviews.default");
    assertThat(d.destinations()).isEmpty();
  }

  @Test
  void unknownHostIsPassthroughAndUnknownCallerIsRefused() {
    RouteTable t = Mesh.bookinfo().table();
    assertThat(t.resolve(get("productpage-v1", "www.example.com", "/")).outcome())
        .isEqualTo(Outcome.PASSTHROUGH);
    assertThat(t.resolve(get("productpage-v1", "reviews:8080", "/")).outcome())
        .isEqualTo(Outcome.PASSTHROUGH);
    assertThatThrownBy(() -> t.resolve(get("nobody", "reviews", "/")))
        .isInstanceOf(UnknownWorkloadException.class)
        .hasMessageContaining("nobody");
  }

  @Test
  void authorityFormsAllReachTheServiceVirtualHostCaseInsensitively() {
    RouteTable t = reviewsVs(ruleBuilder().route(dest("reviews", "v3")));
    for (String host :
        List.of(
            "reviews",
            "reviews:9080",
            "REVIEWS.default.svc.cluster.local",
            "reviews.default.svc.cluster.local:9080",
            "reviews.default",
            "reviews.default.svc",
            "10.96.40.170:9080")) {
      assertThat(subsetOf(t.resolve(get("productpage-v1", host, "/reviews/0"))))
          .as(host)
          .isEqualTo("v3");
    }
  }

  @Test
  void bareNameOnlyResolvesFromTheServicesNamespace() {
    RouteTable t = Mesh.bookinfo().table();
    assertThat(t.resolve(get("istio-ingressgateway", "reviews", "/")).outcome())
        .isEqualTo(Outcome.NO_ROUTE);
    ProxyConfig pc = t.proxyConfig("productpage-v1").orElseThrow();
    assertThat(pc.routeConfig("9080").virtualHosts())
        .filteredOn(v -> v.name().startsWith("reviews."))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.domains())
                    .contains(
                        "reviews",
                        "reviews:9080",
                        "reviews.default.svc.cluster.local",
                        "10.96.40.170"));
  }

  @Test
  void defaultRouteUsesAllPodsAndTheDefaultPolicies() {
    Decision d = Mesh.bookinfo().table().resolve(reviews());
    assertThat(d.virtualService()).isNull();
    assertThat(d.rule()).isNull();
    assertThat(d.destinations())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.subset()).isEmpty();
              assertThat(c.weight()).isEqualTo(100);
              assertThat(c.trafficPolicy()).isEmpty();
              assertThat(c.loadBalancer()).isEqualTo("ROUND_ROBIN");
              assertThat(c.endpoints()).hasSize(3);
            });
    assertThat(d.timeoutMs()).isZero();
    assertThat(d.retries().attempts()).isEqualTo(2);
  }

  @Test
  void timeoutIsCopiedAndZeroMeansOff() {
    Decision d =
        reviewsVs(ruleBuilder().timeoutMs(500).route(dest("reviews", "v2"))).resolve(reviews());
    assertThat(d.timeoutMs()).isEqualTo(500);
  }

  @Test
  void retriesAttemptsOnlyKeepDefaultRetryOn() {
    Decision d =
        reviewsVs(ruleBuilder().retries(3, 2000L, null).route(dest("reviews", "v2")))
            .resolve(reviews());
    assertThat(d.retries())
        .isEqualTo(
            new RetryPolicy(
                3,
                "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                List.of(503),
                2000));
  }

  @Test
  void retryOnStatusCodesBecomeRetriableStatusCodes() {
    Decision d =
        reviewsVs(
                ruleBuilder()
                    .retries(3, null, "gateway-error,connect-failure,500,504")
                    .route(dest("reviews", "v2")))
            .resolve(reviews());
    // 1.8.1's retry.ConvertPolicy does not add retriable-status-codes: these codes alone retry
    // nothing
    assertThat(d.retries())
        .isEqualTo(new RetryPolicy(3, "gateway-error,connect-failure", List.of(500, 504), 0));
    Decision plain =
        reviewsVs(ruleBuilder().retries(1, null, "5xx").route(dest("reviews", "v2")))
            .resolve(reviews());
    assertThat(plain.retries()).isEqualTo(new RetryPolicy(1, "5xx", List.of(), 0));
  }

  @Test
  void retryOnEntriesAreStatusCodesOnlyWhenGoNamesTheStatus() {
    HttpRetry in =
        new HttpRetry(2, null, "599,+503, 502 ,retriable-status-codes", null, Pos.UNKNOWN);
    assertThat(RetryPolicy.of(in, IstioProfile.ISTIO_1_8))
        .isEqualTo(new RetryPolicy(2, "599,retriable-status-codes", List.of(503, 502), 0));
  }

  @Test
  void currentIstioAddsRetriableStatusCodesWhenOnlyCodesAreGiven() {
    HttpRetry in = new HttpRetry(2, null, "503", null, Pos.UNKNOWN);
    assertThat(RetryPolicy.of(in, IstioProfile.ISTIO_1_8))
        .isEqualTo(new RetryPolicy(2, "", List.of(503), 0));
    assertThat(RetryPolicy.of(in, IstioProfile.CURRENT))
        .isEqualTo(new RetryPolicy(2, ",retriable-status-codes", List.of(503), 0));
  }

  @Test
  void zeroAttemptsDisablesRetries() {
    Decision d =
        reviewsVs(ruleBuilder().retries(0, null, null).route(dest("reviews", "v2")))
            .resolve(reviews());
    assertThat(d.retries()).isEqualTo(RetryPolicy.DISABLED);
    assertThat(d.retries().enabled()).isFalse();
  }

  @Test
  void percentagesCountInMillionthsCutOffAsIstiodDoes() {
    assertThat(
            reviewsVs(
                    ruleBuilder()
                        .mirror("reviews", "v3", 0.00009, null)
                        .route(dest("reviews", "v1")))
                .resolve(reviews())
                .mirror())
        .as("uint32(0.00009 * 10000) = 0: never mirrored")
        .isNull();
    assertThat(
            reviewsVs(
                    ruleBuilder()
                        .mirror("reviews", "v3", 33.333333, null)
                        .route(dest("reviews", "v1")))
                .resolve(reviews())
                .mirror()
                .percentage())
        .isEqualTo(33.3333);
    assertThat(
            reviewsVs(ruleBuilder().abort(500, 0.00005).route(dest("reviews", "v1")))
                .resolve(reviews())
                .fault())
        .isNull();
    FaultPolicy f =
        reviewsVs(
                ruleBuilder()
                    .abort(500, 12.345678)
                    .delay(1000L, 0.12345678, null)
                    .route(dest("reviews", "v1")))
            .resolve(reviews())
            .fault();
    assertThat(f.abort().percentage()).isEqualTo(12.3456);
    assertThat(f.delay().percentage()).isEqualTo(0.1234);
  }

  @Test
  void mirrorDefaultsToHundredPercentAndHonoursBothPercentFields() {
    Decision d =
        reviewsVs(ruleBuilder().mirror("reviews", "v3", null, null).route(dest("reviews", "v1")))
            .resolve(reviews());
    assertThat(d.mirror())
        .isEqualTo(
            new MirrorPolicy(
                "reviews.default.svc.cluster.local",
                9080,
                "v3",
                "outbound|9080|v3|reviews.default.svc.cluster.local",
                100.0));
    assertThat(
            reviewsVs(
                    ruleBuilder().mirror("reviews", "v3", 25.5, null).route(dest("reviews", "v1")))
                .resolve(reviews())
                .mirror()
                .percentage())
        .isEqualTo(25.5);
    assertThat(
            reviewsVs(ruleBuilder().mirror("reviews", "v3", null, 10).route(dest("reviews", "v1")))
                .resolve(reviews())
                .mirror()
                .percentage())
        .isEqualTo(10.0);
    assertThat(
            reviewsVs(ruleBuilder().mirror("reviews", "v3", 0.0, null).route(dest("reviews", "v1")))
                .resolve(reviews())
                .mirror())
        .isNull();
  }

  @Test
  void rewriteExposesTheMatchedPrefixOrExactPath() {
    RouteTable t =
        reviewsVs(
            ruleBuilder()
                .match(match().uri(StringMatch.prefix("/reviews")).build())
                .rewrite("/v1/reviews")
                .route(dest("reviews", "v1")),
            ruleBuilder()
                .match(match().uri(StringMatch.exact("/health")).build())
                .rewrite("/ready")
                .route(dest("reviews", "v1")),
            ruleBuilder().rewrite("/v1").route(dest("reviews", "v2")));
    Decision prefix = t.resolve(reviews());
    assertThat(prefix.rewrite().uri()).isEqualTo("/v1/reviews");
    assertThat(prefix.matchedPrefix()).isEqualTo("/reviews");
    assertThat(prefix.matchedExact()).isFalse();
    Decision exact = t.resolve(get("productpage-v1", "reviews", "/health"));
    assertThat(exact.matchedExact()).isTrue();
    Decision none = t.resolve(get("productpage-v1", "reviews", "/foo"));
    assertThat(none.matchedPrefix()).as("no match: prefix / so /foo becomes /v1foo").isEqualTo("/");
    assertThat(prefix.rewrittenPath("/reviews/0?x=1")).isEqualTo("/v1/reviews/0?x=1");
    assertThat(exact.rewrittenPath("/health")).isEqualTo("/ready");
    assertThat(none.rewrittenPath("/foo")).isEqualTo("/v1foo");
  }

  @Test
  void redirectHasNoDestinations() {
    Decision d =
        reviewsVs(ruleBuilder().redirect(new HttpRedirect("/v2", "other", null, Pos.UNKNOWN)))
            .resolve(reviews());
    assertThat(d.outcome()).isEqualTo(Outcome.REDIRECT);
    assertThat(d.destinations()).isEmpty();
    assertThat(d.redirect().uri()).isEqualTo("/v2");
  }

  @Test
  void headerOperationsAndCorsAreCarriedAtRuleAndDestinationLevel() {
    Headers ruleOps =
        new Headers(
            new Headers.Operations(Map.of("test", "true"), null, null),
            new Headers.Operations(null, null, List.of("foo")));
    Headers destOps =
        new Headers(null, new Headers.Operations(Map.of("x-served-by", "reviews-v1"), null, null));
    Map<String, Object> cors =
        map("allowOrigins", List.of(map("exact", "https://example.com")), "maxAge", "24h");
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    ruleBuilder()
                        .headers(ruleOps)
                        .cors(cors)
                        .route(
                            new dev.trafficlab.mesh.model.HttpRouteDestination(
                                new dev.trafficlab.mesh.model.Destination(
                                    "reviews", "v1", null, Pos.UNKNOWN),
                                null,
                                destOps,
                                Pos.UNKNOWN))
                        .build()))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.headers()).isEqualTo(ruleOps);
    assertThat(d.destinations().get(0).headers()).isEqualTo(destOps);
    assertThat(d.corsPolicy()).isEqualTo(cors);
  }

  @Test
  void subsetPolicyReplacesTopLevelPerFieldGroupAndPortLevelSettingsApply() {
    Map<String, Object> top =
        map(
            "loadBalancer",
            map("simple", "RANDOM"),
            "connectionPool",
            map("tcp", map("maxConnections", 1)),
            "tls",
            map("mode", "ISTIO_MUTUAL"));
    RouteTable t =
        Mesh.bookinfo()
            .dr(
                "reviews",
                drSpec(
                    "reviews",
                    top,
                    subset("v1", map("loadBalancer", map("simple", "LEAST_CONN"))),
                    subset(
                        "v2",
                        map(
                            "portLevelSettings",
                            List.of(
                                map(
                                    "port",
                                    map("number", 9080),
                                    "connectionPool",
                                    map("http", map("http1MaxPendingRequests", 1))))))))
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(Mesh.weighted("reviews", "v1", 50), Mesh.weighted("reviews", "v2", 50))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.destinations().get(0).trafficPolicy())
        .isEqualTo(
            map(
                "connectionPool",
                map("tcp", map("maxConnections", 1)),
                "loadBalancer",
                map("simple", "LEAST_CONN"),
                "tls",
                map("mode", "ISTIO_MUTUAL")));
    assertThat(d.destinations().get(0).loadBalancer()).isEqualTo("LEAST_CONN");
    assertThat(d.destinations().get(1).trafficPolicy())
        .as("port level replaces all four groups")
        .isEqualTo(map("connectionPool", map("http", map("http1MaxPendingRequests", 1))));
    assertThat(d.trafficPolicy()).isEqualTo(d.destinations().get(0).trafficPolicy());
  }

  @Test
  void methodAuthoritySchemeAndIgnoreUriCaseMatch() {
    RouteTable t =
        reviewsVs(
            ruleBuilder()
                .match(match().method(StringMatch.exact("POST")).build())
                .route(dest("reviews", "v2")),
            ruleBuilder()
                .match(match().authority(StringMatch.prefix("reviews.default")).build())
                .route(dest("reviews", "v3")),
            ruleBuilder()
                .match(match().uri(StringMatch.prefix("/ADMIN")).ignoreUriCase().build())
                .route(dest("reviews", "v2")),
            ruleBuilder()
                .match(match().scheme(StringMatch.exact("https")).build())
                .route(dest("reviews", "v3")),
            ruleBuilder().route(dest("reviews", "v1")));
    assertThat(
            subsetOf(
                t.resolve(
                    new RouteRequest("productpage-v1", "reviews", 9080, "POST", "/", Map.of()))))
        .isEqualTo("v2");
    assertThat(
            subsetOf(
                t.resolve(
                    new RouteRequest("productpage-v1", "reviews", 9080, "post", "/", Map.of()))))
        .as("method values are case-sensitive")
        .isEqualTo("v1");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews.default:9080", "/"))))
        .isEqualTo("v3");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/admin/x")))).isEqualTo("v2");
    assertThat(
            subsetOf(
                t.resolve(get("productpage-v1", "reviews", "/", "x-forwarded-proto", "https"))))
        .isEqualTo("v3");
  }

  @Test
  void queryParamsExactRegexAndOneEightPrefixAsPresence() {
    RouteTable t =
        reviewsVs(
            ruleBuilder()
                .match(match().query("u", StringMatch.exact("test")).build())
                .route(dest("reviews", "v2")),
            ruleBuilder()
                .match(match().query("id", StringMatch.regex("[0-9]+")).build())
                .route(dest("reviews", "v3")),
            ruleBuilder()
                .match(match().query("p", StringMatch.prefix("abc")).build())
                .route(dest("reviews", "v2")),
            ruleBuilder().route(dest("reviews", "v1")));
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?u=test")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?u=test2")))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?a=1&id=42"))))
        .isEqualTo("v3");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?id=4x")))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?p=zzz"))))
        .as("1.8: prefix = presence")
        .isEqualTo("v2");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r")))).isEqualTo("v1");
  }

  @Test
  void currentIstioTranslatesQueryParamPrefix() {
    RouteTable t =
        Mesh.bookinfo()
            .profile(dev.trafficlab.mesh.model.IstioProfile.CURRENT)
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    ruleBuilder()
                        .match(match().query("p", StringMatch.prefix("abc")).build())
                        .route(dest("reviews", "v2"))
                        .build(),
                    rule(dest("reviews", "v1"))))
            .table();
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?p=abcd")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/r?p=zzz")))).isEqualTo("v1");
  }

  @Test
  void headerPresenceAndPrefixMatchers() {
    RouteTable t =
        reviewsVs(
            ruleBuilder()
                .match(match().header("x-canary", Mesh.PRESENT).build())
                .route(dest("reviews", "v3")),
            ruleBuilder()
                .match(match().header("user-agent", StringMatch.prefix("Mozilla")).build())
                .route(dest("reviews", "v2")),
            ruleBuilder().route(dest("reviews", "v1")));
    assertThat(subsetOf(t.resolve(reviews("X-Canary", "")))).isEqualTo("v3");
    assertThat(subsetOf(t.resolve(reviews("user-agent", "Mozilla/5.0")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(reviews("user-agent", "curl")))).isEqualTo("v1");
  }

  @Test
  void sourceLabelsAndSourceNamespaceSelectTheClientProxyAtBuildTime() {
    RouteTable t =
        reviewsVs(
            ruleBuilder()
                .match(match().sourceLabel("app", "productpage").build())
                .route(dest("reviews", "v3")),
            ruleBuilder()
                .match(match().sourceNamespace("foo").build())
                .route(dest("reviews", "v2")),
            ruleBuilder().route(dest("reviews", "v1")));
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v3");
    assertThat(subsetOf(t.resolve(get("ratings-v1", "reviews", "/reviews/0")))).isEqualTo("v1");
    assertThat(t.proxyConfig("ratings-v1").orElseThrow().routeConfig("9080").virtualHosts())
        .filteredOn(v -> v.name().startsWith("reviews"))
        .singleElement()
        .satisfies(v -> assertThat(v.routes()).hasSize(1));
  }

  @Test
  void aVirtualServiceWithNoRouteForThisProxyIsDiscardedAndTheDefaultRouteApplies() {
    RouteTable t =
        reviewsVs(
            ruleBuilder()
                .match(match().sourceLabel("app", "productpage").build())
                .route(dest("reviews", "v3")));
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v3");
    Decision fromRatings = t.resolve(get("ratings-v1", "reviews", "/reviews/0"));
    assertThat(fromRatings.outcome())
        .as("no 404: the VS is dropped for this proxy")
        .isEqualTo(Outcome.ROUTE);
    assertThat(fromRatings.virtualService()).isNull();
    assertThat(fromRatings.destinations().get(0).endpoints()).hasSize(3);
  }

  @Test
  void whenTheOlderVirtualServiceYieldsNoRouteForAProxyTheNextOneClaimsTheHost() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews-pp",
                vsSpec(
                    "reviews",
                    ruleBuilder()
                        .match(match().sourceLabel("app", "productpage").build())
                        .route(dest("reviews", "v3"))
                        .build()))
            .vs("reviews-all", vsSpec("reviews", rule(dest("reviews", "v2"))))
            .table();
    assertThat(t.resolve(reviews()).virtualService()).isEqualTo("reviews-pp.default");
    assertThat(t.resolve(get("ratings-v1", "reviews", "/reviews/0")).virtualService())
        .isEqualTo("reviews-all.default");
  }

  @Test
  void portMatchKeepsARuleOnlyInThatPortsRouteConfig() {
    RouteTable t =
        reviewsVs(
            ruleBuilder().match(match().port(8080).build()).route(dest("reviews", "v3")),
            ruleBuilder().route(dest("reviews", "v1")));
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v1");
  }

  @Test
  void matchLevelGatewaysRestrictARuleOfAMeshAndGatewayService() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .bookinfoGateway()
            .vs(
                "productpage",
                Mesh.gatewayVs(
                    List.of("productpage"),
                    List.of("mesh", "bookinfo-gateway"),
                    ruleBuilder()
                        .match(match().gateway("bookinfo-gateway").build())
                        .route(dest("productpage", "v1"))
                        .build(),
                    rule(dest("productpage", null))))
            .table();
    Decision mesh = t.resolve(get("reviews-v1", "productpage", "/productpage"));
    assertThat(mesh.rule()).isEqualTo(1);
    Decision ingress =
        t.resolve(
            new RouteRequest(
                "istio-ingressgateway",
                "productpage.default.svc.cluster.local",
                80,
                "GET",
                "/",
                Map.of()));
    assertThat(ingress.virtualService()).isEqualTo("productpage.default");
    assertThat(ingress.rule()).isZero();
  }

  @Test
  void delegateRulesAreMergedUnderTheRootMatch() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    ruleBuilder()
                        .match(match().uri(StringMatch.prefix("/reviews")).build())
                        .timeoutMs(1000)
                        .delegate("reviews-delegate", null)
                        .build(),
                    rule(dest("reviews", "v1"))))
            .vs(
                "reviews-delegate",
                vsSpec(
                    List.of(),
                    ruleBuilder()
                        .match(match().uri(StringMatch.exact("/reviews/0")).build())
                        .route(dest("reviews", "v2"))
                        .build(),
                    ruleBuilder()
                        .match(match().uri(StringMatch.prefix("/other")).build())
                        .route(dest("reviews", "v3"))
                        .build(),
                    rule(dest("reviews", "v3"))))
            .table();
    Decision zero = t.resolve(reviews());
    assertThat(subsetOf(zero)).isEqualTo("v2");
    assertThat(zero.virtualService()).isEqualTo("reviews.default");
    assertThat(zero.timeoutMs()).as("inherited from the root rule").isEqualTo(1000);
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/1")))).isEqualTo("v3");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/other"))))
        .as("outside the root's prefix")
        .isEqualTo("v1");
  }

  @Test
  void aDelegateRuleWithOneMatchOutsideTheRootIsDroppedWhole() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    ruleBuilder()
                        .match(match().uri(StringMatch.prefix("/reviews")).build())
                        .delegate("reviews-delegate", null)
                        .build(),
                    rule(dest("reviews", "v1"))))
            .vs(
                "reviews-delegate",
                vsSpec(
                    List.of(),
                    ruleBuilder()
                        .match(
                            match().uri(StringMatch.exact("/reviews/0")).build(),
                            match().uri(StringMatch.prefix("/other")).build())
                        .route(dest("reviews", "v2"))
                        .build(),
                    ruleBuilder()
                        .match(
                            match()
                                .uri(StringMatch.prefix("/reviews/1"))
                                .sourceNamespace("")
                                .build())
                        .route(dest("reviews", "v3"))
                        .build()))
            .table();
    // virtualservice.go mergeHTTPMatchRequests: "/other" fits no root match, so the whole first
    // rule conflicts
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/1")))).isEqualTo("v3");
  }

  @Test
  void gatewayVirtualServicesForTheSameHostAreMerged() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .bookinfoGateway()
            .vs(
                "extra",
                Mesh.gatewayVs(
                    List.of("*"),
                    List.of("bookinfo-gateway"),
                    ruleBuilder()
                        .match(match().uri(StringMatch.prefix("/reviews")).build())
                        .route(dest("reviews", "v2"))
                        .build()))
            .table();
    Decision d =
        t.resolve(
            new RouteRequest(
                "istio-ingressgateway", "example.com", null, "GET", "/reviews/0", Map.of()));
    assertThat(d.virtualService()).isEqualTo("extra.default");
    assertThat(subsetOf(d)).isEqualTo("v2");
  }

  @Test
  void severalFailingDestinationsAreRouteUnlessAllFailTheSameWay() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(Mesh.weighted("reviews", "v1", 50), Mesh.weighted("reviews", "v9", 50))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.outcome()).isEqualTo(Outcome.ROUTE);
    assertThat(d.destinations())
        .extracting(ClusterTarget::status)
        .containsExactly(Outcome.ROUTE, Outcome.CLUSTER_NOT_FOUND);
    assertThat(d.pick(() -> 0.99).subset()).isEqualTo("v9");
  }
}
