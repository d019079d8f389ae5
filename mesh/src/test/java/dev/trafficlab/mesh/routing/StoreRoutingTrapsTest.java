package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Requests.ratingsFrom;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static dev.trafficlab.mesh.routing.Requests.subsetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import org.junit.jupiter.api.Test;

/** Traps 13 and 14, where the store decides what routing then sees. */
class StoreRoutingTrapsTest {

  private static ConfigStore lessonStart() {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    for (String f : new String[] {"bookinfo-gateway.yaml", "destination-rule-all.yaml"}) {
      ApplyReport r = store.apply(SampleFiles.read(f), "default", f, ApplyMode.APPLY);
      assertThat(r.ok()).as(r.output()).isTrue();
    }
    return store;
  }

  @Test
  void trap13_aValidDocumentRoutesEvenWhenAnotherDocumentOfTheFileIsRejected() {
    ConfigStore store = lessonStart();
    ApplyReport r =
        store.apply(
            """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
                subset: v3
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: ratings
        spec:
          hosts:
          - ratings
          http:
          - route:
            - destination:
                host: ratings
                subset: v2.0
        """,
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.ok()).isFalse();
    RouteTable t = store.current().routes();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v3");
    assertThat(t.resolve(ratingsFrom("reviews-v3")).virtualService()).isNull();
  }

  @Test
  void trap14_aVirtualServiceWithoutHostsIsAcceptedAndRoutesNothingOnItsOwn() {
    ConfigStore store = lessonStart();
    ApplyReport r =
        store.apply(
            """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews-delegate
        spec:
          http:
          - route:
            - destination:
                host: reviews
                subset: v3
        """,
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(store.current().routes().resolve(reviews()).virtualService()).isNull();
  }
}
