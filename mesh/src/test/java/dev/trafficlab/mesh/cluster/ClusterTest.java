package dev.trafficlab.mesh.cluster;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.testing.HttpbinSamples;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A store over the start cluster with a clock the test moves. */
final class ClusterTest {
  private ClusterTest() {}

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** A clock that stays where it is put. */
  static final class MovableClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  static ConfigStore store(Clock clock) {
    return new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8), clock);
  }

  static ApplyReport apply(ConfigStore store, String yaml) {
    return store.apply(yaml, "default", "STDIN", ApplyMode.APPLY);
  }

  static final String SLEEP =
      """
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: sleep
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: sleep
        labels:
          app: sleep
      spec:
        ports:
        - port: 80
          name: http
        selector:
          app: sleep
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: sleep
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: sleep
        template:
          metadata:
            labels:
              app: sleep
          spec:
            serviceAccountName: sleep
            containers:
            - name: sleep
              image: governmentpaas/curl-ssl
              command: ["/bin/sleep", "3650d"]
              imagePullPolicy: IfNotPresent
      """;

  /** Istio 1.8.1's samples/httpbin/httpbin.yaml. */
  static final String HTTPBIN = HttpbinSamples.sample();

  static java.util.List<Pod> podsOf(ConfigStore store, String app) {
    return store.current().inventory().pods().stream().filter(p -> p.app().equals(app)).toList();
  }
}
