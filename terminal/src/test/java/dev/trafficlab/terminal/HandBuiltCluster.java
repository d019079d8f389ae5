package dev.trafficlab.terminal;

import dev.trafficlab.mesh.inventory.Deployment;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bookinfo plus sleep, httpbin v1/v2 (as the mirroring task deploys them), a sleep without a
 * sidecar and a Deployment of an image the lab does not know, as the cluster would derive them from
 * the samples. Stands in until Deployments can be applied.
 */
final class HandBuiltCluster {
  private HandBuiltCluster() {}

  static final String SLEEP = "sleep-854565cb79-4xkmc";
  static final String LEGACY = "legacy-sleep-7c9d6b9c7d-q2w8n";
  static final String HTTPBIN_V1 = "httpbin-v1-75d9447d79-5hxmw";
  static final String HTTPBIN_V2 = "httpbin-v2-6b8c8d6f5d-z7v2k";
  static final String WEB = "web-5d9b8c7f6d-k2lmn";

  static Snapshot snapshot() {
    Inventory b = Inventory.bookinfo();
    List<Service> services = new ArrayList<>(b.services());
    services.add(svc("httpbin", "10.96.7.1", 8000, 80));
    services.add(svc("sleep", "10.96.7.2", 80, 80));
    services.add(svc("legacy-sleep", "10.96.7.3", 80, 80));
    services.add(svc("web", "10.96.7.4", 80, 8080));
    services.add(
        new Service(
            "tcp-echo",
            "default",
            "10.96.7.6",
            List.of(new Service.Port("tcp", 9000, 9000, "TCP")),
            Map.of("app", "tcp-echo"),
            Map.of("app", "tcp-echo")));
    List<Pod> extra =
        List.of(
            pod(
                SLEEP,
                "sleep",
                Map.of("app", "sleep"),
                "10.244.0.30",
                "governmentpaas/curl-ssl",
                true),
            pod(
                LEGACY,
                "legacy-sleep",
                Map.of("app", "legacy-sleep"),
                "10.244.0.31",
                "curlimages/curl",
                false),
            pod(
                HTTPBIN_V1,
                "httpbin-v1",
                Map.of("app", "httpbin", "version", "v1"),
                "10.244.0.32",
                "docker.io/kennethreitz/httpbin",
                true),
            pod(
                HTTPBIN_V2,
                "httpbin-v2",
                Map.of("app", "httpbin", "version", "v2"),
                "10.244.0.33",
                "docker.io/kennethreitz/httpbin",
                true),
            pod(WEB, "web", Map.of("app", "web"), "10.244.0.34", "nginx:1.19", true),
            pod(
                "tcp-echo-v1-6b8d8d9c77-xw2hq",
                "tcp-echo-v1",
                Map.of("app", "tcp-echo", "version", "v1"),
                "10.244.0.36",
                "docker.io/istio/tcp-echo-server:1.2",
                true));
    List<Pod> pods = new ArrayList<>(b.pods());
    pods.addAll(extra);
    List<Deployment> deployments = new ArrayList<>(b.deployments());
    for (Pod p : extra) {
      deployments.add(
          new Deployment(p.workload(), "default", p.labels(), p.image(), 1, p.serviceAccount()));
    }
    return Snapshot.empty(
        new Inventory(b.namespaces(), services, deployments, pods, b.serviceAccounts()),
        IstioProfile.ISTIO_1_8);
  }

  private static Service svc(String name, String ip, int port, int target) {
    return new Service(
        name,
        "default",
        ip,
        List.of(new Service.Port("http", port, target, "TCP")),
        Map.of("app", name),
        Map.of("app", name));
  }

  private static Pod pod(
      String name,
      String workload,
      Map<String, String> labels,
      String ip,
      String image,
      boolean sidecar) {
    Map<String, String> l = new java.util.HashMap<>(labels);
    l.put("pod-template-hash", name.split("-")[name.split("-").length - 2]);
    return new Pod(
        name,
        "default",
        workload,
        Map.copyOf(l),
        ip,
        workload.replaceAll("-v\\d+$", ""),
        "minikube",
        image,
        sidecar);
  }
}
