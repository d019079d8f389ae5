package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RouteRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decoder's model is what routing needs: the lesson's files, applied as text, route as on Istio
 * 1.8.
 */
class AppliedYamlRoutesTest {

  private static ConfigStore lessonStart() throws IOException {
    assumeTrue(Files.isDirectory(SampleFilesTest.DIR));
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    apply(store, "bookinfo-gateway.yaml");
    apply(store, "destination-rule-all.yaml");
    return store;
  }

  private static void apply(ConfigStore store, String file) throws IOException {
    ApplyReport r =
        store.apply(
            Files.readString(SampleFilesTest.DIR.resolve(file)), "default", file, ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
  }

  private static Decision reviews(ConfigStore store, Map<String, String> headers) {
    return store
        .current()
        .routes()
        .resolve(new RouteRequest("productpage-v1", "reviews", 9080, "GET", "/reviews/0", headers));
  }

  @Test
  void jasonGoesToV2AndEveryoneElseToV1() throws IOException {
    ConfigStore store = lessonStart();
    apply(store, "virtual-service-all-v1.yaml");
    apply(store, "virtual-service-reviews-test-v2.yaml");
    Decision jason = reviews(store, Map.of("end-user", "jason"));
    assertThat(jason.outcome()).isEqualTo(Outcome.ROUTE);
    assertThat(jason.virtualService()).isEqualTo("reviews.default");
    assertThat(jason.destinations())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.subset()).isEqualTo("v2");
              assertThat(d.cluster())
                  .isEqualTo("outbound|9080|v2|reviews.default.svc.cluster.local");
            });
    assertThat(reviews(store, Map.of("end-user", "Jason")).destinations().get(0).subset())
        .isEqualTo("v1");
  }

  @Test
  void fiftyFiftyCanaryAndTheDelayFault() throws IOException {
    ConfigStore store = lessonStart();
    apply(store, "virtual-service-reviews-50-v3.yaml");
    assertThat(reviews(store, Map.of()).destinations())
        .extracting(d -> d.subset() + "=" + d.weight())
        .containsExactly("v1=50", "v3=50");
    apply(store, "virtual-service-ratings-test-delay.yaml");
    Decision d =
        store
            .current()
            .routes()
            .resolve(
                new RouteRequest(
                    "reviews-v2",
                    "ratings",
                    9080,
                    "GET",
                    "/ratings/0",
                    Map.of("end-user", "jason")));
    assertThat(d.fault().delay().fixedDelayMs()).isEqualTo(7000);
  }
}
