package dev.trafficlab.mesh.cluster;

import static dev.trafficlab.mesh.cluster.ClusterTest.HTTPBIN;
import static dev.trafficlab.mesh.cluster.ClusterTest.SLEEP;
import static dev.trafficlab.mesh.cluster.ClusterTest.apply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.DocumentResult;
import dev.trafficlab.mesh.store.Reason;
import org.junit.jupiter.api.Test;

class KubernetesErrorsTest {
  final ConfigStore store = ClusterTest.store(new ClusterTest.MovableClock());

  static final String NO_SELECTOR =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx
      """;

  @Test
  void aDeploymentWithoutSelectorGetsKubectlsSchemaError() {
    ApplyReport r =
        store.apply(NO_SELECTOR, "default", "web.yaml", dev.trafficlab.mesh.store.ApplyMode.APPLY);
    assertThat(r.output())
        .isEqualTo(
            "error: error validating \"web.yaml\": error validating data: ValidationError(Deployment.spec): "
                + "missing required field \"selector\" in io.k8s.api.apps.v1.DeploymentSpec; if you choose to "
                + "ignore these errors, turn validation off with --validate=false\n");
    DocumentResult d = r.results().get(0);
    assertThat(d.reason()).isEqualTo(Reason.CLIENT_VALIDATION);
    assertThat(d.line()).isEqualTo(5);
    assertThat(store.current().inventory().deployment("default", "web")).isEmpty();
  }

  @Test
  void unknownFieldsAndWrongTypesAreSchemaErrorsToo() {
    String text =
        SLEEP
            .replace("  replicas: 1\n", "  replica: 1\n")
            .replace(
                "        image: governmentpaas/curl-ssl\n",
                "        image: governmentpaas/curl-ssl\n        env:\n        - name: N\n          value: 3\n");
    ApplyReport r = apply(store, text);
    assertThat(r.output())
        .contains(
            "ValidationError(Deployment.spec): unknown field \"replica\" in io.k8s.api.apps.v1.DeploymentSpec")
        .contains(
            "ValidationError(Deployment.spec.template.spec.containers[0].env[0].value): invalid type for "
                + "io.k8s.api.core.v1.EnvVar.value: got \"integer\", expected \"string\"");
  }

  @Test
  void aSelectorThatDoesNotMatchTheTemplateIsInvalid() {
    String text =
        HTTPBIN.replace(
            "      app: httpbin\n      version: v1\n  template:", "      app: other\n  template:");
    ApplyReport r = apply(store, text);
    assertThat(r.output())
        .contains(
            "The Deployment \"httpbin\" is invalid: spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"httpbin\", \"version\":\"v1\"}: `selector` does not match template `labels`");
    assertThat(store.current().inventory().deployment("default", "httpbin")).isEmpty();
  }

  @Test
  void theSelectorIsImmutableAndTheRefusedChangeLeavesTheDeploymentAsItWas() {
    apply(store, HTTPBIN);
    String changed =
        HTTPBIN.replace(
            "      app: httpbin\n      version: v1\n  template:",
            "      app: httpbin\n  template:");
    ApplyReport r = apply(store, changed);
    assertThat(r.output())
        .contains(
            "The Deployment \"httpbin\" is invalid: spec.selector: Invalid value: v1.LabelSelector{"
                + "MatchLabels:map[string]string{\"app\":\"httpbin\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                + "field is immutable");
    assertThat(
            store.current().inventory().deployment("default", "httpbin").orElseThrow().selector())
        .containsEntry("version", "v1");
  }

  @Test
  void namesAreCheckedAsKubernetesChecksThem() {
    ApplyReport r =
        apply(
            store,
            HTTPBIN.replace(
                "  name: httpbin\nspec:\n  replicas", "  name: Httpbin\nspec:\n  replicas"));
    assertThat(r.output())
        .contains(
            "The Deployment \"Httpbin\" is invalid: metadata.name: Invalid value: \"Httpbin\": a lowercase RFC 1123 subdomain");
    ApplyReport svc =
        apply(
            store,
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: 9lives\nspec:\n  ports:\n  - port: 80\n");
    assertThat(svc.output())
        .contains("metadata.name: Invalid value: \"9lives\": a DNS-1035 label must consist");
    assertThat(svc.results().get(0).line()).isEqualTo(4);
  }

  @Test
  void moreThanTenReplicasExceedTheSandboxQuota() {
    ApplyReport r = apply(store, SLEEP.replace("replicas: 1", "replicas: 11"));
    assertThat(r.output())
        .isEqualTo(
            "serviceaccount/sleep created\nservice/sleep created\n"
                + "Error from server (Forbidden): error when creating \"STDIN\": deployments.apps \"sleep\" is forbidden: "
                + "exceeded quota: sandbox-quota, requested: replicas=11, limited: replicas=10\n");
  }

  @Test
  void aCustomResourceDefinitionServesItsKindAndAnyOtherKindIsStored() {
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            kind: Widget
            plural: widgets
            singular: widget
            shortNames: [wd]
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
        """;
    String widget =
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n";
    assertThat(apply(store, widget).output())
        .isEqualTo(
            "error: unable to recognize \"STDIN\": no matches for kind \"Widget\" in version \"example.com/v1\"\n");
    assertThat(apply(store, crd).output())
        .isEqualTo("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n");
    assertThat(apply(store, widget).output()).isEqualTo("widget.example.com/w1 created\n");
    assertThat(apply(store, widget).output()).isEqualTo("widget.example.com/w1 unchanged\n");
    assertThat(store.current().apiType("wd")).isPresent();
    var type = store.current().apiType("widgets").orElseThrow();
    assertThat(store.current().list(type, "default")).hasSize(1);
    String role =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n"
            + "- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get]\n";
    assertThat(apply(store, role).output())
        .isEqualTo("clusterrole.rbac.authorization.k8s.io/reader created\n");
    var clusterRoles = store.current().apiType("clusterroles").orElseThrow();
    assertThat(store.current().list(clusterRoles, null).get(0).body()).containsKey("rules");
    assertThat(store.delete(clusterRoles, null, "reader").action().jsonName()).isEqualTo("deleted");
    assertThat(store.delete(type, "default", "w1").error()).isNull();
  }
}
