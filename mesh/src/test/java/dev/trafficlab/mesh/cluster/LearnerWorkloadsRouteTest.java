package dev.trafficlab.mesh.cluster;

import static dev.trafficlab.mesh.cluster.ClusterTest.HTTPBIN;
import static dev.trafficlab.mesh.cluster.ClusterTest.SLEEP;
import static dev.trafficlab.mesh.cluster.ClusterTest.apply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.testing.HttpbinSamples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerWorkloadsRouteTest {
  final ConfigStore store = ClusterTest.store(new ClusterTest.MovableClock());

  @Test
  void aLearnersSidecarRoutesToALearnersServiceThroughItsVirtualService() {
    apply(store, SLEEP);
    apply(store, HTTPBIN.replace("replicas: 1", "replicas: 2"));
    assertThat(
            apply(
                    store,
                    HttpbinSamples.SUBSETS
                        + """
                    ---
                    apiVersion: networking.istio.io/v1alpha3
                    kind: VirtualService
                    metadata:
                      name: httpbin
                    spec:
                      hosts:
                      - httpbin
                      http:
                      - route:
                        - destination:
                            host: httpbin
                            subset: v2
                    """)
                .ok())
        .isTrue();
    Decision d =
        store
            .current()
            .routes()
            .resolve(new RouteRequest("sleep", "httpbin:8000", null, "GET", "/headers", Map.of()));
    assertThat(d.virtualService()).isEqualTo("httpbin.default");
    // no pod carries version v2: the route has no healthy upstream
    assertThat(d.destinations().get(0).status()).isEqualTo(Outcome.NO_HEALTHY_UPSTREAM);
    apply(
        store,
        HTTPBIN
            .replace("name: httpbin\nspec:\n  replicas", "name: httpbin-v2\nspec:\n  replicas")
            .replace("version: v1", "version: v2")
            .substring(HTTPBIN.lastIndexOf("---") + 4));
    Decision v2 =
        store
            .current()
            .routes()
            .resolve(new RouteRequest("sleep", "httpbin:8000", null, "GET", "/headers", Map.of()));
    assertThat(v2.destinations().get(0).status()).isEqualTo(Outcome.ROUTE);
    assertThat(v2.destinations().get(0).endpoints())
        .singleElement()
        .satisfies(p -> assertThat(p.name()).startsWith("httpbin-v2-"));
  }
}
