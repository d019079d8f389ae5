package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.drSpec;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static dev.trafficlab.mesh.routing.Mesh.subset;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which DestinationRule a proxy uses, as 1.8.1's push_context.go DestinationRule picks it. */
class DestinationRuleLookupTest {

  @Test
  void theMostSpecificWildcardHostWinsAndIsNotMergedWithWiderOnes() {
    RouteTable t =
        Mesh.bookinfo()
            .dr("all-services", drSpec("*.svc.cluster.local", null, subset("v1")))
            .dr("default-services", drSpec("*.default.svc.cluster.local", null, subset("v2")))
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v1"))))
            .table();
    assertThat(t.resolve(reviews()).outcome())
        .as("v1 is only in the wider DR")
        .isEqualTo(Outcome.CLUSTER_NOT_FOUND);
  }

  @Test
  void theIngressInTheRootNamespaceUsesTheServicesNamespaceBeforeItsOwnPublicRules() {
    RouteTable t =
        Mesh.bookinfo()
            .bookinfoGateway()
            .dr(
                "istio-system",
                "reviews-root",
                drSpec("reviews.default.svc.cluster.local", null, subset("canary")))
            .dr("reviews", drSpec("reviews", null, subset("v1")))
            .vs(
                "reviews-edge",
                Mesh.gatewayVs(
                    List.of("reviews.example"),
                    List.of("bookinfo-gateway"),
                    rule(dest("reviews", "v1"))))
            .table();
    Decision d =
        t.resolve(
            new RouteRequest("istio-ingressgateway", "reviews.example", 80, "GET", "/", Map.of()));
    assertThat(d.outcome()).isEqualTo(Outcome.ROUTE);
  }

  @Test
  void anEmptyTrafficPolicyStillCountsAsTheFirstOneSet() {
    RouteTable t =
        Mesh.bookinfo()
            .dr("reviews-a", drSpec("reviews", Map.of(), subset("v1")))
            .dr(
                "reviews-b",
                drSpec("reviews", Map.of("loadBalancer", Map.of("simple", "RANDOM")), subset("v2")))
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v2"))))
            .table();
    Decision d = t.resolve(reviews());
    assertThat(d.outcome()).isEqualTo(Outcome.ROUTE);
    assertThat(d.destinations().get(0).trafficPolicy()).doesNotContainKey("loadBalancer");
  }
}
