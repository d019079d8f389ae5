package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.drSpec;
import static dev.trafficlab.mesh.routing.Mesh.endUser;
import static dev.trafficlab.mesh.routing.Mesh.map;
import static dev.trafficlab.mesh.routing.Mesh.match;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static dev.trafficlab.mesh.routing.Mesh.ruleBuilder;
import static dev.trafficlab.mesh.routing.Mesh.subset;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static dev.trafficlab.mesh.routing.Mesh.weighted;
import static dev.trafficlab.mesh.routing.Requests.get;
import static dev.trafficlab.mesh.routing.Requests.ratingsFrom;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static dev.trafficlab.mesh.routing.Requests.subsetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One test per trap of istio-semantics.md section 6 that route resolution decides (numbers in the
 * names).
 */
class RoutingTrapsTest {

  @Test
  void trap01_rulesAfterAMatchlessRuleAreDroppedAndFirstMatchWins() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(dest("reviews", "v1")),
                    rule(List.of(endUser("jason")), dest("reviews", "v2"))))
            .table();
    Decision d = t.resolve(reviews("end-user", "jason"));
    assertThat(subsetOf(d)).isEqualTo("v1");
    assertThat(d.rule()).isZero();
    assertThat(
            t.routeConfigs("productpage-v1").stream()
                .filter(rc -> rc.name().equals("9080"))
                .findFirst()
                .orElseThrow()
                .virtualHosts()
                .stream()
                .filter(v -> v.name().startsWith("reviews."))
                .findFirst()
                .orElseThrow()
                .routes())
        .hasSize(1);
  }

  @Test
  void trap01_matchEntriesAreOredAndFieldsAnded() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        List.of(
                            match()
                                .header("end-user", StringMatch.exact("jason"))
                                .uri(StringMatch.prefix("/reviews/1"))
                                .build(),
                            match().uri(StringMatch.exact("/reviews/2")).build()),
                        dest("reviews", "v2")),
                    rule(dest("reviews", "v1"))))
            .table();
    assertThat(
            subsetOf(
                t.resolve(get("productpage-v1", "reviews", "/reviews/1", "end-user", "jason"))))
        .isEqualTo("v2");
    assertThat(
            subsetOf(
                t.resolve(get("productpage-v1", "reviews", "/reviews/0", "end-user", "jason"))))
        .as("header alone is not enough: fields are ANDed")
        .isEqualTo("v1");
    Decision second = t.resolve(get("productpage-v1", "reviews", "/reviews/2"));
    assertThat(subsetOf(second)).isEqualTo("v2");
    assertThat(second.match()).isEqualTo(1);
  }

  @Test
  void trap01_prefixSlashMatchIsACatchAllThatDropsLaterRules() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        List.of(match().uri(StringMatch.prefix("/")).build()),
                        dest("reviews", "v3")),
                    rule(List.of(endUser("jason")), dest("reviews", "v2"))))
            .table();
    assertThat(subsetOf(t.resolve(reviews("end-user", "jason")))).isEqualTo("v3");
  }

  @Test
  void trap01_prefixSlashWithAMethodPortOrAuthorityIsNoCatchAll() {
    for (Mesh.Match m :
        List.of(
            match().method(StringMatch.exact("POST")),
            match().port(9080),
            match().authority(StringMatch.exact("reviews")),
            match().scheme(StringMatch.exact("https")),
            match().sourceNamespace("default"))) {
      RouteTable t =
          Mesh.bookinfo()
              .destinationRuleAll()
              .vs(
                  "reviews",
                  vsSpec(
                      "reviews",
                      rule(List.of(m.uri(StringMatch.prefix("/")).build()), dest("reviews", "v3")),
                      rule(dest("reviews", "v1"))))
              .table();
      Decision d =
          t.resolve(
              get("productpage-v1", "reviews:9080", "/reviews/0", "x-forwarded-proto", "http"));
      assertThat(d.rule()).as("1.8.1 isCatchAllMatch keeps the next rule").isNotNull();
      assertThat(
              t.routeConfigs("productpage-v1").stream()
                  .filter(rc -> rc.name().equals("9080"))
                  .findFirst()
                  .orElseThrow()
                  .virtualHosts()
                  .stream()
                  .filter(v -> v.name().startsWith("reviews."))
                  .findFirst()
                  .orElseThrow()
                  .routes())
          .hasSize(2);
    }
  }

  @Test
  void trap02_regexIsAnRe2FullMatch() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        List.of(match().header("end-user", StringMatch.regex("jas")).build()),
                        dest("reviews", "v3")),
                    rule(
                        List.of(match().header("end-user", StringMatch.regex("jas.*")).build()),
                        dest("reviews", "v2")),
                    rule(dest("reviews", "v1"))))
            .table();
    assertThat(subsetOf(t.resolve(reviews("end-user", "jason")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(reviews("end-user", "jas")))).isEqualTo("v3");
    assertThat(subsetOf(t.resolve(reviews("end-user", "xjason")))).isEqualTo("v1");
  }

  @Test
  void trap02_prefixIsARawStringPrefixAndUriIgnoresTheQuery() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        List.of(match().uri(StringMatch.exact("/reviews/0")).build()),
                        dest("reviews", "v3")),
                    rule(
                        List.of(match().uri(StringMatch.prefix("/review")).build()),
                        dest("reviews", "v2")),
                    rule(dest("reviews", "v1"))))
            .table();
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/0?foo=bar"))))
        .isEqualTo("v3");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/0/"))))
        .isEqualTo("v2");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/1")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/health")))).isEqualTo("v1");
  }

  @Test
  void trap03_headerNamesAreCaseInsensitiveButValuesAreNot() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        List.of(match().header("End-User", StringMatch.exact("jason")).build()),
                        dest("reviews", "v2")),
                    rule(dest("reviews", "v1"))))
            .table();
    assertThat(subsetOf(t.resolve(reviews("END-USER", "jason")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(reviews("end-user", "jason")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(reviews("end-user", "Jason")))).isEqualTo("v1");
  }

  @Test
  void trap04_weightsSplitTrafficAndALoneDestinationsWeightIsIgnored() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        weighted("reviews", "v1", 0),
                        weighted("reviews", "v2", 50),
                        weighted("reviews", "v3", 50))))
            .vs("ratings", vsSpec("ratings", rule(weighted("ratings", "v1", 0))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.destinations()).extracting(ClusterTarget::subset).containsExactly("v2", "v3");
    assertThat(d.destinations()).extracting(ClusterTarget::weight).containsExactly(50, 50);
    Decision lone = t.resolve(ratingsFrom("reviews-v2"));
    assertThat(lone.destinations())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.weight()).isEqualTo(100);
              assertThat(c.subset()).isEqualTo("v1");
            });
  }

  @Test
  void trap04_fiftyFiftyLandsWithinFivePercentOverAThousandSeededPicks() {
    Decision d =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews", rule(weighted("reviews", "v1", 50), weighted("reviews", "v3", 50))))
            .table()
            .resolve(reviews());
    Random random = new Random(42);
    int v1 = 0;
    for (int i = 0; i < 1000; i++) {
      if (d.pick(random::nextDouble).subset().equals("v1")) {
        v1++;
      }
    }
    assertThat(v1).isBetween(450, 550);
  }

  @Test
  void trap04_currentIstioKeepsRelativeWeightsWhileOneEightRequiresHundred() {
    Decision d =
        Mesh.bookinfo()
            .profile(IstioProfile.CURRENT)
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec("reviews", rule(weighted("reviews", "v1", 1), weighted("reviews", "v3", 3))))
            .table()
            .resolve(reviews());
    assertThat(d.destinations()).extracting(ClusterTarget::weight).containsExactly(1, 3);
    assertThat(d.pick(() -> 0.3).subset()).isEqualTo("v3");
  }

  @Test
  void trap05_undefinedSubsetIsClusterNotFoundAndPodlessSubsetIsNoHealthyUpstream() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v4"))))
            .vs("ratings", vsSpec("ratings", rule(dest("ratings", "v2"))))
            .table();
    Decision nc = t.resolve(reviews());
    assertThat(nc.outcome()).isEqualTo(Outcome.CLUSTER_NOT_FOUND);
    assertThat(nc.destinations().get(0).cluster())
        .isEqualTo("outbound|9080|v4|reviews.default.svc.cluster.local");
    Decision uh = t.resolve(ratingsFrom("reviews-v3"));
    assertThat(uh.outcome()).isEqualTo(Outcome.NO_HEALTHY_UPSTREAM);
    assertThat(uh.destinations().get(0).endpoints()).isEmpty();
  }

  @Test
  void trap05_aDestinationRuleAloneNeverChangesRouting() {
    Decision d = Mesh.bookinfo().destinationRuleAll().table().resolve(reviews());
    assertThat(d.virtualService()).isNull();
    assertThat(d.destinations())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cluster()).isEqualTo("outbound|9080||reviews.default.svc.cluster.local");
              assertThat(c.endpoints())
                  .extracting(p -> p.version())
                  .containsExactlyInAnyOrder("v1", "v2", "v3");
            });
  }

  @Test
  void trap06_faultsWithoutPercentageInjectNothingAndDelayPercentIsHonoured() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "ratings",
                vsSpec(
                    "ratings",
                    ruleBuilder()
                        .match(endUser("jason"))
                        .abort(500, null)
                        .delay(7000L, null, null)
                        .route(dest("ratings", "v1"))
                        .build(),
                    ruleBuilder()
                        .match(endUser("bob"))
                        .delay(2000L, null, 50)
                        .route(dest("ratings", "v1"))
                        .build(),
                    ruleBuilder().abort(500, 100.0).route(dest("ratings", "v1")).build()))
            .table();
    assertThat(t.resolve(ratingsFrom("reviews-v2", "end-user", "jason")).fault()).isNull();
    FaultPolicy bob = t.resolve(ratingsFrom("reviews-v2", "end-user", "bob")).fault();
    assertThat(bob.delay()).isEqualTo(new FaultPolicy.Delay(2000, 50.0));
    assertThat(bob.abort()).isNull();
    assertThat(t.resolve(ratingsFrom("reviews-v2")).fault().abort())
        .isEqualTo(new FaultPolicy.Abort(500, 100.0));
  }

  @Test
  void trap07_faultsBelongToTheCallersRouteSoReviewsSeesTheRatingsDelay() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "ratings",
                vsSpec(
                    "ratings",
                    ruleBuilder()
                        .match(endUser("jason"))
                        .delay(7000L, 100.0, null)
                        .route(dest("ratings", "v1"))
                        .build(),
                    rule(dest("ratings", "v1"))))
            .table();
    Decision fromReviews = t.resolve(ratingsFrom("reviews-v2", "end-user", "jason"));
    assertThat(fromReviews.fault().delay()).isEqualTo(new FaultPolicy.Delay(7000, 100.0));
    assertThat(t.resolve(ratingsFrom("reviews-v2")).fault())
        .as("without end-user (only forwarded because reviews propagates it) nothing is injected")
        .isNull();
    assertThat(t.resolve(reviews("end-user", "jason")).fault())
        .as("productpage's reviews route has no fault")
        .isNull();
  }

  @Test
  void trap08_meshRoutesAddNoTimeoutSoTheApplicationsOwnTimeoutsDecide() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v2"))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.timeoutMs()).isZero();
    assertThat(d.fault()).isNull();
  }

  @Test
  void trap09_timeoutsAreOffByDefaultAndTheDefaultRetryIsTwoAttemptsOn503() {
    Decision d =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v1"))))
            .table()
            .resolve(reviews());
    assertThat(d.timeoutMs()).isZero();
    assertThat(d.retries())
        .isEqualTo(
            new RetryPolicy(
                2,
                "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                List.of(503),
                0));
    Decision current = Mesh.bookinfo().profile(IstioProfile.CURRENT).table().resolve(reviews());
    assertThat(current.retries().retriableStatusCodes()).isEmpty();
  }

  @Test
  void trap10_shortHostsResolveInTheVirtualServicesNamespaceAndDottedNamesAreNotExpanded() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .namespace("foo")
            .vs("foo", "reviews-foo", vsSpec("reviews", rule(dest("reviews", "v3"))))
            .vs("reviews-dotted", vsSpec("reviews.default", rule(dest("reviews", "v2"))))
            .vs("ratings", vsSpec("ratings", rule(dest("ratings.default", "v1"))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.virtualService())
        .as("neither reviews.foo nor the unexpanded reviews.default applies")
        .isNull();
    Decision nc = t.resolve(ratingsFrom("reviews-v2"));
    assertThat(nc.outcome()).isEqualTo(Outcome.CLUSTER_NOT_FOUND);
    assertThat(nc.destinations().get(0).cluster()).isEqualTo("outbound|9080|v1|ratings.default");
  }

  @Test
  void trap11_gatewayBoundVirtualServicesDoNotAffectMeshTrafficAndViceVersa() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .bookinfoGateway()
            .vs(
                "reviews-gw",
                Mesh.gatewayVs(
                    List.of("reviews"), List.of("bookinfo-gateway"), rule(dest("reviews", "v3"))))
            .vs(
                "productpage",
                vsSpec(
                    "productpage",
                    rule(
                        List.of(match().uri(StringMatch.exact("/nothing")).build()),
                        dest("productpage", "v1"))))
            .table();
    assertThat(t.resolve(reviews()).virtualService()).isNull();
    Decision ingress =
        t.resolve(
            new RouteRequest(
                "istio-ingressgateway", "localhost:8080", null, "GET", "/productpage", Map.of()));
    assertThat(ingress.virtualService()).isEqualTo("bookinfo.default");
    assertThat(ingress.destinations().get(0).cluster())
        .isEqualTo("outbound|9080||productpage.default.svc.cluster.local");
    assertThat(
            t.resolve(
                    new RouteRequest(
                        "istio-ingressgateway", "localhost", 80, "GET", "/other", Map.of()))
                .outcome())
        .isEqualTo(Outcome.NO_ROUTE);
  }

  @Test
  void trap12_twoMeshVirtualServicesForOneHostTheOldestWinsWithoutMerge() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec("reviews", rule(List.of(endUser("jason")), dest("reviews", "v2"))))
            .vs(
                "reviews-all",
                vsSpec("reviews.default.svc.cluster.local", rule(dest("reviews", "v3"))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.outcome())
        .as("the newer catch-all VS is dropped, not merged")
        .isEqualTo(Outcome.NO_ROUTE);
    assertThat(subsetOf(t.resolve(reviews("end-user", "jason")))).isEqualTo("v2");
  }

  @Test
  void trap12_withEqualCreationTimesTheLexicallyFirstNameDotNamespaceWins() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .freezeClock()
            .vs("reviews-b", vsSpec("reviews", rule(dest("reviews", "v3"))))
            .vs("reviews-a", vsSpec("reviews", rule(dest("reviews", "v2"))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.virtualService()).isEqualTo("reviews-a.default");
    assertThat(subsetOf(d)).isEqualTo("v2");
  }

  @Test
  void trap12_twoDestinationRulesForOneHostAreMergedFirstSubsetWins() {
    RouteTable t =
        Mesh.bookinfo()
            .dr(
                "reviews-a",
                drSpec("reviews", map("loadBalancer", map("simple", "RANDOM")), subset("v1")))
            .dr(
                "reviews-b",
                drSpec(
                    "reviews",
                    map("loadBalancer", map("simple", "LEAST_CONN")),
                    new dev.trafficlab.mesh.model.DestinationRuleSpec.Subset(
                        "v1", Map.of("version", "v2"), null, dev.trafficlab.mesh.model.Pos.UNKNOWN),
                    subset("v3")))
            .vs(
                "reviews",
                vsSpec(
                    "reviews", rule(weighted("reviews", "v1", 50), weighted("reviews", "v3", 50))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.outcome()).isEqualTo(Outcome.ROUTE);
    ClusterTarget v1 = d.destinations().get(0);
    assertThat(v1.endpoints()).extracting(p -> p.version()).containsExactly("v1");
    assertThat(v1.trafficPolicy()).isEqualTo(map("loadBalancer", map("simple", "RANDOM")));
    assertThat(d.destinations().get(1).status()).isEqualTo(Outcome.ROUTE);
  }

  @Test
  void trap14_aVirtualServiceWithoutHostsRoutesNothingOnItsOwn() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs("delegate", vsSpec(List.of(), rule(dest("reviews", "v3"))))
            .table();
    assertThat(t.resolve(reviews()).virtualService()).isNull();
  }

  @Test
  void trap15_withoutHeadersValueMatcherDoesNotMatchAMissingHeaderIn18() {
    Mesh mesh18 = withoutJason(Mesh.bookinfo());
    RouteTable t = mesh18.table();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(reviews("end-user", "bob")))).isEqualTo("v2");
    assertThat(subsetOf(t.resolve(reviews("end-user", "jason")))).isEqualTo("v1");
    RouteTable current = withoutJason(Mesh.bookinfo().profile(IstioProfile.CURRENT)).table();
    assertThat(subsetOf(current.resolve(reviews()))).isEqualTo("v2");
  }

  @Test
  void trap15_withoutHeadersPresenceMatcherMatchesAMissingHeader() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    rule(
                        List.of(match().withoutHeader("end-user", Mesh.PRESENT).build()),
                        dest("reviews", "v1")),
                    rule(dest("reviews", "v2"))))
            .table();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(reviews("end-user", "x")))).isEqualTo("v2");
  }

  private static Mesh withoutJason(Mesh m) {
    return m.destinationRuleAll()
        .vs(
            "reviews",
            vsSpec(
                "reviews",
                rule(
                    List.of(match().withoutHeader("end-user", StringMatch.exact("jason")).build()),
                    dest("reviews", "v2")),
                rule(dest("reviews", "v1"))));
  }

  @Test
  void trap16_deprecatedConsecutiveErrorsIsNotPartOfTheEffectivePolicy() {
    Decision d =
        Mesh.bookinfo()
            .dr(
                "reviews",
                drSpec(
                    "reviews",
                    map("outlierDetection", map("consecutiveErrors", 1, "interval", "1s")),
                    subset("v1")))
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v1"))))
            .table()
            .resolve(reviews());
    assertThat(d.trafficPolicy()).isEqualTo(map("outlierDetection", map("interval", "1s")));
  }
}
