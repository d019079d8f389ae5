package dev.trafficlab.mesh.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio 1.8.1's samples/bookinfo/platform/kube/bookinfo.yaml as installed on the lab's platform,
 * with the pod names lessons print. The store's start state derives the same from bookinfo.yaml (a
 * test holds them equal); this one is what code without a store uses.
 */
final class BookinfoInventory {
  private BookinfoInventory() {}

  /** app, version, pod-template-hash, pod suffix, pod IP of each Bookinfo deployment. */
  static final String[][] APPS = {
    {"details", "v1", "558b8b4b76", "qwj7t", "10.244.0.11"},
    {"ratings", "v1", "7dc98c7588", "6tzmw", "10.244.0.12"},
    {"reviews", "v1", "7f99cc4496", "gdxfn", "10.244.0.13"},
    {"reviews", "v2", "7d79d5bd5d", "8zzqd", "10.244.0.14"},
    {"reviews", "v3", "7dbcdcbc56", "m8kbn", "10.244.0.15"},
    {"productpage", "v1", "6b746f74dc", "mp6tf", "10.244.0.16"},
  };

  /** The fixed names of the start state's Bookinfo pods, for the controller. */
  static Map<String, ClusterState.Pin> pins() {
    Map<String, ClusterState.Pin> pins = new java.util.HashMap<>();
    for (String[] a : APPS) {
      pins.put("default/" + a[0] + "-" + a[1], new ClusterState.Pin(a[2], a[3], a[4]));
    }
    return pins;
  }

  static final Inventory INSTANCE = build();

  private static Inventory build() {
    List<Service> services = new ArrayList<>(Platform.SERVICES);
    List<Deployment> deployments = new ArrayList<>(Platform.DEPLOYMENTS);
    List<Pod> pods = new ArrayList<>(Platform.PODS);
    for (String app : List.of("details", "ratings", "reviews", "productpage")) {
      services.add(
          new Service(
              app,
              "default",
              ServiceIps.of("default", app),
              List.of(new Service.Port("http", 9080, 9080, "TCP", 0, "")),
              Map.of("app", app),
              Map.of("app", app, "service", app)));
    }
    for (String[] a : APPS) {
      String deployment = a[0] + "-" + a[1];
      Map<String, String> labels = Map.of("app", a[0], "version", a[1]);
      String sa = "bookinfo-" + a[0];
      String image = "docker.io/istio/examples-bookinfo-" + a[0] + "-" + a[1] + ":1.16.2";
      deployments.add(new Deployment(deployment, "default", labels, image, 1, sa));
      pods.add(
          new Pod(
              deployment + "-" + a[2] + "-" + a[3],
              "default",
              deployment,
              Map.of(
                  "app",
                  a[0],
                  "version",
                  a[1],
                  "pod-template-hash",
                  a[2],
                  "security.istio.io/tlsMode",
                  "istio",
                  "service.istio.io/canonical-name",
                  a[0],
                  "service.istio.io/canonical-revision",
                  a[1]),
              a[4],
              sa,
              Pod.NODE,
              image,
              true,
              deployment + "-" + a[2],
              List.of(new Container(a[0], image, List.of(9080)), Container.istioProxy()),
              Map.of(),
              java.time.Instant.EPOCH,
              0));
    }
    List<String> serviceAccounts = new ArrayList<>(Platform.SERVICE_ACCOUNTS);
    for (String app : List.of("details", "ratings", "reviews", "productpage")) {
      serviceAccounts.add("default/bookinfo-" + app);
    }
    return new Inventory(
        new ArrayList<>(new java.util.TreeSet<>(Platform.NAMESPACES.keySet())),
        services,
        deployments,
        pods,
        serviceAccounts,
        List.of(),
        List.of(),
        Platform.NAMESPACES);
  }
}
