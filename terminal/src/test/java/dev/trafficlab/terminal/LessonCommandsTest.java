package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.commands.StandardCommands;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Every command of the lesson exactly as typed, against the real config store and the lesson's
 * files.
 */
class LessonCommandsTest {
  /** The lesson's start: the gateway and the destination rules of the samples, applied once. */
  static final Snapshot START = TestResources.lessonStart();

  final FakeTerminal ctx = new FakeTerminal(TestResources.lessonFiles(), START);
  final Shell shell = new Shell(StandardCommands.all(), null, Clock.systemUTC());

  ExecResult run(String line) {
    return FakeTerminal.run(shell, ctx, line);
  }

  @Test
  void theLessonFromStartToCleanup() {
    assertThat(run("kubectl get pods").output())
        .containsPattern("\nreviews-v3-7dbcdcbc56-m8kbn +2/2 +Running +0 +2m(\\d+s)?\n");

    ExecResult apply =
        run("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml");
    assertThat(apply.exitCode()).isZero();
    assertThat(apply.output())
        .isEqualTo(
            """
        virtualservice.networking.istio.io/productpage created
        virtualservice.networking.istio.io/reviews created
        virtualservice.networking.istio.io/ratings created
        virtualservice.networking.istio.io/details created
        """);
    assertThat(
            run("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml")
                .output())
        .contains("virtualservice.networking.istio.io/reviews unchanged");

    assertThat(
            run("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml")
                .output())
        .isEqualTo("virtualservice.networking.istio.io/reviews configured\n");

    String vs = run("kubectl get virtualservices").output();
    assertThat(vs.lines().findFirst().orElseThrow()).matches("NAME +GATEWAYS +HOSTS +AGE");
    assertThat(vs).containsPattern("\nbookinfo +\\[bookinfo-gateway\\] +\\[\\*\\] +\\d+s\n");
    assertThat(vs).containsPattern("\nreviews +\\[reviews\\] +\\d+s\n");
    assertThat(vs.lines().count()).isEqualTo(6);

    String drs = run("kubectl get destinationrules -o yaml").output();
    assertThat(drs)
        .startsWith(
            "apiVersion: v1\nitems:\n- apiVersion: networking.istio.io/v1beta1\n  kind: DestinationRule\n");
    assertThat(drs)
        .contains(
            "  metadata:\n    annotations:\n      kubectl.kubernetes.io/last-applied-configuration: |\n"
                + "        {\"apiVersion\":\"networking.istio.io/v1alpha3\",\"kind\":\"DestinationRule\",");
    assertThat(drs)
        .contains("    name: reviews\n    namespace: default\n")
        .contains("    host: ratings\n")
        .contains("    creationTimestamp: \"")
        .contains("    generation: 1\n")
        .contains("    resourceVersion: \"")
        .contains("    uid: ");

    String ps = run("istioctl proxy-status").output();
    assertThat(ps).startsWith("NAME ").contains("SYNCED").contains("istio-ingressgateway-");
    assertThat(ps.lines().count()).isEqualTo(9);

    ExecResult routes =
        run(
            "istioctl proxy-config route $(kubectl get pods -l app=productpage -o jsonpath="
                + "'{.items[*].metadata.name}').default");
    assertThat(routes.exitCode()).isZero();
    assertThat(routes.output())
        .startsWith("NOTE: This output only contains routes loaded via RDS.\n")
        .containsPattern(
            "\n9080 +reviews +/\\* +reviews.default\n9080 +reviews +/\\* +reviews.default\n")
        .containsPattern("\n9080 +ratings +/\\* +ratings.default\n");

    ExecResult delete =
        run(
            "kubectl delete -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml");
    assertThat(delete.output())
        .isEqualTo(
            """
        virtualservice.networking.istio.io "productpage" deleted
        virtualservice.networking.istio.io "reviews" deleted
        virtualservice.networking.istio.io "ratings" deleted
        virtualservice.networking.istio.io "details" deleted
        """);

    ExecResult cleanup = run("$ISTIO_HOME/samples/bookinfo/platform/kube/cleanup.sh");
    assertThat(cleanup.exitCode()).isZero();
    assertThat(cleanup.output())
        .startsWith(
            "using NAMESPACE=default\n"
                + "destinationrule.networking.istio.io \"details\" deleted\n")
        .contains("virtualservice.networking.istio.io \"bookinfo\" deleted\n")
        .contains("gateway.networking.istio.io \"bookinfo-gateway\" deleted\n")
        .contains("Application cleanup successful")
        .endsWith(
            "Lesson start restored: bookinfo-gateway.yaml and destination-rule-all.yaml are applied again "
                + "and your files are back to the originals.\n");
    assertThat(ctx.resets).isEqualTo(1);
    assertThat(ctx.snapshot()).isSameAs(START);
    assertThat(run("kubectl get vs -o name").output())
        .isEqualTo("virtualservice.networking.istio.io/bookinfo\n");
  }

  @Test
  void deleteAgainIsNotFound() {
    ExecResult r =
        run(
            "kubectl delete -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains(
            "Error from server (NotFound): error when deleting \"/root/istio-1.8.1/samples/"
                + "bookinfo/networking/virtual-service-all-v1.yaml\": virtualservices.networking.istio.io \"productpage\" not found");
  }

