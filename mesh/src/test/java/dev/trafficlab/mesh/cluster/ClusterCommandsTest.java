package dev.trafficlab.mesh.cluster;

import static dev.trafficlab.mesh.cluster.ClusterTest.HTTPBIN;
import static dev.trafficlab.mesh.cluster.ClusterTest.SLEEP;
import static dev.trafficlab.mesh.cluster.ClusterTest.apply;
import static dev.trafficlab.mesh.cluster.ClusterTest.podsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.ReplicaSet;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.KubectlPrinter;
import dev.trafficlab.mesh.store.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterCommandsTest {
  final ClusterTest.MovableClock clock = new ClusterTest.MovableClock();
  final ConfigStore store = ClusterTest.store(clock);

  static String line(dev.trafficlab.mesh.store.DocumentResult r) {
    return r.failure() == null ? KubectlPrinter.successLine(r, "") : r.error();
  }

  @Test
  void scalingMakesAndRemovesPods() {
    apply(store, SLEEP);
    assertThat(line(store.scale("default", "sleep", 3))).isEqualTo("deployment.apps/sleep scaled");
    assertThat(podsOf(store, "sleep")).hasSize(3);
    assertThat(line(store.scale("default", "sleep", 1))).isEqualTo("deployment.apps/sleep scaled");
    assertThat(podsOf(store, "sleep")).hasSize(1);
    assertThat(line(store.scale("default", "sleep", 12)))
        .contains("exceeded quota: sandbox-quota, requested: replicas=12");
    assertThat(podsOf(store, "sleep")).hasSize(1);
    assertThat(line(store.scale("default", "nope", 2)))
        .isEqualTo("Error from server (NotFound): deployments.apps \"nope\" not found");
  }

  @Test
  void settingAnImageRollsOutANewReplicaSetWithTheNextRevision() {
    apply(store, HTTPBIN);
    clock.advance(Duration.ofSeconds(10));
    assertThat(
            line(
                store.setImage(
                    "default", "httpbin", Map.of("httpbin", "docker.io/mccutchen/go-httpbin"))))
        .isEqualTo("deployment.apps/httpbin image updated");
    List<ReplicaSet> history = store.current().inventory().replicaSetsOf("default", "httpbin");
    assertThat(history).extracting(ReplicaSet::revision).containsExactly(1L, 2L);
    assertThat(history).extracting(ReplicaSet::replicas).containsExactly(0, 1);
    assertThat(podsOf(store, "httpbin"))
        .singleElement()
        .satisfies(p -> assertThat(p.image()).isEqualTo("docker.io/mccutchen/go-httpbin"));
    assertThat(line(store.setImage("default", "httpbin", Map.of("nginx", "x"))))
        .isEqualTo("error: unable to find container named \"nginx\"");
    assertThat(line(store.rolloutUndo("default", "httpbin", 0)))
        .isEqualTo("deployment.apps/httpbin rolled back");
    assertThat(store.current().inventory().replicaSetsOf("default", "httpbin"))
        .extracting(ReplicaSet::revision)
        .containsExactly(2L, 3L);
    assertThat(podsOf(store, "httpbin").get(0).image()).isEqualTo("docker.io/kennethreitz/httpbin");
  }

  @Test
  void aRolloutRestartAnnotatesTheTemplateAndReplacesEveryPod() {
    apply(store, SLEEP);
    String before = podsOf(store, "sleep").get(0).name();
    clock.advance(Duration.ofMinutes(1));
    assertThat(line(store.rolloutRestart("default", "sleep")))
        .isEqualTo("deployment.apps/sleep restarted");
    var after = podsOf(store, "sleep");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).name()).isNotEqualTo(before);
    assertThat(after.get(0).annotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-12-06T10:01:00Z");
  }

  @Test
  void labelingANamespaceForInjectionNeedsOverwriteWhenItHasAValue() {
    var ns = ApiTypes.of(ResourceKind.NAMESPACE);
    assertThat(
            line(
                store.label(
                    ns, null, "default", Map.of("istio-injection", "disabled"), List.of(), false)))
        .isEqualTo(
            "error: 'istio-injection' already has a value (enabled), and --overwrite is false");
    assertThat(
            line(
                store.label(
                    ns, null, "default", Map.of("istio-injection", "enabled"), List.of(), false)))
        .isEqualTo(
            "error: 'istio-injection' already has a value (enabled), and --overwrite is false");
    assertThat(
            line(
                store.label(
                    ns, null, "default", Map.of("istio-injection", "enabled"), List.of(), true)))
        .isEqualTo("namespace/default not labeled");
    assertThat(store.createNamespace("foo").error()).isNull();
    assertThat(
            line(
                store.label(
                    ns, null, "foo", Map.of("istio-injection", "enabled"), List.of(), false)))
        .isEqualTo("namespace/foo labeled");
    assertThat(
            apply(store, SLEEP.replace("name: sleep\n---", "name: sleep\n  namespace: foo\n---"))
                .ok())
        .isTrue();
    store.apply(SLEEP, "foo", "STDIN", dev.trafficlab.mesh.store.ApplyMode.APPLY);
    assertThat(store.current().inventory().pods().stream().filter(p -> p.namespace().equals("foo")))
        .singleElement()
        .satisfies(p -> assertThat(p.sidecar()).isTrue());
    store.createNamespace("bar");
    store.apply(SLEEP, "bar", "STDIN", dev.trafficlab.mesh.store.ApplyMode.APPLY);
    assertThat(store.current().inventory().pods().stream().filter(p -> p.namespace().equals("bar")))
        .singleElement()
        .satisfies(p -> assertThat(p.sidecar()).isFalse());
  }

  @Test
  void patchesMergeStrategicallyAndAsJsonPatch() {
    apply(store, HTTPBIN);
    var deployments = ApiTypes.of(ResourceKind.DEPLOYMENT);
    assertThat(
            line(
                store.patch(
                    deployments,
                    "default",
                    "httpbin",
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"httpbin\",\"image\":\"x/httpbin:2\"}]}}}}",
                    PatchType.STRATEGIC)))
        .isEqualTo("deployment.apps/httpbin patched");
    assertThat(podsOf(store, "httpbin").get(0).image()).isEqualTo("x/httpbin:2");
    assertThat(podsOf(store, "httpbin").get(0).containers().get(0).ports()).containsExactly(80);
    assertThat(
            line(
                store.patch(
                    deployments,
                    "default",
                    "httpbin",
                    "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]",
                    PatchType.JSON)))
        .isEqualTo("deployment.apps/httpbin patched");
    assertThat(podsOf(store, "httpbin")).hasSize(2);
    assertThat(
            line(
                store.patch(
                    deployments,
                    "default",
                    "httpbin",
                    "{\"spec\":{\"replicas\":2}}",
                    PatchType.MERGE)))
        .isEqualTo("deployment.apps/httpbin patched (no change)");
    assertThat(
            line(
                store.patch(
                    deployments,
                    "default",
                    "httpbin",
                    "[{\"op\":\"replace\",\"path\":\"/spec/nope/x\",\"value\":2}]",
                    PatchType.JSON)))
        .startsWith("Error from server (BadRequest): jsonpatch replace operation does not apply");
    assertThat(
            line(
                store.patch(
                    deployments,
                    "default",
                    "httpbin",
                    "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"x\"}}}}",
                    PatchType.MERGE)))
        .contains("field is immutable");
  }

  @Test
  void deletingReviewsV3TakesItsPodsAwayAndReapplyingBookinfoBringsThemBack() {
    assertThat(store.delete(ResourceKind.DEPLOYMENT, "default", "reviews-v3").error()).isNull();
    assertThat(store.current().inventory().pods())
        .noneMatch(p -> p.name().startsWith("reviews-v3-"));
    String bookinfo =
        dev.trafficlab.mesh.testing.BookinfoSamples.istio(
            "samples/bookinfo/platform/kube/bookinfo.yaml");
    assertThat(apply(store, bookinfo).output()).contains("deployment.apps/reviews-v3 created\n");
    assertThat(store.current().inventory().pods())
        .anyMatch(p -> p.name().startsWith("reviews-v3-"));
  }

  @Test
  void theOutboundTrafficPolicyIsAMeshConfigValueOfTheSnapshot() {
    store.setOutboundTrafficPolicy("REGISTRY_ONLY");
    assertThat(store.current().outboundTrafficPolicy()).isEqualTo("REGISTRY_ONLY");
  }
}
