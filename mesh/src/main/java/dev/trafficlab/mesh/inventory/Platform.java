package dev.trafficlab.mesh.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the lab's cluster runs before any learner's object: Kubernetes 1.19's kube-system pods on
 * the one node, the kubernetes and kube-dns services, and Istio 1.8.1's demo profile in
 * istio-system (istiod, the ingress gateway with a LoadBalancer service whose EXTERNAL-IP stays
 * pending, and the egress gateway). Shared by every sandbox and never changed.
 */
public final class Platform {
  private Platform() {}

  /** The namespaces that exist on a new cluster, with their labels. */
  public static final Map<String, Map<String, String>> NAMESPACES =
      Map.of(
          "default", Map.of(SidecarInjection.NAMESPACE_LABEL, "enabled"),
          "istio-system", Map.of(SidecarInjection.NAMESPACE_LABEL, "disabled"),
          "kube-system", Map.of(),
          "kube-public", Map.of(),
          "kube-node-lease", Map.of());

  /** The namespaces a learner may not delete (the platform runs in them). */
  public static boolean protectedNamespace(String ns) {
    return NAMESPACES.containsKey(ns);
  }

  static final List<Service> SERVICES = services();
  static final List<Deployment> DEPLOYMENTS = deployments();
  static final List<Pod> PODS = pods();
  static final List<String> SERVICE_ACCOUNTS =
      List.of(
          "istio-system/istio-egressgateway-service-account",
          "istio-system/istio-ingressgateway-service-account",
          "istio-system/istiod-service-account",
          "kube-system/coredns",
          "kube-system/kube-proxy");

  /** True for the objects of the platform (which the lab does not let a learner change). */
  public static boolean has(String kindPlural, String ns, String name) {
    return switch (kindPlural) {
      case "services" ->
          SERVICES.stream().anyMatch(s -> s.namespace().equals(ns) && s.name().equals(name));
      case "deployments" ->
          DEPLOYMENTS.stream().anyMatch(d -> d.namespace().equals(ns) && d.name().equals(name));
      case "pods" -> PODS.stream().anyMatch(p -> p.namespace().equals(ns) && p.name().equals(name));
      case "serviceaccounts" -> SERVICE_ACCOUNTS.contains(ns + "/" + name);
      default -> false;
    };
  }

  private static List<Service> services() {
    List<Service> s = new ArrayList<>();
    s.add(
        new Service(
            "kubernetes",
            "default",
            "10.96.0.1",
            List.of(new Service.Port("https", 443, 6443, "TCP", 0, "")),
            Map.of(),
            Map.of("component", "apiserver", "provider", "kubernetes")));
    s.add(
        new Service(
            "kube-dns",
            "kube-system",
            "10.96.0.10",
            List.of(
                new Service.Port("dns", 53, 53, "UDP", 0, ""),
                new Service.Port("dns-tcp", 53, 53, "TCP", 0, ""),
                new Service.Port("metrics", 9153, 9153, "TCP", 0, "")),
            Map.of("k8s-app", "kube-dns"),
            Map.of(
                "k8s-app",
                "kube-dns",
                "kubernetes.io/cluster-service",
                "true",
                "kubernetes.io/name",
                "KubeDNS")));
    Map<String, String> ingress = Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");
    s.add(
        new Service(
            "istio-ingressgateway",
            "istio-system",
            "10.96.160.52",
            List.of(
                new Service.Port("status-port", 15021, 15021, "TCP"),
                new Service.Port("http2", 80, 8080, "TCP"),
                new Service.Port("https", 443, 8443, "TCP"),
                new Service.Port("tcp", 31400, 31400, "TCP"),
                new Service.Port("tls", 15443, 15443, "TCP")),
            ingress,
            ingress,
            "LoadBalancer",
            null));
    Map<String, String> egress = Map.of("app", "istio-egressgateway", "istio", "egressgateway");
    s.add(
        new Service(
            "istio-egressgateway",
            "istio-system",
            "10.96.171.20",
            List.of(
                new Service.Port("http2", 80, 8080, "TCP", 0, ""),
                new Service.Port("https", 443, 8443, "TCP", 0, ""),
                new Service.Port("tls", 15443, 15443, "TCP", 0, "")),
            egress,
            egress));
    s.add(
        new Service(
            "istiod",
            "istio-system",
            "10.96.12.9",
            List.of(
                new Service.Port("grpc-xds", 15010, 15010, "TCP", 0, ""),
                new Service.Port("https-dns", 15012, 15012, "TCP", 0, ""),
                new Service.Port("https-webhook", 443, 15017, "TCP", 0, ""),
                new Service.Port("http-monitoring", 15014, 15014, "TCP", 0, "")),
            Map.of("app", "istiod", "istio", "pilot"),
            Map.of("app", "istiod", "istio", "pilot")));
    return List.copyOf(s);
  }

