package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.match;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static dev.trafficlab.mesh.routing.Mesh.ruleBuilder;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static dev.trafficlab.mesh.routing.Mesh.weighted;
import static dev.trafficlab.mesh.routing.Requests.get;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The origin a compiled route records: which object, rule and match entry, and what the learner
 * reads.
 */
class RouteOriginTest {

  @Test
  void dottedNameKeepsNameAndNamespaceApart() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews.route",
                vsSpec(
                    "reviews",
                    ruleBuilder().match(Mesh.endUser("jason")).route(dest("reviews", "v2")).build(),
                    rule(dest("reviews", "v1"))))
            .table();
    RouteOrigin o = t.resolve(reviews("end-user", "jason")).origin();
    assertThat(o)
        .isEqualTo(
            new RouteOrigin(
                ResourceKind.VIRTUAL_SERVICE,
                "default",
                "reviews.route",
                0,
                0,
                "Rule #0 of VirtualService reviews.route.default, match #0: header end-user exact \"jason\"; all to v2."));
    assertThat(o.displayName()).isEqualTo("reviews.route.default");
  }

  @Test
  void ruleWithoutMatchTakesEveryRequest() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    ruleBuilder().match(Mesh.endUser("jason")).route(dest("reviews", "v2")).build(),
                    ruleBuilder()
                        .route(weighted("reviews", "v1", 80), weighted("reviews", "v3", 20))
                        .build()))
            .table();
    RouteOrigin o = t.resolve(reviews()).origin();
    assertThat(o.rule()).isEqualTo(1);
    assertThat(o.match()).isNull();
    assertThat(o.text())
        .isEqualTo(
            "Rule #1 of VirtualService reviews.default (no match: it takes every request);"
                + " weighted random pick: v1 80%, v3 20%.");
  }

  @Test
  void defaultRouteAndPassthroughHaveNoOrigin() {
    RouteTable t = Mesh.bookinfo().destinationRuleAll().table();
    assertThat(t.resolve(reviews()).origin()).isNull();
    assertThat(t.resolve(get("productpage-v1", "example.com", "/")).origin()).isNull();
  }

  @Test
  void unmatchedRequestNamesTheVirtualServiceWithoutARule() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs(
                "reviews",
                vsSpec(
                    "reviews",
                    ruleBuilder()
                        .match(Mesh.endUser("jason"))
                        .route(dest("reviews", "v2"))
                        .build()))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.outcome()).isEqualTo(Outcome.NO_ROUTE);
    assertThat(d.origin().name()).isEqualTo("reviews");
    assertThat(d.origin().rule()).isNull();
    assertThat(d.origin().text()).contains("No rule of VirtualService reviews.default matches");
  }

  @Test
  void delegatedRuleIsTheRootRuleWithTheMergedMatch() {
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
                        .match(match().uri(StringMatch.exact("/reviews/0")).build())
                        .route(dest("reviews", "v2"))
                        .build()))
            .table();
    RouteOrigin o = t.resolve(get("productpage-v1", "reviews", "/reviews/0")).origin();
    assertThat(o.name()).isEqualTo("reviews");
    assertThat(o.rule()).isZero();
    assertThat(o.text())
        .isEqualTo(
            "Rule #0 of VirtualService reviews.default, match #0: uri exact \"/reviews/0\"; all to v2.");
  }

  @Test
  void proxyConfigViewCarriesTheSameOrigin() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .vs("reviews.route", vsSpec("reviews", rule(dest("reviews", "v1"))))
            .table();
    ProxyConfig.Route route =
        t.routeConfigs("productpage-v1").stream()
            .flatMap(rc -> rc.virtualHosts().stream())
            .filter(vh -> vh.name().startsWith("reviews."))
            .flatMap(vh -> vh.routes().stream())
            .findFirst()
            .orElseThrow();
    assertThat(route.origin()).isSameAs(route.action().origin());
    assertThat(route.virtualService()).isEqualTo("reviews.route.default");
    assertThat(route.origin().name()).isEqualTo("reviews.route");
  }
}
