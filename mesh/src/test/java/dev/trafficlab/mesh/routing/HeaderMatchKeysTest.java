package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.match;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static dev.trafficlab.mesh.routing.Requests.get;
import static dev.trafficlab.mesh.routing.Requests.subsetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.StringMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Header match keys as Istio 1.8.1 translates them (route.go translateRouteMatch): every key of
 * {@code headers} is an Envoy header matcher, a key such as {@code uri} included, and a {@code
 * :}-key reaches the pseudo-header.
 */
class HeaderMatchKeysTest {

  private static RouteTable tableWith(Mesh.Match m) {
    return Mesh.bookinfo()
        .destinationRuleAll()
        .vs(
            "reviews",
            vsSpec(
                "reviews",
                rule(List.of(m.build()), dest("reviews", "v2")),
                rule(dest("reviews", "v1"))))
        .table();
  }

  @Test
  void aHeaderKeyNamedUriMatchesARequestHeaderNamedUriNotThePath() {
    RouteTable t = tableWith(match().header("uri", StringMatch.exact("/reviews/0")));
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/0")))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/x", "uri", "/reviews/0"))))
        .isEqualTo("v2");
  }

  @Test
  void aHeaderKeyNamedMethodIsAnOrdinaryHeaderToo() {
    RouteTable t = tableWith(match().header("method", StringMatch.exact("GET")));
    assertThat(subsetOf(t.resolve(get("productpage-v1", "reviews", "/reviews/0")))).isEqualTo("v1");
  }

  @Test
  void colonKeysMatchThePseudoHeadersWithPathKeepingItsQuery() {
    assertThat(
            subsetOf(
                tableWith(match().header(":authority", StringMatch.prefix("reviews")))
                    .resolve(get("productpage-v1", "reviews:9080", "/reviews/0"))))
        .isEqualTo("v2");
    assertThat(
            subsetOf(
                tableWith(match().header(":path", StringMatch.exact("/reviews/0?x=1")))
                    .resolve(get("productpage-v1", "reviews", "/reviews/0?x=1"))))
        .isEqualTo("v2");
    assertThat(
            subsetOf(
                tableWith(match().withoutHeader(":method", StringMatch.exact("GET")))
                    .resolve(get("productpage-v1", "reviews", "/reviews/0"))))
        .isEqualTo("v1");
  }

  @Test
  void theProxyConfigViewListsHeadersSortedThenMethodAuthorityScheme() {
    RouteTable t =
        tableWith(
            match()
                .header("x-b", StringMatch.exact("1"))
                .header("uri", StringMatch.exact("/u"))
                .withoutHeader("a", StringMatch.exact("2"))
                .scheme(StringMatch.exact("http"))
                .authority(StringMatch.prefix("rev"))
                .method(StringMatch.exact("GET")));
    ProxyConfig.Route route =
        t.routeConfigs("productpage-v1").stream()
            .filter(rc -> rc.name().equals("9080"))
            .findFirst()
            .orElseThrow()
            .virtualHosts()
            .stream()
            .filter(v -> v.name().startsWith("reviews."))
            .findFirst()
            .orElseThrow()
            .routes()
            .get(0);
    assertThat(route.match().headers())
        .extracting(ProxyConfig.HeaderMatch::name)
        .containsExactly("a", "uri", "x-b", ":method", ":authority", ":scheme");
  }
}
