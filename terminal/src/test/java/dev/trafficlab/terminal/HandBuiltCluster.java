package dev.trafficlab.terminal;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;

/**
 * Bookinfo plus sleep, httpbin v1/v2 (as the mirroring task deploys them), a sleep in namespace
 * legacy (not labelled for injection: no sidecar), tcp-echo and a Deployment of an image the lab
 * does not know, applied once and started (pods run after one to two seconds of wall clock).
 */
final class HandBuiltCluster {
  private HandBuiltCluster() {}

  static final Snapshot BASE = build();

  static final String SLEEP = pod("default", "sleep", "");
  static final String LEGACY = pod("legacy", "sleep", "");
  static final String HTTPBIN_V2 = pod("default", "httpbin", "v2");
  static final String WEB = pod("default", "web", "");

  static Snapshot snapshot() {
    return BASE;
  }

  private static Snapshot build() {
    StringBuilder yaml =
        new StringBuilder(
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
              name: tcp-echo
            spec:
              ports:
              - name: tcp
                port: 9000
              selector:
                app: tcp-echo
            """);
    yaml.append(deployment("sleep", "default", "sleep", "", "governmentpaas/curl-ssl", 80));
    yaml.append(deployment("sleep", "legacy", "sleep", "", "curlimages/curl", 80));
    yaml.append(
        deployment("httpbin-v1", "default", "httpbin", "v1", "docker.io/kennethreitz/httpbin", 80));
    yaml.append(
        deployment("httpbin-v2", "default", "httpbin", "v2", "docker.io/kennethreitz/httpbin", 80));
    yaml.append(deployment("web", "default", "web", "", "nginx:1.19", 80));
    yaml.append(
        deployment(
            "tcp-echo", "default", "tcp-echo", "v1", "docker.io/istio/tcp-echo-server:1.2", 9000));
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    var report = store.apply(yaml.toString(), "default", "workloads.yaml", ApplyMode.APPLY);
    if (!report.ok()) {
      throw new IllegalStateException(report.output());
    }
    Snapshot s = store.current();
    try {
      while (s.inventory().pods().stream().anyMatch(p -> !p.ready(Instant.now()))) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return s;
  }

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

  private static String pod(String ns, String app, String version) {
    return BASE.inventory().pods().stream()
        .filter(p -> p.namespace().equals(ns) && p.app().equals(app))
        .filter(p -> version.isEmpty() || p.version().equals(version))
        .map(Pod::name)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod " + app + " in " + ns));
  }
}
