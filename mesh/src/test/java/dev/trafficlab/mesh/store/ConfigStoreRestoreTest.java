package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A store's state made again from the parts a saved sandbox keeps (each object's type, apiVersion,
 * metadata, spec and body; namespaces; the controller's state; the counters) routes, prints and
 * goes on numbering as the store it was captured from.
 */
class ConfigStoreRestoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
  private static final Snapshot START = BookinfoSamples.lessonStart(T0);

  private static final String SLEEP =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: sleep
        labels: {app: sleep}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: sleep}
        template:
          metadata:
            labels: {app: sleep}
          spec:
            containers:
            - name: sleep
              image: curlimages/curl
              command: ["/bin/sleep", "3650d"]
      """;

  private static ConfigStore learnerStore() {
    ConfigStore store = new ConfigStore(START, CLOCK);
    for (String file :
        List.of("virtual-service-all-v1.yaml", "virtual-service-reviews-test-v2.yaml")) {
      ApplyReport r =
          store.apply(BookinfoSamples.networking(file), "default", file, ApplyMode.APPLY);
      assertThat(r.ok()).as(r.output()).isTrue();
    }
    ApplyReport sleep = store.apply(SLEEP, "default", "sleep.yaml", ApplyMode.APPLY);
    assertThat(sleep.ok()).as(sleep.output()).isTrue();
    store.delete(ResourceKind.DESTINATION_RULE, "default", "ratings");
    store.scale("default", "details-v1", 2);
    store.setOutboundTrafficPolicy("REGISTRY_ONLY");
    return store;
  }

  /** What a saved sandbox keeps of the store, made again over the same start. */
  private static ConfigStore restored(StoreState saved) {
    Snapshot s = saved.snapshot();
    TreeMap<ResourceKey, Resource> objects = new TreeMap<>();
    s.allObjects()
        .forEach(
            (key, r) ->
                objects.put(
                    key,
                    StoredObjects.rebuild(
                        r.type(),
                        r.apiVersion(),
                        r.meta()
                            .withServerFields(
                                r.meta().uid(),
                                r.meta().resourceVersion(),
                                r.meta().generation(),
                                r.meta().creationTimestamp()),
                        r.rawSpec(),
                        r.body())));
    Snapshot again =
        Snapshot.restored(START, s.revision(), objects, s.namespaceLabels(), s.cluster());
    ConfigStore store = new ConfigStore(START, CLOCK);
    store.restore(
        new StoreState(
            again,
            saved.resourceVersion(),
            saved.lastCreated(),
            saved.changes(),
            saved.generation()));
    return store;
  }

  private static Decision reviews(ConfigStore store, String user) {
    return store
        .current()
        .routes()
        .resolve(
            new RouteRequest(
                "productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of("end-user", user)));
  }

  @Test
  void aRestoredStoreRoutesAsTheOneItWasCapturedFrom() {
    ConfigStore original = learnerStore();
    ConfigStore copy = restored(original.state());

    assertThat(reviews(copy, "jason").destinations())
        .isEqualTo(reviews(original, "jason").destinations());
    assertThat(reviews(copy, "jason").destinations().get(0).subset()).isEqualTo("v2");
    assertThat(reviews(copy, "kim").destinations().get(0).subset()).isEqualTo("v1");
    assertThat(copy.current().outboundTrafficPolicy()).isEqualTo("REGISTRY_ONLY");
  }

  @Test
  void aRestoredStoreHoldsTheSameObjectsPodsAndCounters() {
    ConfigStore original = learnerStore();
    ConfigStore copy = restored(original.state());

    Snapshot was = original.current();
    Snapshot is = copy.current();
    assertThat(is.revision()).isEqualTo(was.revision());
    assertThat(is.allObjects().keySet()).isEqualTo(was.allObjects().keySet());
    assertThat(is.get(ResourceKind.DESTINATION_RULE, "default", "ratings")).isEmpty();
    was.allObjects()
        .forEach(
            (key, r) -> {
              Resource other = is.allObjects().get(key);
              assertThat(other.rawSpec()).as(key.toString()).isEqualTo(r.rawSpec());
              assertThat(other.meta().uid()).isEqualTo(r.meta().uid());
              assertThat(other.meta().resourceVersion()).isEqualTo(r.meta().resourceVersion());
              assertThat(other.meta().creationTimestamp()).isEqualTo(r.meta().creationTimestamp());
              assertThat(other.meta().annotations()).isEqualTo(r.meta().annotations());
            });
    assertThat(is.cluster()).isEqualTo(was.cluster());
    assertThat(is.inventory()).isEqualTo(was.inventory());
    assertThat(copy.generation()).isEqualTo(original.generation());
    assertThat(copy.changes()).isEqualTo(original.changes());
  }

  @Test
  void aRestoredStoreSeesTheSameFileAsUnchangedAndGoesOnNumbering() {
    ConfigStore original = learnerStore();
    ConfigStore copy = restored(original.state());
    String file = "virtual-service-reviews-test-v2.yaml";

    ApplyReport again =
        copy.apply(BookinfoSamples.networking(file), "default", file, ApplyMode.APPLY);
    assertThat(again.output()).contains("unchanged");

    String v3 = BookinfoSamples.networking("virtual-service-reviews-v3.yaml");
    original.apply(v3, "default", "v3.yaml", ApplyMode.APPLY);
    copy.apply(v3, "default", "v3.yaml", ApplyMode.APPLY);
    Resource a = original.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").get();
    Resource b = copy.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").get();
    assertThat(b.meta().resourceVersion()).isEqualTo(a.meta().resourceVersion());
    assertThat(b.meta().generation()).isEqualTo(a.meta().generation());
  }

  @Test
  void aStartStateNamesItsObjectsAlikeInEveryProcess() {
    Snapshot again = BookinfoSamples.lessonStart(T0);
    assertThat(again.allObjects()).isNotSameAs(START.allObjects()).isEqualTo(START.allObjects());
    assertThat(again.get(ResourceKind.GATEWAY, "default", "bookinfo-gateway").get().meta().uid())
        .isEqualTo(
            START.get(ResourceKind.GATEWAY, "default", "bookinfo-gateway").get().meta().uid());
  }

  @Test
  void objectsALearnerCreatesGetFreshUids() {
    ConfigStore a = learnerStore();
    ConfigStore b = learnerStore();
    assertThat(
            a.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").get().meta().uid())
        .isNotEqualTo(
            b.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").get().meta().uid());
  }
}
