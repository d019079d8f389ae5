package dev.trafficlab.bookinfo;

import dev.trafficlab.mesh.inventory.Deployment;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bookinfo plus the workloads Istio's other tasks deploy, built by hand as the cluster's controller
 * would derive them: sleep and httpbin v1/v2 (with sidecars), a sleep without one, helloworld v1,
 * and a Deployment of an image the lab does not know.
 */
final class OpenClusterInventory {
  private OpenClusterInventory() {}

  static final String SLEEP = "sleep-854565cb79-4xkmc";
  static final String LEGACY_SLEEP = "legacy-sleep-7c9d6b9c7d-q2w8n";
  static final String HTTPBIN_V1 = "httpbin-v1-75d9447d79-5hxmw";
  static final String HTTPBIN_V2 = "httpbin-v2-6b8c8d6f5d-z7v2k";
  static final String WEB = "web-5d9b8c7f6d-k2lmn";
  static final String HELLO_V1 = "helloworld-v1-776f57d5f6-s7zfc";

  static Inventory inventory() {
    Inventory b = Inventory.bookinfo();
    List<Service> services = new ArrayList<>(b.services());
    services.add(svc("httpbin", "10.96.7.1", 8000, 80, "app", "httpbin"));
    services.add(svc("sleep", "10.96.7.2", 80, 80, "app", "sleep"));
    services.add(svc("legacy-sleep", "10.96.7.3", 80, 80, "app", "legacy-sleep"));
    services.add(svc("web", "10.96.7.4", 80, 8080, "app", "web"));
    services.add(svc("helloworld", "10.96.7.5", 5000, 5000, "app", "helloworld"));
    List<Pod> pods = new ArrayList<>(b.pods());
    pods.add(
        pod(
            SLEEP,
            "sleep",
            Map.of("app", "sleep"),
            "10.244.0.30",
            "governmentpaas/curl-ssl",
            true));
    pods.add(
        pod(
            LEGACY_SLEEP,
            "legacy-sleep",
            Map.of("app", "legacy-sleep"),
            "10.244.0.31",
            "curlimages/curl:7.73.0",
            false));
    pods.add(
        pod(
            HTTPBIN_V1,
            "httpbin-v1",
            Map.of("app", "httpbin", "version", "v1"),
            "10.244.0.32",
            "docker.io/kennethreitz/httpbin",
            true));
    pods.add(
        pod(
            HTTPBIN_V2,
            "httpbin-v2",
            Map.of("app", "httpbin", "version", "v2"),
            "10.244.0.33",
            "docker.io/kennethreitz/httpbin:latest",
            true));
    pods.add(pod(WEB, "web", Map.of("app", "web"), "10.244.0.34", "nginx:1.19", true));
    pods.add(
        pod(
            HELLO_V1,
            "helloworld-v1",
            Map.of("app", "helloworld", "version", "v1"),
            "10.244.0.35",
            "docker.io/istio/examples-helloworld-v1",
            true));
    List<Deployment> deployments = new ArrayList<>(b.deployments());
    for (Pod p : pods.subList(b.pods().size(), pods.size())) {
      deployments.add(
          new Deployment(p.workload(), "default", p.labels(), p.image(), 1, p.serviceAccount()));
    }
    List<String> accounts = new ArrayList<>(b.serviceAccounts());
    return new Inventory(b.namespaces(), services, deployments, pods, accounts);
  }

  /** The cluster with these Istio objects applied (YAML, kubectl apply semantics). */
  static Snapshot with(String... yamls) {
    ConfigStore store = new ConfigStore(Snapshot.empty(inventory(), IstioProfile.ISTIO_1_8));
    for (String y : yamls) {
      var report = store.apply(y, "default", "test.yaml", ApplyMode.APPLY);
      if (!report.ok()) {
        throw new IllegalStateException(report.output());
      }
    }
    return store.current();
  }

  private static Service svc(String name, String ip, int port, int target, String k, String v) {
    return new Service(
        name,
        "default",
        ip,
        List.of(new Service.Port("http", port, target, "TCP")),
        Map.of(k, v),
        Map.of(k, v));
  }

  private static Pod pod(
      String name,
      String workload,
      Map<String, String> labels,
      String ip,
      String image,
      boolean sidecar) {
    return new Pod(
        name,
        "default",
        workload,
        labels,
        ip,
        workload.replaceAll("-v\\d+$", ""),
        "minikube",
        image,
        sidecar);
  }
}
