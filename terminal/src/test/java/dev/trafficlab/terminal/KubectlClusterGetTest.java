package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl get of the cluster's Kubernetes kinds, in kubectl 1.19's table shapes. */
class KubectlClusterGetTest extends FixedClockShellTest {
  KubectlClusterGetTest() {
    super(
        new FakeTerminal(Map.of(), TestResources.snapshot(FakeTerminal.NOW.minusSeconds(60))) {
          @Override
          public Instant createdAt() {
            return FakeTerminal.NOW.minusSeconds(3 * 86400 + 120);
          }
        });
  }

  @Test
  void replicaSetsShowDesiredCurrentReady() {
    String out = run("kubectl get rs").output();
    assertThat(out.lines().findFirst().orElseThrow())
        .isEqualTo("NAME                        DESIRED   CURRENT   READY   AGE");
    assertThat(out).contains("reviews-v3-7dbcdcbc56       1         1         1       3d\n");
  }

  @Test
  void endpointsListReadyPodAddressesAndCountTheRest() {
    String out = run("kubectl get endpoints -n istio-system").output();
    assertThat(out)
        .contains(
            "istiod                 10.244.0.6:15010,10.244.0.6:15012,10.244.0.6:15017 + 1 more...");
    assertThat(run("kubectl get ep reviews").output())
        .isEqualTo(
            """
            NAME      ENDPOINTS                                            AGE
            reviews   10.244.0.13:9080,10.244.0.14:9080,10.244.0.15:9080   3d
            """);
  }

  @Test
  void theNodeIsReadyWithItsVersionAndAddresses() {
    assertThat(run("kubectl get nodes").output())
        .isEqualTo(
            """
            NAME           STATUS   ROLES    AGE   VERSION
            controlplane   Ready    master   3d    v1.19.4
            """);
    assertThat(run("kubectl get no -o wide").output())
        .contains(
            "controlplane   Ready    master   3d    v1.19.4   192.168.49.2   <none>        Ubuntu"
                + " 20.04.3 LTS   5.4.0-88-generic   docker://19.3.13\n");
  }

  @Test
  void loadBalancerServiceIsPendingAndShowsNodePorts() {
    String out = run("kubectl get svc istio-ingressgateway -n istio-system").output();
    assertThat(out).startsWith("NAME                   TYPE           CLUSTER-IP ");
    assertThat(out).containsPattern("LoadBalancer   [0-9.]+ +<pending>     15021:3\\d{4}/TCP,80:3");
  }

  @Test
  void getAllPrefixesEachKindAndSkipsEmptyOnes() {
    String out = run("kubectl get all").output();
    assertThat(out).contains("\npod/productpage-v1-6b746f74dc-mp6tf   2/2     Running");
    assertThat(out).contains("\nNAME                  TYPE        CLUSTER-IP");
    assertThat(out).contains("\ndeployment.apps/reviews-v3       1/1     1            1 ");
    assertThat(out).contains("\nreplicaset.apps/reviews-v3-7dbcdcbc56       1         1         1");
    assertThat(out).doesNotContain("daemonset").doesNotContain("statefulset");
  }

  @Test
  void crdsAreIstiosWithCreationTime() {
    String out = run("kubectl get crds").output();
    assertThat(out.lines().findFirst().orElseThrow())
        .isEqualTo("NAME                                       CREATED AT");
    assertThat(out).contains("virtualservices.networking.istio.io        20");
    assertThat(out.lines().count()).isEqualTo(13);
  }

  @Test
  void configMapsAndTokenSecretsCountTheirData() {
    String out = run("kubectl get cm -n istio-system").output();
    assertThat(out)
        .isEqualTo(
            """
            NAME                     DATA   AGE
            istio                    2      3d
            istio-ca-root-cert       1      3d
            istio-sidecar-injector   2      3d
            """);
    assertThat(run("kubectl get secrets").output())
        .containsPattern(
            "\nbookinfo-details-token-[a-z0-9]{5}  +kubernetes.io/service-account-token   3 ");
  }

  @Test
  void eventsOfAQuietNamespaceAreNone() {
    ExecResult r = run("kubectl get events");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).isEqualTo("No resources found in default namespace.\n");
  }

  @Test
  void apiResourcesFilterByGroupWithKubectl119Columns() {
    assertThat(run("kubectl api-resources --api-group=apps").output())
        .isEqualTo(
            """
            NAME                  SHORTNAMES   APIGROUP   NAMESPACED   KIND
            controllerrevisions                apps       true         ControllerRevision
            daemonsets            ds           apps       true         DaemonSet
            deployments           deploy       apps       true         Deployment
            replicasets           rs           apps       true         ReplicaSet
            statefulsets          sts          apps       true         StatefulSet
            """);
    assertThat(run("kubectl api-resources").output())
        .contains("\nvirtualservices                   vs           networking.istio.io ");
  }

  @Test
  void watchWithoutAScreenPrintsWhatExistsAndANote() {
    ExecResult r = run("kubectl get pods -l app=ratings -w");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .isEqualTo(
            """
            NAME                          READY   STATUS    RESTARTS   AGE
            ratings-v1-7dc98c7588-6tzmw   2/2     Running   0          3d
            kubectl: printed once: this run has no live terminal to keep following on (the exec \
            API); run it in the terminal to follow until Ctrl+C
            """);
  }

  @Test
  void logsFollowWithoutAScreenPrintsTheLogSoFarAndANote() {
    ExecResult r = run("kubectl logs -f deploy/ratings-v1 -c istio-proxy");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .endsWith(
            "kubectl: printed once: this run has no live terminal to keep following on (the exec"
                + " API); run it in the terminal to follow until Ctrl+C\n");
  }

  @Test
  void istioDocsJsonPathsGiveTheIngressHostAndPort() {
    assertThat(
            run("kubectl get po -l istio=ingressgateway -n istio-system -o"
                    + " jsonpath='{.items[0].status.hostIP}'")
                .output())
        .isEqualTo("192.168.49.2");
    String port =
        run("kubectl -n istio-system get service istio-ingressgateway -o"
                + " jsonpath='{.spec.ports[?(@.name==\"http2\")].nodePort}'")
            .output();
    assertThat(port).matches("3\\d{4}");
    assertThat(run("kubectl get svc istio-ingressgateway -n istio-system").output())
        .contains("80:" + port + "/TCP");
  }
}