  private static List<Deployment> deployments() {
    return List.of(
        new Deployment(
            "coredns",
            "kube-system",
            Map.of("k8s-app", "kube-dns"),
            "k8s.gcr.io/coredns:1.7.0",
            2,
            "coredns"),
        new Deployment(
            "istio-egressgateway",
            "istio-system",
            Map.of("app", "istio-egressgateway", "istio", "egressgateway"),
            Container.PROXY_IMAGE,
            1,
            "istio-egressgateway-service-account"),
        new Deployment(
            "istio-ingressgateway",
            "istio-system",
            Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"),
            Container.PROXY_IMAGE,
            1,
            "istio-ingressgateway-service-account"),
        new Deployment(
            "istiod",
            "istio-system",
            Map.of("app", "istiod", "istio", "pilot"),
            "docker.io/istio/pilot:1.8.1",
            1,
            "istiod-service-account"));
  }

  private static List<Pod> pods() {
    List<Pod> p = new ArrayList<>();
    p.add(
        platformPod(
            "istio-egressgateway-64d976b9b5-pmf8d",
            "istio-system",
            "istio-egressgateway",
            Map.of(
                "app",
                "istio-egressgateway",
                "istio",
                "egressgateway",
                "pod-template-hash",
                "64d976b9b5"),
            "10.244.0.8",
            "istio-egressgateway-service-account",
            Container.PROXY_IMAGE,
            "istio-proxy"));
    p.add(
        platformPod(
            "istio-ingressgateway-5d8d7b9b5c-2xk4p",
            "istio-system",
            "istio-ingressgateway",
            Map.of(
                "app",
                "istio-ingressgateway",
                "istio",
                "ingressgateway",
                "pod-template-hash",
                "5d8d7b9b5c"),
            "10.244.0.7",
            "istio-ingressgateway-service-account",
            Container.PROXY_IMAGE,
            "istio-proxy"));
    p.add(
        platformPod(
            "istiod-67f5756967-x9xz6",
            "istio-system",
            "istiod",
            Map.of("app", "istiod", "istio", "pilot", "pod-template-hash", "67f5756967"),
            "10.244.0.6",
            "istiod-service-account",
            "docker.io/istio/pilot:1.8.1",
            "discovery"));
    p.add(
        platformPod(
            "coredns-f9fd979d6-7xwzh",
            "kube-system",
            "coredns",
            Map.of("k8s-app", "kube-dns", "pod-template-hash", "f9fd979d6"),
            "10.244.0.2",
            "coredns",
            "k8s.gcr.io/coredns:1.7.0",
            "coredns"));
    p.add(
        platformPod(
            "coredns-f9fd979d6-tqm4c",
            "kube-system",
            "coredns",
            Map.of("k8s-app", "kube-dns", "pod-template-hash", "f9fd979d6"),
            "10.244.0.3",
            "coredns",
            "k8s.gcr.io/coredns:1.7.0",
            "coredns"));
    p.add(
        platformPod(
            "etcd-controlplane",
            "kube-system",
            "",
            Map.of("component", "etcd", "tier", "control-plane"),
            Pod.NODE_IP,
            "default",
            "k8s.gcr.io/etcd:3.4.13-0",
            "etcd"));
    p.add(
        platformPod(
            "kube-apiserver-controlplane",
            "kube-system",
            "",
            Map.of("component", "kube-apiserver", "tier", "control-plane"),
            Pod.NODE_IP,
            "default",
            "k8s.gcr.io/kube-apiserver:v1.19.4",
            "kube-apiserver"));
    p.add(
        platformPod(
            "kube-controller-manager-controlplane",
            "kube-system",
            "",
            Map.of("component", "kube-controller-manager", "tier", "control-plane"),
            Pod.NODE_IP,
            "default",
            "k8s.gcr.io/kube-controller-manager:v1.19.4",
            "kube-controller-manager"));
    p.add(
        platformPod(
            "kube-proxy-8kqgw",
            "kube-system",
            "",
            Map.of(
                "k8s-app",
                "kube-proxy",
                "controller-revision-hash",
                "6ff5b7cf9b",
                "pod-template-generation",
                "1"),
            Pod.NODE_IP,
            "kube-proxy",
            "k8s.gcr.io/kube-proxy:v1.19.4",
            "kube-proxy"));
    p.add(
        platformPod(
            "kube-scheduler-controlplane",
            "kube-system",
            "",
            Map.of("component", "kube-scheduler", "tier", "control-plane"),
            Pod.NODE_IP,
            "default",
            "k8s.gcr.io/kube-scheduler:v1.19.4",
            "kube-scheduler"));
    return List.copyOf(p);
  }

  private static Pod platformPod(
      String name,
      String ns,
      String workload,
      Map<String, String> labels,
      String ip,
      String sa,
      String image,
      String container) {
    String hash = labels.get("pod-template-hash");
    return new Pod(
        name,
        ns,
        workload,
        labels,
        ip,
        sa,
        Pod.NODE,
        image,
        false,
        hash == null ? "" : workload + "-" + hash,
        List.of(new Container(container, image, List.of())),
        Map.of(),
        java.time.Instant.EPOCH,
        0);
  }
}
