package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.ruleBuilder;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.ServiceEntrySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ServiceEntry hosts are services of the registry to the route tables, as istiod 1.8 builds them:
 * an HTTP port gets a virtual host with the default route (or the VirtualService's routes), a TLS
 * port none; the egress task's httpbin.org and www.google.com entries.
 */
class ServiceEntryRoutesTest {

  private static Mesh withTaskEntries() {
    return Mesh.bookinfo()
        .add(
            ResourceKind.SERVICE_ENTRY,
            "default",
            "httpbin-ext",
            new ServiceEntrySpec(
                List.of("httpbin.org"),
                List.of(Map.of("number", 80, "name", "http", "protocol", "HTTP")),
                "DNS",
                "MESH_EXTERNAL",
                Pos.UNKNOWN))
        .add(
            ResourceKind.SERVICE_ENTRY,
            "default",
            "google",
            new ServiceEntrySpec(
                List.of("www.google.com"),
                List.of(Map.of("number", 443, "name", "https", "protocol", "HTTPS")),
                "DNS",
                "MESH_EXTERNAL",
                Pos.UNKNOWN));
  }

  private static RouteRequest toHttpbin(String path) {
    return new RouteRequest("productpage-v1", "httpbin.org", 80, "GET", path, Map.of());
  }

  @Test
  void anHttpServiceEntryHostGetsAVirtualHostWithTheDefaultRouteOnItsPort() {
    ProxyConfig pc = withTaskEntries().table().proxyConfig("productpage-v1").orElseThrow();
    ProxyConfig.VirtualHost httpbin =
        pc.routeConfig("80").virtualHosts().stream()
            .filter(v -> v.name().equals("httpbin.org:80"))
            .findFirst()
            .orElseThrow();
    assertThat(httpbin.domains()).containsExactly("httpbin.org", "httpbin.org:80");
    assertThat(httpbin.routes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.virtualService()).isNull();
              assertThat(r.action().destinations().get(0).cluster())
                  .isEqualTo("outbound|80||httpbin.org");
            });
    assertThat(pc.routeConfigs())
        .flatExtracting(ProxyConfig.RouteConfig::virtualHosts)
        .extracting(ProxyConfig.VirtualHost::name)
        .as("an HTTPS port is forwarded by SNI, without a route config")
        .noneMatch(name -> name.startsWith("www.google.com"));
  }

  @Test
  void requestsToTheHostResolveToItsClusterAndAVirtualServiceTimeoutApplies() {
    Decision plain = withTaskEntries().table().resolve(toHttpbin("/headers"));
    assertThat(plain.destinations())
        .extracting(ClusterTarget::cluster)
        .containsExactly("outbound|80||httpbin.org");
    assertThat(plain.timeoutMs()).isZero();

    RouteTable timed =
        withTaskEntries()
            .vs(
                "httpbin-ext",
                vsSpec(
                    "httpbin.org",
                    ruleBuilder().timeoutMs(3000).route(dest("httpbin.org", null)).build()))
            .table();
    Decision cut = timed.resolve(toHttpbin("/delay/5"));
    assertThat(cut.timeoutMs()).isEqualTo(3000);
    assertThat(cut.virtualService()).isEqualTo("httpbin-ext.default");
    assertThat(
            timed
                .proxyConfig("productpage-v1")
                .orElseThrow()
                .routeConfig("80")
                .virtualHosts()
                .stream()
                .filter(v -> v.name().startsWith("httpbin.org"))
                .count())
        .as("the VirtualService's virtual host replaces the default one")
        .isEqualTo(1);
  }
}
