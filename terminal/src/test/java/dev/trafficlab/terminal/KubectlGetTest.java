package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubectlGetTest extends FixedClockShellTest {
  static final Instant CREATED = FakeTerminal.NOW.minusSeconds(300);

  KubectlGetTest() {
    super(
        new FakeTerminal(
            Map.of("/root/x.txt", "x\n"),
            TestResources.snapshot(
                CREATED,
                TestResources.GATEWAY,
                TestResources.DR_REVIEWS,
                TestResources.VS_REVIEWS_JASON)) {
          @Override
          public Instant createdAt() {
            return FakeTerminal.NOW.minusSeconds(2 * 86400 + 3600);
          }
        });
  }

  @Test
  void virtualServicesTableHasGatewaysHostsAndAge() {
    ExecResult r = run("kubectl get virtualservices");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .isEqualTo(
            """
        NAME       GATEWAYS             HOSTS       AGE
        bookinfo   [bookinfo-gateway]   [*]         5m
        reviews                         [reviews]   5m
        """);
    assertThat(run("kubectl get vs").output()).isEqualTo(r.output());
  }

  @Test
  void destinationRulesAndGatewaysTables() {
    assertThat(run("kubectl get dr").output())
        .isEqualTo(
            """
        NAME      HOST      AGE
        reviews   reviews   5m
        """);
    assertThat(run("kubectl get gw").output())
        .isEqualTo(
            """
        NAME               AGE
        bookinfo-gateway   5m
        """);
  }

  @Test
  void podsAreReadyTwoOfTwoAndRunning() {
    String out = run("kubectl get pods").output();
    assertThat(out.lines().findFirst().orElseThrow())
        .isEqualTo("NAME                              READY   STATUS    RESTARTS   AGE");
    assertThat(out)
        .contains("productpage-v1-6b746f74dc-mp6tf   2/2     Running   0          2d1h\n");
    assertThat(out.lines().count()).isEqualTo(7);
    String all = run("kubectl get po -A").output();
    assertThat(all).startsWith("NAMESPACE      NAME ");
    assertThat(all).contains("istio-system   istiod-67f5756967-x9xz6 ").contains("1/1");
  }

  @Test
  void labelSelectorAndJsonPathGivePodNames() {
    assertThat(
            run("kubectl get pods -l app=productpage -o jsonpath='{.items[*].metadata.name}'")
                .output())
        .isEqualTo("productpage-v1-6b746f74dc-mp6tf");
    assertThat(
            run("kubectl get pods -l app=reviews -o jsonpath='{.items[*].metadata.labels.version}'")
                .output())
        .isEqualTo("v1 v2 v3");
    assertThat(run("kubectl get pods -l app=reviews,version=v2 -o name").output())
        .isEqualTo("pod/reviews-v2-7d79d5bd5d-8zzqd\n");
    assertThat(
            run("kubectl get vs -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'")
                .output())
        .isEqualTo("bookinfo\nreviews\n");
    assertThat(
            run("kubectl get vs reviews -o jsonpath='{.spec.http[0].route[0].destination.subset}'")
                .output())
        .isEqualTo("v2");
    assertThat(run("kubectl get vs reviews -o jsonpath={.spec.hosts}").output())
        .isEqualTo("[\"reviews\"]");
  }

  @Test
  void yamlHasApiVersionKindMetadataAndSpec() {
    String y = run("kubectl get destinationrules -o yaml").output();
    assertThat(y)
        .startsWith(
            "apiVersion: v1\nitems:\n- apiVersion: networking.istio.io/v1beta1\n  kind: DestinationRule\n"
                + "  metadata:\n    creationTimestamp: ");
    assertThat(y)
        .contains(
            "    creationTimestamp: \"2026-11-26T19:55:00Z\"\n    generation: 1\n    name: reviews\n"
                + "    namespace: default\n    resourceVersion: \"");
    assertThat(y).contains("    uid: ");
    assertThat(y)
        .contains(
            "  spec:\n    host: reviews\n    subsets:\n    - labels:\n        version: v1\n      name: v1\n");
    assertThat(y).endsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n  selfLink: \"\"\n");
    String one = run("kubectl get vs bookinfo -o yaml").output();
    assertThat(one).startsWith("apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\n");
    assertThat(one).contains("  hosts:\n  - '*'\n");
  }

  @Test
  void jsonIsIndentedWithFourSpaces() {
    String j = run("kubectl get dr reviews -o json").output();
    assertThat(j)
        .startsWith(
            "{\n    \"apiVersion\": \"networking.istio.io/v1beta1\",\n    \"kind\": \"DestinationRule\",");
    assertThat(j).contains("\"host\": \"reviews\"");
  }

  @Test
  void emptyListsAndErrorsAreKubectls() {
    ExecResult none = run("kubectl get se");
    assertThat(none.output()).isEqualTo("No resources found in default namespace.\n");
    assertThat(none.exitCode()).isZero();
    ExecResult unknown = run("kubectl get foo");
    assertThat(unknown.output())
        .isEqualTo("error: the server doesn't have a resource type \"foo\"\n");
    assertThat(unknown.exitCode()).isEqualTo(1);
    ExecResult missing = run("kubectl get vs ratings");
    assertThat(missing.output())
        .isEqualTo(
            "Error from server (NotFound): virtualservices.networking.istio.io \"ratings\" not found\n");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(run("kubectl get vs -n foo").output())
        .isEqualTo("No resources found in foo namespace.\n");
    assertThat(run("kubectl get vs -o bogus").output())
        .startsWith("error: unable to match a printer suitable");
    assertThat(run("kubectl frobnicate").output())
        .startsWith("Error: unknown command \"frobnicate\" for \"kubectl\"");
  }

  @Test
  void servicesDeploymentsNamespaces() {
    assertThat(run("kubectl get svc").output())
        .contains("reviews       ClusterIP   10.96.40.170   <none>        9080/TCP   2d1h");
    assertThat(run("kubectl get deploy").output())
        .startsWith("NAME             READY   UP-TO-DATE   AVAILABLE   AGE\n");
    assertThat(run("kubectl get ns").output()).contains("default ").contains("Active");
    assertThat(run("kubectl get vs,dr").output())
        .contains("virtualservice.networking.istio.io/reviews")
        .contains("\n\nNAME ")
        .contains("destinationrule.networking.istio.io/reviews");
  }

  @Test
  void describeShowsTheObject() {
    String d = run("kubectl describe vs reviews").output();
    assertThat(d)
        .startsWith(
            "Name:         reviews\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n"
                + "API Version:  networking.istio.io/v1beta1\nKind:         VirtualService\n");
    assertThat(d).contains("Spec:\n  Hosts:\n    reviews\n  Http:\n");
    assertThat(d).endsWith("        Subset:  v1\nEvents:          <none>\n");
    assertThat(run("kubectl describe pod productpage").output())
        .contains("Name:")
        .contains("istio-proxy:");
  }

  @Test
  void editWritesTheObjectAndAsksToOpenIt() {
    ExecResult r = run("kubectl edit vs reviews");
    assertThat(r.actions())
        .containsExactly(
            Map.of("type", "open", "path", "/tmp/kubectl-edit-virtualservice-reviews.yaml"));
    assertThat(run("cat /tmp/kubectl-edit-virtualservice-reviews.yaml").output())
        .contains(
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: reviews\n"
                + "  namespace: default\nspec:\n  hosts:\n  - reviews\n");
    assertThat(run("kubectl edit pod x").exitCode()).isEqualTo(1);
  }

  @Test
  void versionPrintsClientAndServer() {
    assertThat(run("kubectl version --short").output())
        .isEqualTo("Client Version: v1.19.4\nServer Version: v1.19.4\n");
    assertThat(run("kubectl version").output())
        .startsWith("Client Version: version.Info{Major:\"1\", Minor:\"19\"");
  }

  @Test
  void deletingABookinfoPodMakesItsReplicaSetCreateAnother() {
    ExecResult r = run("kubectl delete pod productpage-v1-6b746f74dc-mp6tf");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).isEqualTo("pod \"productpage-v1-6b746f74dc-mp6tf\" deleted\n");
    assertThat(run("kubectl get pods").output())
        .doesNotContain("productpage-v1-6b746f74dc-mp6tf")
        .containsPattern("productpage-v1-6b746f74dc-[a-z0-9]{5} ");
  }

  @Test
  void wideAndAll() {
    String wide = run("kubectl get pods -o wide").output();
    assertThat(wide.lines().findFirst().orElseThrow())
        .matches("NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES");
    assertThat(wide)
        .containsPattern(
            "reviews-v2-7d79d5bd5d-8zzqd +2/2 +Running +0 +2d1h +10.244.0.14 +controlplane +<none> +<none>");
    String all = run("kubectl get all").output();
    assertThat(all)
        .contains("pod/details-v1-558b8b4b76-qwj7t")
        .contains("service/reviews")
        .contains("deployment.apps/reviews-v3");
    assertThat(run("kubectl get svc -n istio-system istio-ingressgateway").output())
        .containsPattern(
            "istio-ingressgateway +LoadBalancer +10.96.160.52 +<pending> +15021:\\d+/TCP,80:\\d+/TCP,443:\\d+/TCP");
  }
}
