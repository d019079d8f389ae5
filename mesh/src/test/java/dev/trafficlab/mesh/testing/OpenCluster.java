package dev.trafficlab.mesh.testing;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;

/**
 * Bookinfo plus the workloads Istio's other tasks deploy, applied as a learner would: sleep and
 * httpbin v1/v2 (with sidecars), a sleep without one (namespace legacy, not labelled for
 * injection), helloworld v1, tcp-echo, and a Deployment of an image the lab does not know
 * (nginx:1.19 as {@code web}). Built once (its pods start in one to two seconds of wall clock);
 * each test applies its Istio objects on top. Shared through mesh's test jar so the data-plane and
 * terminal tests run against the same cluster.
 */
public final class OpenCluster {
  private OpenCluster() {}

  public static final String WORKLOADS =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: legacy
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: httpbin
      spec:
        ports:
        - name: http
          port: 8000
          targetPort: 80
        selector:
          app: httpbin
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: sleep
      spec:
        ports:
        - name: http
          port: 80
        selector:
          app: sleep
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        ports:
        - name: http
          port: 80
        selector:
          app: web
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: helloworld
      spec:
        ports:
        - name: http
          port: 5000
        selector:
          app: helloworld
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: tcp-echo
      spec:
        ports:
        - name: tcp
          port: 9000
        selector:
          app: tcp-echo
      """
          + deployment("sleep", "default", "sleep", "", "governmentpaas/curl-ssl", 80)
          + deployment("sleep", "legacy", "sleep", "", "curlimages/curl:7.73.0", 80)
          + deployment(
              "httpbin-v1", "default", "httpbin", "v1", "docker.io/kennethreitz/httpbin", 80)
          + deployment(
              "httpbin-v2", "default", "httpbin", "v2", "docker.io/kennethreitz/httpbin", 80)
          + deployment("web", "default", "web", "", "nginx:1.19", 80)
          + deployment(
              "helloworld-v1",
              "default",
              "helloworld",
              "v1",
              "docker.io/istio/examples-helloworld-v1",
              5000)
          + deployment(
              "tcp-echo", "default", "tcp-echo", "v1", "docker.io/istio/tcp-echo-server:1.2", 9000);

  private static String deployment(
      String name, String ns, String app, String version, String image, int port) {
    String labels = "app: " + app + (version.isEmpty() ? "" : ", version: " + version);
    return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + ns
        + "\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {"
        + labels
        + "}\n  template:\n    metadata:\n      labels: {"
        + labels
        + "}\n    spec:\n      containers:\n      - name: "
        + app
        + "\n        image: "
        + image
        + "\n        ports:\n        - containerPort: "
        + port
        + "\n";
  }

  private static Snapshot base;

  /** The workloads applied, every pod running. */
  public static synchronized Snapshot base() {
    if (base == null) {
      ConfigStore store =
          new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
      apply(store, WORKLOADS);
      Snapshot s = store.current();
      try {
        while (s.inventory().pods().stream().anyMatch(p -> !p.ready(Instant.now()))) {
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      base = s;
    }
    return base;
  }

  /** The workloads with these Istio objects applied (YAML, kubectl apply semantics). */
  public static ConfigStore store(String... yamls) {
    ConfigStore store = new ConfigStore(base());
    for (String y : yamls) {
      apply(store, y);
    }
    return store;
  }

  /** Applies {@code yaml} in namespace default; fails the test if kubectl would refuse it. */
  public static void apply(ConfigStore store, String yaml) {
    var report = store.apply(yaml, "default", "test.yaml", ApplyMode.APPLY);
    if (!report.ok()) {
      throw new IllegalStateException(report.output());
    }
  }

  /** The name of the pod of that app (and version, "" for any) in that namespace of the base. */
  public static String pod(String ns, String app, String version) {
    return pod(base(), ns, app, version);
  }

  /** The name of the pod of that app (and version, "" for any) in that namespace. */
  public static String pod(Snapshot s, String ns, String app, String version) {
    return s.inventory().pods().stream()
        .filter(p -> p.namespace().equals(ns) && p.app().equals(app))
        .filter(p -> version.isEmpty() || p.version().equals(version))
        .map(Pod::name)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod " + app + " " + version + " in " + ns));
  }
}
