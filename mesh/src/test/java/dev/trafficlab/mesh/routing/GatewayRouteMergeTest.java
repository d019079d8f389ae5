package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.match;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How 1.8.1 builds an ingress gateway's routes from several VirtualServices (gateway.go
 * buildGatewayHTTPRouteConfig, push_context.go VirtualServicesForGateway, route.go
 * CombineVHostRoutes).
 */
class GatewayRouteMergeTest {

  private static Decision ingress(RouteTable t, String path) {
    return t.resolve(
        new RouteRequest("istio-ingressgateway", "bookinfo.example", 80, "GET", path, Map.of()));
  }

  @Test
  void anOlderVirtualServicesCatchAllRouteMovesBehindANewerOnesRoutes() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .bookinfoGateway()
            .vs(
                "everything",
                Mesh.gatewayVs(
                    List.of("bookinfo.example"),
                    List.of("bookinfo-gateway"),
                    rule(dest("productpage", "v1"))))
            .vs(
                "details-api",
                Mesh.gatewayVs(
                    List.of("bookinfo.example"),
                    List.of("bookinfo-gateway"),
                    rule(
                        List.of(match().uri(StringMatch.prefix("/details")).build()),
                        dest("details", "v1"))))
            .table();
    assertThat(ingress(t, "/details/0").virtualService()).isEqualTo("details-api.default");
    assertThat(ingress(t, "/productpage").virtualService()).isEqualTo("everything.default");
  }

  @Test
  void aVirtualServiceExportedOnlyToItsNamespaceIsNotSeenByTheIngressInIstioSystem() {
    RouteTable t =
        Mesh.bookinfo()
            .destinationRuleAll()
            .bookinfoGateway()
            .vs(
                "private",
                new VirtualServiceSpec(
                    List.of("bookinfo.example"),
                    List.of("bookinfo-gateway"),
                    List.of(rule(dest("details", "v1"))),
                    null,
                    null,
                    List.of("."),
                    Pos.UNKNOWN))
            .vs(
                "exported",
                new VirtualServiceSpec(
                    List.of("other.example"),
                    List.of("bookinfo-gateway"),
                    List.of(rule(dest("details", "v1"))),
                    null,
                    null,
                    List.of("istio-system"),
                    Pos.UNKNOWN))
            .table();
    assertThat(ingress(t, "/details/0").outcome()).isEqualTo(Outcome.NO_ROUTE);
    assertThat(
            t.resolve(
                    new RouteRequest(
                        "istio-ingressgateway", "other.example", 80, "GET", "/", Map.of()))
                .virtualService())
        .isEqualTo("exported.default");
  }
}
