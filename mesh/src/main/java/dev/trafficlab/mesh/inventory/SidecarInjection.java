package dev.trafficlab.mesh.inventory;

import java.util.LinkedHashMap;
import java.util.List;
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

  /** Set by the injector (and istioctl kube-inject) on every pod template it injected. */
  public static final String STATUS_ANNOTATION = "sidecar.istio.io/status";

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

  /** The kinds whose pod template istioctl kube-inject injects. */
  private static final java.util.Set<String> WORKLOADS =
      java.util.Set.of(
          "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController");

  /**
   * istioctl kube-inject of one object (JSON-like maps, as read from a manifest): a workload's pod
   * template (or a Pod) gets Istio 1.8.1's istio-init init container, istio-proxy container,
   * volumes, labels and annotations, as the sidecar injector template adds them; any other object,
   * and a pod that opts out (annotation sidecar.istio.io/inject: "false", hostNetwork), comes back
   * unchanged. kube-inject does not look at the namespace's label. A new map: the input is not
   * changed.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> injectedManifest(Map<String, Object> object) {
    Object kind = object.get("kind");
    Map<String, Object> out = (Map<String, Object>) copy(object);
    Map<String, Object> template;
    String workload;
    if ("Pod".equals(kind)) {
      template = out;
      workload = String.valueOf(PodTemplates.map(out, "metadata").getOrDefault("name", ""));
    } else if (WORKLOADS.contains(String.valueOf(kind))) {
      Map<String, Object> spec = child(out, "spec");
      template = child(spec, "template");
      workload = String.valueOf(PodTemplates.map(out, "metadata").getOrDefault("name", ""));
    } else {
      return out;
    }
    Map<String, Object> meta = child(template, "metadata");
    Map<String, Object> podSpec = child(template, "spec");
    Map<String, String> annotations = PodTemplates.strings(PodTemplates.map(meta, "annotations"));
    if (Boolean.TRUE.equals(podSpec.get("hostNetwork"))) {
      return out;
    }
    String a = annotations.get(ANNOTATION);
    if (a != null
        && !a.isEmpty()
        && !List.of("y", "yes", "true", "on").contains(a.toLowerCase(java.util.Locale.ROOT))) {
      return out;
    }
    if (annotations.containsKey("sidecar.istio.io/status")) {
      return out; // already injected
    }
    Map<String, String> labels = PodTemplates.strings(PodTemplates.map(meta, "labels"));
    Map<String, Object> newLabels = child(meta, "labels");
    newLabels.put("istio.io/rev", "default");
    podLabels(labels, workload).forEach(newLabels::put);
    Map<String, Object> newAnnotations = child(meta, "annotations");
    newAnnotations.put("prometheus.io/path", "/stats/prometheus");
    newAnnotations.put("prometheus.io/port", "15020");
    newAnnotations.put("prometheus.io/scrape", "true");
    newAnnotations.put(
        "sidecar.istio.io/status",
        "{\"version\":\""
            + INJECTOR_VERSION
            + "\",\"initContainers\":[\"istio-init\"],"
            + "\"containers\":[\"istio-proxy\"],\"volumes\":[\"istio-envoy\",\"istio-data\","
            + "\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],\"imagePullSecrets\":null}");
    String app = labels.getOrDefault("app", workload);
    List<Object> containers = list(podSpec, "containers");
    containers.add(proxyContainer(app));
    List<Object> init = list(podSpec, "initContainers");
    init.add(initContainer());
    List<Object> volumes = list(podSpec, "volumes");
    volumes.add(Map.of("emptyDir", Map.of("medium", "Memory"), "name", "istio-envoy"));
    volumes.add(Map.of("emptyDir", Map.of(), "name", "istio-data"));
    volumes.add(
        Map.of(
            "downwardAPI",
            Map.of(
                "items",
                List.of(
                    Map.of("fieldRef", Map.of("fieldPath", "metadata.labels"), "path", "labels"),
                    Map.of(
                        "fieldRef",
                        Map.of("fieldPath", "metadata.annotations"),
                        "path",
                        "annotations"))),
            "name",
            "istio-podinfo"));
    volumes.add(
        Map.of(
            "name",
            "istio-token",
            "projected",
            Map.of(
                "sources",
                List.of(
                    Map.of(
                        "serviceAccountToken",
                        Map.of(
                            "audience",
                            "istio-ca",
                            "expirationSeconds",
                            43200L,
                            "path",
                            "istio-token"))))));
    volumes.add(
        Map.of("configMap", Map.of("name", "istio-ca-root-cert"), "name", "istiod-ca-cert"));
    return out;
  }

  /**
   * The status' "version": a hash of the injection template the cluster's istio-sidecar-injector
   * config map holds (computed by the injector, so any cluster shows its own; this is the lab's).
   */
  static final String INJECTOR_VERSION =
      "e2cb9d4837cda9584fd272bfa1f348525bcaacfadb7e9b9efbd21a3bb44ad7a1";

  private static Map<String, Object> proxyContainer(String app) {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put(
        "args",
        List.of(
            "proxy",
            "sidecar",
            "--domain",
            "$(POD_NAMESPACE).svc.cluster.local",
            "--serviceCluster",
            app + ".$(POD_NAMESPACE)",
            "--proxyLogLevel=warning",
            "--proxyComponentLogLevel=misc:error",
            "--concurrency",
            "2"));
    c.put(
        "env",
        List.of(
            Map.of("name", "JWT_POLICY", "value", "third-party-jwt"),
            Map.of("name", "PILOT_CERT_PROVIDER", "value", "istiod"),
            Map.of("name", "CA_ADDR", "value", "istiod.istio-system.svc:15012"),
            Map.of(
                "name",
                "POD_NAME",
                "valueFrom",
                Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))),
            Map.of(
                "name",
                "POD_NAMESPACE",
                "valueFrom",
                Map.of("fieldRef", Map.of("fieldPath", "metadata.namespace"))),
            Map.of(
                "name",
                "INSTANCE_IP",
                "valueFrom",
                Map.of("fieldRef", Map.of("fieldPath", "status.podIP"))),
            Map.of("name", "ISTIO_META_CLUSTER_ID", "value", "Kubernetes")));
    c.put("image", Container.PROXY_IMAGE);
    c.put("imagePullPolicy", "Always");
    c.put("name", Container.ISTIO_PROXY);
    c.put(
        "ports",
        List.of(Map.of("containerPort", 15090L, "name", "http-envoy-prom", "protocol", "TCP")));
    c.put(
        "readinessProbe",
        Map.of(
            "failureThreshold", 30L,
            "httpGet", Map.of("path", "/healthz/ready", "port", 15021L),
            "initialDelaySeconds", 1L,
            "periodSeconds", 2L,
            "timeoutSeconds", 3L));
    c.put(
        "resources",
        Map.of(
            "limits", Map.of("cpu", "2", "memory", "1Gi"),
            "requests", Map.of("cpu", "10m", "memory", "40Mi")));
    c.put(
        "securityContext",
        Map.of(
            "allowPrivilegeEscalation", false,
            "capabilities", Map.of("drop", List.of("ALL")),
            "privileged", false,
            "readOnlyRootFilesystem", true,
            "runAsGroup", 1337L,
            "runAsNonRoot", true,
            "runAsUser", 1337L));
    c.put(
        "volumeMounts",
        List.of(
            Map.of("mountPath", "/var/run/secrets/istio", "name", "istiod-ca-cert"),
            Map.of("mountPath", "/var/lib/istio/data", "name", "istio-data"),
            Map.of("mountPath", "/etc/istio/proxy", "name", "istio-envoy"),
            Map.of("mountPath", "/var/run/secrets/tokens", "name", "istio-token"),
            Map.of("mountPath", "/etc/istio/pod", "name", "istio-podinfo")));
    return c;
  }

  private static Map<String, Object> initContainer() {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put(
        "args",
        List.of(
            "istio-iptables",
            "-p",
            "15001",
            "-z",
            "15006",
            "-u",
            "1337",
            "-m",
            "REDIRECT",
            "-i",
            "*",
            "-x",
            "",
            "-b",
            "*",
            "-d",
            "15090,15021,15020"));
    c.put("image", Container.PROXY_IMAGE);
    c.put("imagePullPolicy", "Always");
    c.put("name", "istio-init");
    c.put(
        "resources",
        Map.of(
            "limits", Map.of("cpu", "2", "memory", "1Gi"),
            "requests", Map.of("cpu", "10m", "memory", "40Mi")));
    c.put(
        "securityContext",
        Map.of(
            "allowPrivilegeEscalation", false,
            "capabilities", Map.of("add", List.of("NET_ADMIN", "NET_RAW"), "drop", List.of("ALL")),
            "privileged", false,
            "readOnlyRootFilesystem", false,
            "runAsGroup", 0L,
            "runAsNonRoot", false,
            "runAsUser", 0L));
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> m, String key) {
    if (m.get(key) instanceof Map<?, ?> c) {
      return (Map<String, Object>) c;
    }
    Map<String, Object> created = new java.util.LinkedHashMap<>();
    m.put(key, created);
    return created;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    if (m.get(key) instanceof List<?> l) {
      return (List<Object>) l;
    }
    List<Object> created = new java.util.ArrayList<>();
    m.put(key, created);
    return created;
  }

  private static Object copy(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new java.util.ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return o;
  }
}
