package dev.trafficlab.mesh.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-only proxy view istioctl proxy-config prints matches what resolution uses. */
class ProxyConfigViewTest {

  private static RouteTable lessonWithTestV2() {
    Mesh m = Mesh.bookinfo();
    for (String f :
        List.of(
            "bookinfo-gateway.yaml",
            "destination-rule-all.yaml",
            "virtual-service-all-v1.yaml",
            "virtual-service-reviews-test-v2.yaml")) {
      SampleFiles.load(m, f);
    }
    return m.table();
  }

  @Test
  void sidecarRouteConfigListsOneVirtualHostPerServiceWithTheVirtualServiceRoutes() {
    ProxyConfig pc = lessonWithTestV2().proxyConfig("productpage-v1").orElseThrow();
    assertThat(pc.proxy()).isEqualTo("productpage-v1-6b746f74dc-mp6tf.default");
    assertThat(pc.gateway()).isFalse();
    assertThat(pc.routeConfigs())
        .extracting(ProxyConfig.RouteConfig::name)
        .contains("9080", "80", "15010");
    ProxyConfig.RouteConfig rc = pc.routeConfig("9080");
    assertThat(rc.virtualHosts())
        .extracting(ProxyConfig.VirtualHost::name)
        .containsExactly(
            "details.default.svc.cluster.local:9080", "productpage.default.svc.cluster.local:9080",
            "ratings.default.svc.cluster.local:9080", "reviews.default.svc.cluster.local:9080");
    ProxyConfig.VirtualHost reviews = rc.virtualHosts().get(3);
    assertThat(reviews.routes()).hasSize(2);
    ProxyConfig.Route jason = reviews.routes().get(0);
    assertThat(jason.virtualService()).isEqualTo("reviews.default");
    assertThat(jason.match().prefix()).isEqualTo("/");
    assertThat(jason.match().headers())
        .containsExactly(new ProxyConfig.HeaderMatch("end-user", "exact", "jason", false));
    assertThat(jason.action().destinations().get(0).cluster())
        .isEqualTo("outbound|9080|v2|reviews.default.svc.cluster.local");
    assertThat(jason.action().retries().attempts()).isEqualTo(2);
    assertThat(reviews.routes().get(1).match().headers()).isEmpty();
  }

  @Test
  void serviceWithoutVirtualServiceHasOneDefaultRouteWithoutVirtualServiceName() {
    ProxyConfig pc = Mesh.bookinfo().table().proxyConfig("reviews-v2").orElseThrow();
    ProxyConfig.VirtualHost ratings =
        pc.routeConfig("9080").virtualHosts().stream()
            .filter(v -> v.name().startsWith("ratings."))
            .findFirst()
            .orElseThrow();
    assertThat(ratings.routes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.virtualService()).isNull();
              assertThat(r.match().prefix()).isEqualTo("/");
              assertThat(r.action().destinations().get(0).cluster())
                  .isEqualTo("outbound|9080||ratings.default.svc.cluster.local");
            });
  }

  @Test
  void clustersIncludeEverySubsetWithItsEndpoints() {
    ProxyConfig pc = lessonWithTestV2().proxyConfig("productpage-v1").orElseThrow();
    assertThat(pc.clusters())
        .extracting(ProxyConfig.Cluster::name)
        .contains(
            "outbound|9080||reviews.default.svc.cluster.local",
            "outbound|9080|v1|reviews.default.svc.cluster.local",
            "outbound|9080|v2|ratings.default.svc.cluster.local");
    ProxyConfig.Cluster v2 =
        pc.clusters().stream()
            .filter(c -> c.name().equals("outbound|9080|v2|reviews.default.svc.cluster.local"))
            .findFirst()
            .orElseThrow();
    assertThat(v2.endpoints()).extracting(p -> p.ip()).containsExactly("10.244.0.14");
    assertThat(v2.destinationRule()).isEqualTo("reviews.default");
    ProxyConfig.Cluster ratingsV2 =
        pc.clusters().stream()
            .filter(c -> c.name().equals("outbound|9080|v2|ratings.default.svc.cluster.local"))
            .findFirst()
            .orElseThrow();
    assertThat(ratingsV2.endpoints()).isEmpty();
  }

  @Test
  void ingressGatewayHasTheGatewayRouteConfigWithTheBookinfoMatches() {
    ProxyConfig pc = lessonWithTestV2().proxyConfig("istio-ingressgateway").orElseThrow();
    assertThat(pc.gateway()).isTrue();
    ProxyConfig.RouteConfig rc = pc.routeConfig("http.80");
    assertThat(rc.virtualHosts())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.domains()).containsExactly("*");
              assertThat(v.routes())
                  .extracting(
                      r -> r.match().path() != null ? r.match().path() : r.match().prefix() + "*")
                  .containsExactly(
                      "/productpage", "/static*", "/login", "/logout", "/api/v1/products*");
              assertThat(v.routes())
                  .extracting(ProxyConfig.Route::virtualService)
                  .containsOnly("bookinfo.default");
            });
  }

  @Test
  void unknownProxyIsEmpty() {
    RouteTable t = Mesh.bookinfo().table();
    assertThat(t.proxyConfig("istiod")).isEmpty();
    assertThat(t.routeConfigs("nope")).isEmpty();
    assertThat(t.hasProxy("reviews-v1")).isTrue();
  }
}
