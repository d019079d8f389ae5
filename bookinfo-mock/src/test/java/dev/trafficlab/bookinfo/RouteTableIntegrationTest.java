package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sidecars driven by the compiled route table of a snapshot (gateway, DRs and the 50/50 rule).
 */
class RouteTableIntegrationTest {

  @Test
  void productPageThroughTheGatewayAndFiftyFiftyReviewsWithTheCompiledRouteTable() {
    try (MeshFixture f =
        new MeshFixture(
            BookinfoMesh.Options.defaults().withRandom(new Random(3)::nextDouble), true)) {
      TestSandbox s = new TestSandbox("table");
      s.swap(LessonConfigs.handBuiltFiftyFifty());
      f.pages.put("table", s);
      JsonObject out =
          f.mesh
              .sendRequests(
                  s,
                  new RouteRequest(
                      "istio-ingressgateway", "localhost", null, "GET", "/productpage", Map.of()),
                  200,
                  16)
              .await();
      assertThat(out.getJsonObject("summary").getJsonObject("statuses").getMap())
          .containsOnlyKeys("200");
      int v1 = 0;
      for (Object o : out.getJsonArray("responses")) {
        String version =
            WorkloadsTest.attr(((JsonObject) o).getString("body"), "data-reviews-version");
        assertThat(version).isIn("v1", "v3");
        v1 += version.equals("v1") ? 1 : 0;
      }
      assertThat(v1).isBetween(70, 130);
      var reviewsHop =
          s.traffic().recent(1000).stream()
              .filter(t -> t.authority().equals("reviews:9080"))
              .findFirst()
              .orElseThrow();
      assertThat(reviewsHop.virtualService()).isEqualTo("reviews.default");
      assertThat(reviewsHop.rule()).isEqualTo(0);
      var gatewayHop =
          s.traffic().recent(1000).stream()
              .filter(t -> t.fromPod().startsWith("istio-ingressgateway"))
              .findFirst()
              .orElseThrow();
      assertThat(gatewayHop.virtualService()).isEqualTo("bookinfo.default");
      assertThat(gatewayHop.cluster())
          .isEqualTo("outbound|9080||productpage.default.svc.cluster.local");
      // The gateway answers 404 for paths the bookinfo VirtualService does not match.
      MeshResponse other =
          f.mesh
              .call(
                  s,
                  new RouteRequest("istio-ingressgateway", "localhost", null, "GET", "/", Map.of()))
              .await();
      assertThat(other.status()).isEqualTo(404);
      assertThat(other.responseFlags()).isEqualTo("NR");
      // Mesh traffic is not routed by the gateway-bound VirtualService.
      MeshResponse mesh =
          f.mesh
              .call(
                  s,
                  new RouteRequest("ratings-v1", "productpage", 9080, "GET", "/health", Map.of()))
              .await();
      assertThat(mesh.status()).isEqualTo(200);
      assertThat(mesh.cluster()).isEqualTo("outbound|9080||productpage.default.svc.cluster.local");
    }
  }
}
