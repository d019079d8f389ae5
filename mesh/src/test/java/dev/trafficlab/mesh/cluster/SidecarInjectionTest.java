package dev.trafficlab.mesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.SidecarInjection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarInjectionTest {
  static final Map<String, String> ENABLED = Map.of("istio-injection", "enabled");

  @Test
  void injectionFollowsTheNamespaceLabelThenThePodAnnotation() {
    assertThat(SidecarInjection.injects("default", ENABLED, Map.of(), false)).isTrue();
    assertThat(SidecarInjection.injects("foo", Map.of(), Map.of(), false)).isFalse();
    assertThat(
            SidecarInjection.injects(
                "foo", Map.of(), Map.of("sidecar.istio.io/inject", "true"), false))
        .isFalse();
    assertThat(
            SidecarInjection.injects(
                "default", ENABLED, Map.of("sidecar.istio.io/inject", "false"), false))
        .isFalse();
    assertThat(
            SidecarInjection.injects(
                "default", ENABLED, Map.of("sidecar.istio.io/inject", "yes"), false))
        .isTrue();
    assertThat(SidecarInjection.injects("default", ENABLED, Map.of(), true)).isFalse();
    assertThat(SidecarInjection.injects("kube-system", ENABLED, Map.of(), false)).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubeInjectAddsIstioInitAndIstioProxyToTheTemplate() {
    Map<String, Object> deployment =
        Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Map.of("name", "sleep"),
            "spec",
            Map.of(
                "template",
                Map.of(
                    "metadata", Map.of("labels", Map.of("app", "sleep")),
                    "spec",
                        Map.of(
                            "containers",
                            List.of(
                                Map.of("name", "sleep", "image", "governmentpaas/curl-ssl"))))));
    Map<String, Object> out = SidecarInjection.injectedManifest(deployment);
    Map<String, Object> template =
        (Map<String, Object>) ((Map<String, Object>) out.get("spec")).get("template");
    Map<String, Object> spec = (Map<String, Object>) template.get("spec");
    assertThat((List<Map<String, Object>>) spec.get("containers"))
        .extracting(c -> c.get("name"))
        .containsExactly("sleep", "istio-proxy");
    assertThat((List<Map<String, Object>>) spec.get("initContainers"))
        .extracting(c -> c.get("name"))
        .containsExactly("istio-init");
    Map<String, Object> meta = (Map<String, Object>) template.get("metadata");
    assertThat((Map<String, Object>) meta.get("annotations"))
        .containsKey("sidecar.istio.io/status");
    assertThat((Map<String, Object>) meta.get("labels"))
        .containsEntry("security.istio.io/tlsMode", "istio")
        .containsEntry("service.istio.io/canonical-name", "sleep");
    assertThat(SidecarInjection.injectedManifest(out)).isEqualTo(out);
    Map<String, Object> service =
        Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "x"));
    assertThat(SidecarInjection.injectedManifest(service)).isEqualTo(service);
  }
}
