package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl against the cluster's controller: pods start by time, verbs change the workloads. */
class KubectlClusterLifecycleTest extends RealMeshShellTest {
  final FakeTerminal ctx = sandbox();

  List<String> podNames(String app) {
    String out =
        run(ctx, "kubectl get pods -l app=" + app + " -o jsonpath='{.items[*].metadata.name}'")
            .output();
    return out.isBlank() ? List.of() : List.of(out.trim().split(" "));
  }

  @Test
  void labellingTheInjectedNamespaceAgainNeedsOverwrite() {
    ExecResult r = run(ctx, "kubectl label namespace default istio-injection=enabled");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .isEqualTo(
            "error: 'istio-injection' already has a value (enabled), and --overwrite is false\n");
    assertThat(run(ctx, "kubectl label ns default istio-injection=enabled --overwrite").output())
        .isEqualTo("namespace/default not labeled\n");
    assertThat(run(ctx, "kubectl create namespace foo").output())
        .isEqualTo("namespace/foo created\n");
    assertThat(run(ctx, "kubectl label ns foo istio-injection=enabled").output())
        .isEqualTo("namespace/foo labeled\n");
    assertThat(run(ctx, "kubectl get ns foo --show-labels").output())
        .containsPattern("\nfoo    Active   \\w+ +istio-injection=enabled\n");
  }

  @Test
  void scaledPodsStartThroughInitAndWaitSeesThemReady() {
    assertThat(run(ctx, "kubectl scale deploy ratings-v1 --replicas=2").output())
        .isEqualTo("deployment.apps/ratings-v1 scaled\n");
    String pods = run(ctx, "kubectl get pods -l app=ratings").output();
    assertThat(pods.lines().count()).isEqualTo(3);
    assertThat(pods)
        .containsPattern(
            "\nratings-v1-7dc98c7588-\\w{5} +0/2 +(Pending|Init:0/1|PodInitializing) +0 +\\ds\n");
    ExecResult w = run(ctx, "kubectl wait --for=condition=Ready pod -l app=ratings --timeout=30s");
    assertThat(w.exitCode()).isZero();
    assertThat(w.output().lines().filter(l -> l.endsWith(" condition met")).count()).isEqualTo(2);
    assertThat(run(ctx, "kubectl get deploy ratings-v1").output())
        .contains("\nratings-v1   2/2     2            2 ");
    assertThat(run(ctx, "kubectl get events").output())
        .startsWith("LAST SEEN   TYPE     REASON              OBJECT ")
        .containsPattern(
            "Normal +Scheduled +pod/ratings-v1-7dc98c7588-\\w{5} +Successfully assigned"
                + " default/ratings-v1-7dc98c7588-\\w{5} to controlplane\n");
  }

  @Test
  void aDeletedPodIsReplacedByItsReplicaSet() {
    List<String> before = podNames("details");
    assertThat(before).hasSize(1);
    assertThat(run(ctx, "kubectl delete pod " + before.get(0)).output())
        .isEqualTo("pod \"" + before.get(0) + "\" deleted\n");
    List<String> after = podNames("details");
    assertThat(after).hasSize(1).doesNotContain(before.get(0));
    assertThat(after.get(0)).startsWith("details-v1-558b8b4b76-");
  }

  @Test
  void setImageRollsOutANewRevision() {
    assertThat(
            run(
                    ctx,
                    "kubectl set image deployment/ratings-v1"
                        + " ratings=docker.io/istio/examples-bookinfo-ratings-v2:1.16.2")
                .output())
        .isEqualTo("deployment.apps/ratings-v1 image updated\n");
    ExecResult s = run(ctx, "kubectl rollout status deployment/ratings-v1 --timeout=20s");
    assertThat(s.exitCode()).isZero();
    assertThat(s.output()).endsWith("deployment \"ratings-v1\" successfully rolled out\n");
    assertThat(run(ctx, "kubectl rollout history deploy/ratings-v1").output())
        .isEqualTo(
            """
            deployment.apps/ratings-v1 \n\
            REVISION  CHANGE-CAUSE
            1         <none>
            2         <none>

            """);
    assertThat(run(ctx, "kubectl rollout restart deploy/ratings-v1").output())
        .isEqualTo("deployment.apps/ratings-v1 restarted\n");
  }

  @Test
  void patchAndAnnotateSayWhatChanged() {
    assertThat(
            run(
                    ctx,
                    "kubectl patch deploy ratings-v1 --type merge -p '{\"spec\":{\"replicas\":1}}'")
                .output())
        .isEqualTo("deployment.apps/ratings-v1 patched (no change)\n");
    assertThat(run(ctx, "kubectl annotate deploy ratings-v1 team=ratings").output())
        .isEqualTo("deployment.apps/ratings-v1 annotated\n");
    assertThat(run(ctx, "kubectl annotate deploy ratings-v1 team=other").output())
        .isEqualTo("error: 'team' already has a value (ratings), and --overwrite is false\n");
  }

  @Test
  void customResourcesOfAnAppliedCrdAreListedByName() {
    run(
        ctx,
        "printf 'apiVersion: apiextensions.k8s.io/v1\\nkind: CustomResourceDefinition\\nmetadata:\\n"
            + "  name: crontabs.stable.example.com\\nspec:\\n  group: stable.example.com\\n"
            + "  scope: Namespaced\\n  names:\\n    plural: crontabs\\n    singular: crontab\\n"
            + "    kind: CronTab\\n    shortNames: [ct]\\n  versions:\\n  - name: v1\\n"
            + "    served: true\\n    storage: true\\n' > crd.yaml");
    run(
        ctx,
        "printf 'apiVersion: stable.example.com/v1\\nkind: CronTab\\nmetadata:\\n  name: my-cron\\n"
            + "spec:\\n  cronSpec: x\\n' > ct.yaml");
    assertThat(run(ctx, "kubectl apply -f crd.yaml").output())
        .isEqualTo(
            "customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n");
    assertThat(run(ctx, "kubectl apply -f ct.yaml").output())
        .isEqualTo("crontab.stable.example.com/my-cron created\n");
    assertThat(run(ctx, "kubectl get ct").output()).matches("NAME      AGE\nmy-cron   \\ds\n");
    assertThat(run(ctx, "kubectl get crontab nope -o yaml").output())
        .isEqualTo(
            "Error from server (NotFound): crontabs.stable.example.com \"nope\" not found\n");
    assertThat(run(ctx, "kubectl delete ct my-cron").output())
        .isEqualTo("crontab.stable.example.com \"my-cron\" deleted\n");
  }
}
