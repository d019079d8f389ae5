package dev.trafficlab.mesh.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Istio 1.8.1's decision to inject a sidecar into a new pod (sidecar-injector with the default
 * policy "enabled"): the webhook only sees pods of namespaces labelled istio-injection=enabled; it
 * skips host-network pods and the control plane's namespaces; the pod annotation
 * sidecar.istio.io/inject "false" turns it off (any other value, or none, keeps it on).
 */
public final class SidecarInjection {
  private SidecarInjection() {}

  public static final String NAMESPACE_LABEL = "istio-injection";
  public static final String ANNOTATION = "sidecar.istio.io/inject";

  public static boolean injects(
      String namespace,
      Map<String, String> namespaceLabels,
      Map<String, String> podAnnotations,
      boolean hostNetwork) {
    if (!"enabled".equals(namespaceLabels.get(NAMESPACE_LABEL))) {
      return false;
    }
    if (namespace.equals("kube-system") || namespace.equals("kube-public") || hostNetwork) {
      return false;
    }
    String a = podAnnotations.get(ANNOTATION);
    if (a == null || a.isEmpty()) {
      return true;
    }
    // 1.8's injectRequired: yaml's true words inject, any other value turns injection off
    return switch (a.toLowerCase(java.util.Locale.ROOT)) {
      case "y", "yes", "true", "on" -> true;
      default -> false;
    };
  }

  /** The labels the injector adds to a pod (kept when the template sets them). */
  static Map<String, String> podLabels(Map<String, String> labels, String workload) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("security.istio.io/tlsMode", labels.getOrDefault("security.istio.io/tlsMode", "istio"));
    out.put(
        "service.istio.io/canonical-name",
        labels.getOrDefault(
            "service.istio.io/canonical-name", labels.getOrDefault("app", workload)));
    out.put(
        "service.istio.io/canonical-revision",
        labels.getOrDefault(
            "service.istio.io/canonical-revision", labels.getOrDefault("version", "latest")));
    return out;
  }
}
