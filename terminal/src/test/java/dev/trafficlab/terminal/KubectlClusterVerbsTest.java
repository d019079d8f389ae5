package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl wait, rollout status, cluster-info and exec/logs targets, worded as kubectl 1.19. */
class KubectlClusterVerbsTest extends FixedClockShellTest {
  KubectlClusterVerbsTest() {
    super(
        new FakeTerminal(
            Map.of(
                "/root/details.yaml",
                """
              apiVersion: v1
              kind: Service
              metadata:
                name: details
              spec:
                ports:
                - port: 9080
              ---
              apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: details-v1
              ---
              apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: details-v9
              """),
            TestResources.snapshot(FakeTerminal.NOW.minusSeconds(60))));
  }

  @Test
  void waitPrintsConditionMetForEachSelectedPod() {
    ExecResult r = run("kubectl wait --for=condition=Ready pod -l app=reviews --timeout=60s");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .isEqualTo(
            """
            pod/reviews-v1-7f99cc4496-gdxfn condition met
            pod/reviews-v2-7d79d5bd5d-8zzqd condition met
            pod/reviews-v3-7dbcdcbc56-m8kbn condition met
            """);
    assertThat(run("kubectl wait --for=condition=available deployment/ratings-v1").output())
        .isEqualTo("deployment.apps/ratings-v1 condition met\n");
  }

  @Test
  void waitNamesWhatIsMissingOrWrong() {
    assertThat(run("kubectl wait --for=condition=Ready pod/nope").output())
        .isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    assertThat(run("kubectl wait --for=condition=Ready pod -l app=nope").output())
        .isEqualTo("error: no matching resources found\n");
    assertThat(run("kubectl wait pod --all").output()).isEqualTo("error: --for must be set\n");
  }

  @Test
  void rolloutStatusOfARolledOutDeployment() {
    ExecResult r = run("kubectl rollout status deployment/ratings-v1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).isEqualTo("deployment \"ratings-v1\" successfully rolled out\n");
    assertThat(run("kubectl rollout status deploy nope").output())
        .isEqualTo("Error from server (NotFound): deployments.apps \"nope\" not found\n");
  }

  @Test
  void clusterInfoNamesTheApiServerAndDns() {
    assertThat(run("kubectl cluster-info").output())
        .isEqualTo(
            """
            Kubernetes master is running at https://192.168.49.2:6443
            KubeDNS is running at https://192.168.49.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

            To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
            """);
  }

  @Test
  void execTargetsAServiceOrDeploymentByItsPods() {
    assertThat(run("kubectl exec svc/ratings -c nope -- ls").output())
        .isEqualTo("error: unable to upgrade connection: container not found (\"nope\")\n");
    assertThat(run("kubectl exec deploy/nope -- ls").output())
        .isEqualTo("Error from server (NotFound): deployments.apps \"nope\" not found\n");
    assertThat(run("kubectl exec svc/nope -- ls").output())
        .isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
    assertThat(run("kubectl exec cm/x -- ls").output())
        .isEqualTo(
            "error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n");
  }

  @Test
  void logsOfAServiceSayWhichOfItsPodsIsUsed() {
    ExecResult r = run("kubectl logs svc/reviews -c istio-proxy");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).startsWith("Found 3 pods, using pod/reviews-v1-7f99cc4496-gdxfn\n");
  }

  @Test
  void proxyStatusListsOnlyPodsWithAProxy() {
    String out = run("istioctl proxy-status").output();
    assertThat(out).contains("istio-ingressgateway-5d8d7b9b5c-2xk4p.istio-system");
    assertThat(out).doesNotContain("istiod-67f5756967-x9xz6.istio-system");
    assertThat(out.lines().count()).isEqualTo(9);
  }

  @Test
  void describePodShowsInitContainersStatesAndAlignsLikeOneTabwriter() {
    String d = run("kubectl describe pod ratings").output();
    assertThat(d)
        .contains(
            """
            IPs:
              IP:           10.244.0.12
            Controlled By:  ReplicaSet/ratings-v1-7dc98c7588
            Init Containers:
              istio-init:
                Image:          docker.io/istio/proxyv2:1.8.1
                Port:           <none>
                Host Port:      <none>
                State:          Terminated
                  Reason:       Completed
                  Exit Code:    0
            """);
    assertThat(d).contains("    State:          Running\n      Started:      ");
    assertThat(d).containsPattern("Start Time:   \\w{3}, \\d{2} \\w{3} \\d{4} [0-9:]{8} \\+0000\n");
    assertThat(d).endsWith("Events:          <none>\n");
  }

  @Test
  void describeDeploymentShowsReplicasConditionsAndItsReplicaSet() {
    String d = run("kubectl describe deploy ratings-v1").output();
    assertThat(d)
        .contains(
            "Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable\n");
    assertThat(d)
        .contains(
            """
            Conditions:
              Type          Status   Reason
              ----          ------   ------
              Available     True     MinimumReplicasAvailable
              Progressing   True     NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   ratings-v1-7dc98c7588 (1/1 replicas created)
            """);
  }

  @Test
  void getFromAFileListsTheObjectsItNames() {
    ExecResult r = run("kubectl get -f details.yaml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .startsWith("NAME              TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE\n")
        .contains("service/details   ClusterIP   10.96.78.147   <none>        9080/TCP   ")
        .contains("\n\nNAME                         READY   UP-TO-DATE   AVAILABLE   AGE\n")
        .contains("deployment.apps/details-v1   1/1     1            1           ")
        .endsWith("Error from server (NotFound): deployments.apps \"details-v9\" not found\n");
    assertThat(run("kubectl get -f nope.yaml").output())
        .startsWith("error: the path \"nope.yaml\" does not exist");
  }
}
