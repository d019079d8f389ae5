package dev.trafficlab.mesh.cluster;

import static dev.trafficlab.mesh.cluster.ClusterTest.HTTPBIN;
import static dev.trafficlab.mesh.cluster.ClusterTest.SLEEP;
import static dev.trafficlab.mesh.cluster.ClusterTest.apply;
import static dev.trafficlab.mesh.cluster.ClusterTest.podsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.ReplicaSet;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentsRunPodsTest {
  final ClusterTest.MovableClock clock = new ClusterTest.MovableClock();
  final ConfigStore store = ClusterTest.store(clock);

  @Test
  void applyingSleepCreatesItsObjectsAsKubectlSays() {
    ApplyReport r = apply(store, SLEEP);
    assertThat(r.output())
        .isEqualTo(
            "serviceaccount/sleep created\nservice/sleep created\ndeployment.apps/sleep created\n");
    assertThat(apply(store, SLEEP).output())
        .isEqualTo(
            "serviceaccount/sleep unchanged\nservice/sleep unchanged\ndeployment.apps/sleep unchanged\n");
    assertThat(store.current().inventory().service("default", "sleep")).isPresent();
    assertThat(store.current().inventory().serviceAccounts()).contains("default/sleep");
  }

  @Test
  void aDeploymentMakesAReplicaSetNamedWithItsTemplateHashAndPodsWithARandomSuffix() {
    apply(store, SLEEP);
    Inventory inv = store.current().inventory();
    List<ReplicaSet> sets = inv.replicaSetsOf("default", "sleep");
    assertThat(sets).hasSize(1);
    ReplicaSet rs = sets.get(0);
    assertThat(rs.name()).matches("sleep-[bcdfghjklmnpqrstvwxz2456789]{8,10}");
    assertThat(rs.revision()).isEqualTo(1);
    List<Pod> pods = podsOf(store, "sleep");
    assertThat(pods).hasSize(1);
    Pod pod = pods.get(0);
    assertThat(pod.name()).matches(rs.name() + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(pod.owner()).isEqualTo(rs.name());
    assertThat(pod.labels()).containsEntry("pod-template-hash", rs.templateHash());
    assertThat(pod.image()).isEqualTo("governmentpaas/curl-ssl");
    assertThat(pod.nodeName()).isEqualTo("controlplane");
    assertThat(pod.ip()).startsWith("10.244.");
  }

  @Test
  void theSameChangesAtTheSameInstantsGiveTheSameCluster() {
    ClusterTest.MovableClock other = new ClusterTest.MovableClock();
    ConfigStore twin = ClusterTest.store(other);
    apply(store, SLEEP);
    apply(twin, SLEEP);
    assertThat(podsOf(twin, "sleep").get(0).name()).isEqualTo(podsOf(store, "sleep").get(0).name());
  }

  @Test
  void injectedPodsGoThroughInitThenPodInitializingToRunningWithinTwoSeconds() {
    apply(store, SLEEP);
    Pod pod = podsOf(store, "sleep").get(0);
    assertThat(pod.sidecar()).isTrue();
    assertThat(pod.containers()).extracting(c -> c.name()).containsExactly("sleep", "istio-proxy");
    assertThat(pod.status(clock.now)).isEqualTo("Pending");
    assertThat(pod.readyColumn(clock.now)).isEqualTo("0/2");
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (int ms = 0; ms <= 2000; ms += 10) {
      seen.add(pod.status(clock.now.plusMillis(ms)));
    }
    assertThat(seen).containsExactly("Pending", "Init:0/1", "PodInitializing", "Running");
    assertThat(pod.ready(clock.now.plusMillis(999))).isFalse();
    assertThat(pod.ready(clock.now.plusMillis(2000))).isTrue();
    assertThat(pod.readyColumn(clock.now.plusSeconds(2))).isEqualTo("2/2");
  }

  /**
   * What istioctl kube-inject writes into a template, as far as the cluster reads it: the status
   * annotation and the istio-proxy container after the application's.
   */
  static String kubeInjectedSleep(String namespace) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep
          namespace: NS
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: sleep
          template:
            metadata:
              labels:
                app: sleep
              annotations:
                sidecar.istio.io/status: '{"version":"x","initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"],"imagePullSecrets":null}'
            spec:
              containers:
              - name: sleep
                image: tutum/curl
              - name: istio-proxy
                image: docker.io/istio/proxyv2:1.8.1
        """
        .replace("NS", namespace);
  }

  @Test
  void aKubeInjectedPodHasOneSidecarWhetherOrNotItsNamespaceInjectsToo() {
    // 1.8.1's webhook re-injects a pod that carries sidecar.istio.io/status: it removes the
    // containers the status names before adding its own, so the pod is 2/2, not 3/3
    apply(store, kubeInjectedSleep("default"));
    Pod injectedTwice = podsOf(store, "sleep").get(0);
    assertThat(injectedTwice.sidecar()).isTrue();
    assertThat(injectedTwice.containers())
        .extracting(c -> c.name())
        .containsExactly("sleep", "istio-proxy");
    assertThat(injectedTwice.readyColumn(clock.now.plusSeconds(2))).isEqualTo("2/2");

    // without the namespace label the webhook leaves it alone: kube-inject's sidecar runs
    apply(store, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n");
    apply(store, kubeInjectedSleep("legacy"));
    Pod injectedOnce =
        store.current().inventory().pods().stream()
            .filter(p -> p.namespace().equals("legacy"))
            .findFirst()
            .orElseThrow();
    assertThat(injectedOnce.sidecar()).isTrue();
    assertThat(injectedOnce.containers())
        .extracting(c -> c.name())
        .containsExactly("sleep", "istio-proxy");
  }

  @Test
  void aPodWithoutSidecarShowsContainerCreating() {
    apply(
        store,
        SLEEP.replace(
            "    metadata:\n      labels:\n        app: sleep\n    spec:\n",
            "    metadata:\n      labels:\n        app: sleep\n      annotations:\n"
                + "        sidecar.istio.io/inject: \"false\"\n    spec:\n"));
    Pod pod = podsOf(store, "sleep").get(0);
    assertThat(pod.sidecar()).isFalse();
    assertThat(pod.containers()).hasSize(1);
    assertThat(pod.status(clock.now.plusMillis(500))).isEqualTo("ContainerCreating");
  }

  @Test
  void podStartEventsAreComputedFromTheInstantNotStored() {
    apply(store, SLEEP);
    Pod pod = podsOf(store, "sleep").get(0);
    Inventory inv = store.current().inventory();
    assertThat(inv.events(clock.now))
        .extracting(e -> e.reason())
        .contains("ScalingReplicaSet", "SuccessfulCreate", "Scheduled")
        .doesNotContain("Started");
    assertThat(inv.events(clock.now.plusSeconds(2)))
        .filteredOn(e -> e.objectName().equals(pod.name()))
        .extracting(e -> e.reason())
        .containsExactly(
            "Scheduled",
            "Pulled",
            "Created",
            "Started",
            "Pulling",
            "Pulled",
            "Created",
            "Started",
            "Pulled",
            "Created",
            "Started");
    assertThat(inv.events(clock.now).get(0).message())
        .startsWith("Scaled up replica set sleep-")
        .endsWith(" to 1");
  }

  @Test
  void onlyReadyPodsAreEndpointsAtAnInstant() {
    apply(store, HTTPBIN);
    Inventory inv = store.current().inventory();
    Service svc = inv.service("default", "httpbin").orElseThrow();
    assertThat(svc.ports().get(0).targetPort()).isEqualTo(80);
    assertThat(inv.endpoints(svc, Map.of())).hasSize(1);
    assertThat(inv.endpoints(svc, Map.of(), clock.now)).isEmpty();
    assertThat(inv.endpoints(svc, Map.of(), clock.now.plusSeconds(2))).hasSize(1);
  }

  @Test
  void deletingAPodMakesItsReplicaSetCreateAnother() {
    apply(store, SLEEP);
    Pod first = podsOf(store, "sleep").get(0);
    clock.advance(Duration.ofSeconds(5));
    assertThat(store.delete(ResourceKind.POD, "default", first.name()).action().jsonName())
        .isEqualTo("deleted");
    List<Pod> now = podsOf(store, "sleep");
    assertThat(now).hasSize(1);
    assertThat(now.get(0).name()).isNotEqualTo(first.name()).startsWith(first.owner() + "-");
    assertThat(now.get(0).created()).isEqualTo(clock.now);
  }

  @Test
  void theStartClusterHasBookinfoWithTheNamesLessonsPrintAndThePlatform() {
    Snapshot start = Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
    assertThat(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8)).isSameAs(start);
    Inventory inv = start.inventory();
    assertThat(inv.pods())
        .extracting(p -> p.namespace() + "/" + p.name() + " " + p.ip() + " " + p.sidecar())
        .containsExactlyInAnyOrderElementsOf(
            Inventory.bookinfo().pods().stream()
                .map(p -> p.namespace() + "/" + p.name() + " " + p.ip() + " " + p.sidecar())
                .toList());
    assertThat(inv.pods().stream().filter(p -> p.namespace().equals("kube-system")))
        .extracting(Pod::name)
        .contains("etcd-controlplane", "kube-apiserver-controlplane")
        .anyMatch(n -> n.startsWith("coredns-"))
        .anyMatch(n -> n.startsWith("kube-proxy-"));
    assertThat(inv.service("default", "kubernetes")).isPresent();
    Service ingress = inv.service("istio-system", "istio-ingressgateway").orElseThrow();
    assertThat(ingress.type()).isEqualTo("LoadBalancer");
    assertThat(ingress.ports())
        .extracting(p -> p.name() + ":" + p.port())
        .containsExactly("status-port:15021", "http2:80", "https:443", "tcp:31400", "tls:15443");
    assertThat(ingress.ports()).allMatch(p -> p.nodePort() >= 30000 && p.nodePort() <= 32767);
    assertThat(inv.service("istio-system", "istio-egressgateway")).isPresent();
    assertThat(start.namespaceLabels().get("default")).containsEntry("istio-injection", "enabled");
    assertThat(start.outboundTrafficPolicy()).isEqualTo("ALLOW_ANY");
    for (Service s : Inventory.bookinfo().services()) {
      assertThat(inv.service(s.namespace(), s.name()).orElseThrow().clusterIp())
          .isEqualTo(s.clusterIp());
    }
  }
}
