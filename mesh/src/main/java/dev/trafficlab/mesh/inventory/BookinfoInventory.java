package dev.trafficlab.mesh.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio 1.8.1's samples/bookinfo/platform/kube/bookinfo.yaml as installed, with realistic pod
 * names.
 */
final class BookinfoInventory {
  private BookinfoInventory() {}

  static final Inventory INSTANCE = build();

  private static Inventory build() {
    List<Service> services = new ArrayList<>();
    List<Deployment> deployments = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    String[][] apps = {
      // app, version, pod-template-hash, pod suffix, pod IP
      {"details", "v1", "558b8b4b76", "qwj7t", "10.244.0.11"},
      {"ratings", "v1", "7dc98c7588", "6tzmw", "10.244.0.12"},
      {"reviews", "v1", "7f99cc4496", "gdxfn", "10.244.0.13"},
      {"reviews", "v2", "7d79d5bd5d", "8zzqd", "10.244.0.14"},
      {"reviews", "v3", "7dbcdcbc56", "m8kbn", "10.244.0.15"},
      {"productpage", "v1", "6b746f74dc", "mp6tf", "10.244.0.16"},
    };
    Map<String, String> clusterIps =
        Map.of(
            "details",
            "10.96.78.147",
            "ratings",
            "10.96.215.33",
            "reviews",
            "10.96.40.170",
            "productpage",
            "10.96.3.41");
    for (String app : List.of("details", "ratings", "reviews", "productpage")) {
      services.add(
          new Service(
              app,
              "default",
              clusterIps.get(app),
              List.of(new Service.Port("http", 9080, 9080, "TCP")),
              Map.of("app", app),
              Map.of("app", app, "service", app)));
    }
    for (String[] a : apps) {
      String deployment = a[0] + "-" + a[1];
      Map<String, String> labels = Map.of("app", a[0], "version", a[1]);
      String sa = "bookinfo-" + a[0];
      deployments.add(
          new Deployment(
              deployment,
              "default",
              labels,
              "docker.io/istio/examples-bookinfo-" + a[0] + "-" + a[1] + ":1.16.2",
              1,
              sa));
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
              "minikube",
              "docker.io/istio/examples-bookinfo-" + a[0] + "-" + a[1] + ":1.16.2",
              true));
    }
    services.add(
        new Service(
            "istio-ingressgateway",
            "istio-system",
            "10.96.160.52",
            List.of(
                new Service.Port("status-port", 15021, 15021, "TCP"),
                new Service.Port("http2", 80, 8080, "TCP"),
                new Service.Port("https", 443, 8443, "TCP")),
            Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"),
            Map.of("app", "istio-ingressgateway", "istio", "ingressgateway")));
    services.add(
        new Service(
            "istiod",
            "istio-system",
            "10.96.12.9",
            List.of(
                new Service.Port("grpc-xds", 15010, 15010, "TCP"),
                new Service.Port("https-dns", 15012, 15012, "TCP"),
                new Service.Port("https-webhook", 443, 15017, "TCP"),
                new Service.Port("http-monitoring", 15014, 15014, "TCP")),
            Map.of("app", "istiod", "istio", "pilot"),
            Map.of("app", "istiod", "istio", "pilot")));
    deployments.add(
        new Deployment(
            "istio-ingressgateway",
            "istio-system",
            Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"),
            "docker.io/istio/proxyv2:1.8.1",
            1,
            "istio-ingressgateway-service-account"));
    deployments.add(
        new Deployment(
            "istiod",
            "istio-system",
            Map.of("app", "istiod", "istio", "pilot"),
            "docker.io/istio/pilot:1.8.1",
            1,
            "istiod-service-account"));
    pods.add(
        new Pod(
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
            "minikube",
            "docker.io/istio/proxyv2:1.8.1",
            false));
    pods.add(
        new Pod(
            "istiod-67f5756967-x9xz6",
            "istio-system",
            "istiod",
            Map.of("app", "istiod", "istio", "pilot", "pod-template-hash", "67f5756967"),
            "10.244.0.6",
            "istiod-service-account",
            "minikube",
            "docker.io/istio/pilot:1.8.1",
            false));
    List<String> serviceAccounts =
        List.of(
            "default/bookinfo-details",
            "default/bookinfo-ratings",
            "default/bookinfo-reviews",
            "default/bookinfo-productpage",
            "istio-system/istio-ingressgateway-service-account",
            "istio-system/istiod-service-account");
    return new Inventory(
        List.of("default", "istio-system", "kube-system", "kube-public", "kube-node-lease"),
        services,
        deployments,
        pods,
        serviceAccounts);
  }
}