  @Test
  void hereDocumentsAndPipesApply() {
    ExecResult r =
        run(
            """
        kubectl apply -f - <<EOF
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
                subset: v3
        EOF""");
    assertThat(r.output()).isEqualTo("virtualservice.networking.istio.io/reviews created\n");
    assertThat(
            run("cat $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml | kubectl apply -f -")
                .output())
        .isEqualTo("virtualservice.networking.istio.io/reviews unchanged\n");
    assertThat(ctx.snapshot().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews")).isPresent();
  }

  @Test
  void v1ApiVersionIsRefusedWithTheLabHint() {
    ExecResult r =
        run(
            """
        kubectl apply -f - <<'EOF'
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v3}
        EOF""");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("no matches for kind \"VirtualService\" in version \"networking.istio.io/v1\"")
        .contains("Hint: this lab runs Istio 1.8.1");
  }

  @Test
  void editThenApplyTheEditedFile() {
    run("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml");
    ExecResult edit = run("kubectl edit vs reviews");
    String path = "/tmp/kubectl-edit-virtualservice-reviews.yaml";
    assertThat(edit.actions()).containsExactly(java.util.Map.of("type", "open", "path", path));
    run("sed_free=1; cat " + path + " | grep -v '#' > /tmp/r.yaml");
    String edited = run("cat /tmp/r.yaml").output().replace("subset: v3", "subset: v2");
    run("cat > " + path + " <<'EOF'\n" + edited + "EOF");
    assertThat(run("kubectl apply -f " + path).output())
        .isEqualTo("virtualservice.networking.istio.io/reviews configured\n");
    assertThat(
            run("kubectl get vs reviews -o jsonpath='{.spec.http[0].route[0].destination.subset}'")
                .output())
        .isEqualTo("v2");
  }

  @Test
  void applyingTheWholeDirectoryAndNamespaces() {
    ExecResult dir = run("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/");
    assertThat(dir.exitCode()).isZero();
    assertThat(dir.output()).contains("serviceentry.networking.istio.io/googleapis created");
    assertThat(run("kubectl create namespace foo").output()).isEqualTo("namespace/foo created\n");
    assertThat(run("kubectl get ns foo -o name").output()).isEqualTo("namespace/foo\n");
    assertThat(run("kubectl apply -f /root/nope.yaml").output())
        .isEqualTo("error: the path \"/root/nope.yaml\" does not exist\n");
  }

  @Test
  void deleteByKindAndName() {
    run("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml");
    ExecResult r = run("kubectl delete vs reviews nosuch ratings");
    assertThat(r.output())
        .isEqualTo(
            "virtualservice.networking.istio.io \"reviews\" deleted\n"
                + "virtualservice.networking.istio.io \"ratings\" deleted\n"
                + "Error from server (NotFound): virtualservices.networking.istio.io \"nosuch\" not found\n");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(run("kubectl delete dr --all").output())
        .contains("destinationrule.networking.istio.io \"reviews\" deleted");
  }

  @Test
  void analyzeReportsFindings() {
    assertThat(run("istioctl analyze").output())
        .isEqualTo("\u2714 No validation issues found when analyzing namespace: default.\n");
    run(
        "kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n"
            + "  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v4}\nEOF");
    ExecResult r = run("istioctl analyze");
    assertThat(r.output())
        .contains(
            "Error [IST0101] (VirtualService reviews.default) Referenced host+subset in "
                + "destinationrule not found: \"reviews+v4\"")
        .contains("Error: Analyzers found issues when analyzing namespace: default.");
    assertThat(r.exitCode()).isEqualTo(79);
  }

  @Test
  void dryRunChangesNothing() {
    ExecResult r =
        run(
            "kubectl apply --dry-run=server -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml");
    assertThat(r.output())
        .isEqualTo("virtualservice.networking.istio.io/reviews created (server dry run)\n");
    assertThat(ctx.snapshot().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews")).isEmpty();
  }

  @Test
  void screenEditorsOpenTheFileInThePageEditor() {
    ExecResult r =
        run("cd $ISTIO_HOME/samples/bookinfo/networking && vi virtual-service-reviews-v3.yaml");
    assertThat(r.actions())
        .containsExactly(
            java.util.Map.of(
                "type",
                "open",
                "path",
                "/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-reviews-v3.yaml"));
    assertThat(run("nano /tmp/new.yaml").actions())
        .containsExactly(java.util.Map.of("type", "open", "path", "/tmp/new.yaml"));
    assertThat(run("vi /etc/hosts").output()).isEqualTo("vi: /etc/hosts: Permission denied\n");
  }

  @Test
  void applyingInALoopIsBounded() {
    ExecResult r =
        run(
            "for i in $(seq 300); do kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/"
                + "virtual-service-reviews-v3.yaml > /dev/null; done");
    assertThat(r.output())
        .isEqualTo(
            "bash: kubectl limit exceeded: at most 200 files applied or deleted per command line\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }
}
