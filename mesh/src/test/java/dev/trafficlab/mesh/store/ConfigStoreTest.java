package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConfigStoreTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  static ConfigStore emptyStore() {
    return new ConfigStore(
        Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8),
        Clock.fixed(T0, ZoneOffset.UTC));
  }

  static String vs(String name, String subset) {
    return "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: "
        + name
        + "\nspec:\n  hosts:\n  - "
        + name
        + "\n  http:\n  - route:\n    - destination:\n        host: "
        + name
        + "\n        subset: "
        + subset
        + "\n";
  }

  @Test
  void appliesValidDocumentsEvenWhenAnotherIsRejectedAndPrintsErrorsLast() {
    ConfigStore store = emptyStore();
    ApplyReport r =
        store.apply(
            vs("reviews", "v1")
                + "---\n"
                + vs("ratings", "v2-mysql.0")
                + "---\n"
                + vs("details", "v1"),
            "default",
            "samples/x.yaml",
            ApplyMode.APPLY);
    assertThat(r.output())
        .isEqualTo(
            """
        virtualservice.networking.istio.io/reviews created
        virtualservice.networking.istio.io/details created
        Error from server: error when creating "samples/x.yaml": admission webhook "validation.istio.io" denied \
        the request: configuration is invalid: subset name is invalid: v2-mysql.0
        """);
    assertThat(r.ok()).isFalse();
    assertThat(r.results())
        .extracting(DocumentResult::action)
        .containsExactly(Action.CREATED, Action.REJECTED, Action.CREATED);
    assertThat(r.results().get(1).line()).isEqualTo(25);
    assertThat(r.results().get(1).column()).isEqualTo(17);
    assertThat(store.current().objects().keySet())
        .extracting(k -> k.name())
        .containsExactly("details", "reviews");
  }

  @Test
  void aRejectedDocumentLeavesItsObjectAsItWas() {
    ConfigStore store = emptyStore();
    store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY);
    Resource before =
        store.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").orElseThrow();
    ApplyReport r = store.apply(vs("reviews", "v_1"), "default", "STDIN", ApplyMode.APPLY);
    assertThat(r.output())
        .startsWith("Error from server: error when applying patch:\n{\"metadata\":");
    assertThat(r.output())
        .contains(
            "\nto:\nResource: \"networking.istio.io/v1alpha3, Resource=virtualservices\", "
                + "GroupVersionKind: \"networking.istio.io/v1alpha3, Kind=VirtualService\"\nName: \"reviews\", Namespace: "
                + "\"default\"\nfor: \"STDIN\": admission webhook \"validation.istio.io\" denied the request: configuration is "
                + "invalid: subset name is invalid: v_1\n");
    assertThat(store.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews"))
        .contains(before);
  }

  @Test
  void reportsCreatedUnchangedAndConfiguredAndKeepsServerFields() {
    ConfigStore store = emptyStore();
    assertThat(store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY).output())
        .isEqualTo("virtualservice.networking.istio.io/reviews created\n");
    Resource created =
        store.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").orElseThrow();
    long revision = store.current().revision();

    assertThat(store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY).output())
        .isEqualTo("virtualservice.networking.istio.io/reviews unchanged\n");
    assertThat(store.current().revision()).isEqualTo(revision);

    assertThat(store.apply(vs("reviews", "v2"), "default", "STDIN", ApplyMode.APPLY).output())
        .isEqualTo("virtualservice.networking.istio.io/reviews configured\n");
    Resource configured =
        store.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").orElseThrow();
    assertThat(configured.meta().uid()).isEqualTo(created.meta().uid());
    assertThat(configured.meta().creationTimestamp()).isEqualTo(created.meta().creationTimestamp());
    assertThat(configured.meta().generation()).isEqualTo(2L);
    assertThat(Long.parseLong(configured.meta().resourceVersion()))
        .isGreaterThan(Long.parseLong(created.meta().resourceVersion()));
    assertThat(
            ((VirtualServiceSpec) configured.spec())
                .http()
                .get(0)
                .route()
                .get(0)
                .destination()
                .subset())
        .isEqualTo("v2");
    assertThat(store.current().revision()).isEqualTo(revision + 1);

    String labelled =
        vs("reviews", "v2")
            .replace("  name: reviews\n", "  name: reviews\n  labels:\n    team: a\n");
    assertThat(store.apply(labelled, "default", "STDIN", ApplyMode.APPLY).output())
        .endsWith("configured\n");
    Resource relabelled =
        store.current().get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews").orElseThrow();
    assertThat(relabelled.meta().generation())
        .as("metadata changes do not bump generation")
        .isEqualTo(2L);
    assertThat(relabelled.meta().labels()).containsEntry("team", "a");
  }

  @Test
  void theApiServerChecksNamesAndLabels() {
    ConfigStore store = emptyStore();
    assertThat(
            store
                .apply(
                    vs("reviews", "v1").replace("name: reviews", "name: Reviews"),
                    "default",
                    "STDIN",
                    ApplyMode.APPLY)
                .output())
        .startsWith(
            "The VirtualService \"Reviews\" is invalid: metadata.name: Invalid "
                + "value: \"Reviews\": a lowercase RFC 1123 subdomain must consist of");
    ApplyReport r =
        store.apply(
            vs("reviews", "v1")
                .replace(
                    "  name: reviews\n", "  name: reviews\n  labels:\n" + "    version: v1/beta\n"),
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.output())
        .startsWith(
            "The VirtualService \"reviews\" is invalid: metadata.labels: Invalid value: "
                + "\"v1/beta\": a valid label must be an empty string");
    assertThat(r.results().get(0).line()).isEqualTo(6);
  }

  @Test
  void createRefusesAnExistingObject() {
    ConfigStore store = emptyStore();
    store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.CREATE);
    ApplyReport r = store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.CREATE);
    assertThat(r.output())
        .isEqualTo(
            "Error from server (AlreadyExists): error when creating \"STDIN\": "
                + "virtualservices.networking.istio.io \"reviews\" already exists\n");
  }

  @Test
  void applyAfterCreateWarnsAboutTheMissingAnnotation() {
    ConfigStore store = emptyStore();
    store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.CREATE);
    assertThat(store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY).output())
        .startsWith(
            "Warning: resource virtualservices/reviews is missing the kubectl.kubernetes.io/"
                + "last-applied-configuration annotation")
        .endsWith("virtualservice.networking.istio.io/reviews configured\n");
  }

  @Test
  void deletesWithKubectlWordingIncludingNotFound() {
    ConfigStore store = emptyStore();
    store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY);
    ApplyReport r =
        store.deleteFromText(
            vs("reviews", "v1") + "---\n" + vs("ratings", "v1"), "default", "f.yaml");
    assertThat(r.output())
        .isEqualTo(
            "virtualservice.networking.istio.io \"reviews\" deleted\n"
                + "Error from server (NotFound): error when deleting \"f.yaml\": virtualservices.networking.istio.io "
                + "\"ratings\" not found\n");
    assertThat(store.current().objects()).isEmpty();

    DocumentResult missing = store.delete(ResourceKind.VIRTUAL_SERVICE, "default", "reviews");
    assertThat(missing.action()).isEqualTo(Action.REJECTED);
    assertThat(ConfigStore.outputLine(ResourceKind.VIRTUAL_SERVICE, missing))
        .isEqualTo(
            "Error from server (NotFound): virtualservices.networking.istio.io \"reviews\" not found");
    store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY);
    DocumentResult deleted = store.delete(ResourceKind.VIRTUAL_SERVICE, "default", "reviews");
    assertThat(ConfigStore.outputLine(ResourceKind.VIRTUAL_SERVICE, deleted))
        .isEqualTo("virtualservice.networking.istio.io \"reviews\" deleted");
  }

  @Test
  void namespacesMustExistAndCanBeCreated() {
    ConfigStore store = emptyStore();
    ApplyReport r =
        store.apply(
            vs("reviews", "v1").replace("  name: reviews\n", "  name: reviews\n  namespace: foo\n"),
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.output())
        .isEqualTo(
            "Error from server (NotFound): error when creating \"STDIN\": namespaces \"foo\" not found\n");
    assertThat(store.createNamespace("foo").action()).isEqualTo(Action.CREATED);
    assertThat(ConfigStore.outputLine(ResourceKind.NAMESPACE, store.createNamespace("foo")))
        .isEqualTo("Error from server (AlreadyExists): namespaces \"foo\" already exists");
    assertThat(store.apply(vs("reviews", "v1"), "foo", "STDIN", ApplyMode.APPLY).output())
        .isEqualTo("virtualservice.networking.istio.io/reviews created\n");
    assertThat(store.current().get(ResourceKind.VIRTUAL_SERVICE, "foo", "reviews")).isPresent();
    assertThat(store.current().namespaces()).contains("foo", "default", "istio-system");
    assertThat(store.deleteNames(ResourceKind.NAMESPACE, null, List.of("foo")).output())
        .isEqualTo("namespace \"foo\" deleted\n");
    assertThat(store.current().objects()).isEmpty();
  }

  @Test
  void anExplicitNamespaceMustMatchTheDocuments() {
    ConfigStore store = emptyStore();
    store.createNamespace("foo");
    String inFoo =
        vs("reviews", "v1").replace("  name: reviews\n", "  name: reviews\n  namespace: foo\n");
    assertThat(store.apply(inFoo, "default", "STDIN", ApplyMode.APPLY, true).output())
        .isEqualTo(
            "error: the namespace from the provided object \"foo\" does not match the namespace \"default\". You must "
                + "pass '--namespace=foo' to perform this operation.\n");
    assertThat(store.apply(inFoo, "default", "STDIN", ApplyMode.APPLY, false).output())
        .isEqualTo("virtualservice.networking.istio.io/reviews created\n");
  }

  @Test
  void refusesAServiceWithoutPortsAsTheApiServerDoes() {
    ConfigStore store = emptyStore();
    ApplyReport r =
        store.apply(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews-v4\nspec: {}\n",
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.output())
        .isEqualTo("The Service \"reviews-v4\" is invalid: spec.ports: Required value\n");
    assertThat(store.delete(ResourceKind.POD, "default", "x").error())
        .isEqualTo("Error from server (NotFound): pods \"x\" not found");
  }

  @Test
  void reapplyingBookinfoItselfChangesNothingAsOnAClusterWhereItRuns() throws Exception {
    String bookinfo = BookinfoSamples.istio("samples/bookinfo/platform/kube/bookinfo.yaml");
    ConfigStore store = emptyStore();
    ApplyReport r = store.apply(bookinfo, "default", "bookinfo.yaml", ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(r.output())
        .startsWith(
            "service/details unchanged\nserviceaccount/bookinfo-details unchanged\n"
                + "deployment.apps/details-v1 unchanged\n");
    assertThat(r.output().lines()).hasSize(14).allMatch(l -> l.endsWith(" unchanged"));
    assertThat(store.deleteFromText(bookinfo, "default", "bookinfo.yaml").output())
        .startsWith(
            "service \"details\" deleted\nserviceaccount \"bookinfo-details\" deleted\n"
                + "deployment.apps \"details-v1\" deleted\n");
    assertThat(store.current().inventory().pods()).noneMatch(p -> p.namespace().equals("default"));
    assertThat(store.apply(bookinfo, "default", "bookinfo.yaml", ApplyMode.APPLY).output())
        .startsWith("service/details created\n");
    assertThat(
            store.current().inventory().pods().stream()
                .filter(p -> p.namespace().equals("default")))
        .hasSize(6);
  }

  @Test
  void refusesNetworkingV1ExactlyLikeIstio18AndOffersTheHint() {
    ConfigStore store = emptyStore();
    ApplyReport r =
        store.apply(
            vs("reviews", "v3").replace("v1alpha3", "v1"), "default", "STDIN", ApplyMode.APPLY);
    assertThat(r.output())
        .isEqualTo(
            "error: unable to recognize \"STDIN\": no matches for kind \"VirtualService\" "
                + "in version \"networking.istio.io/v1\"\n");
    assertThat(LabHints.hint(r))
        .hasValueSatisfying(
            h -> assertThat(h).contains("Istio 1.8").contains("v1beta1").contains("v1alpha3"));
    assertThat(LabHints.hint(store.apply(vs("reviews", "v3"), "default", "STDIN", ApplyMode.APPLY)))
        .isEmpty();

    ConfigStore current =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.CURRENT));
    assertThat(
            current
                .apply(
                    vs("reviews", "v3").replace("v1alpha3", "v1"),
                    "default",
                    "STDIN",
                    ApplyMode.APPLY)
                .ok())
        .isTrue();
  }

  @Test
  void checksWhatKubectlChecksBeforeSending() {
    ConfigStore store = emptyStore();
    assertThat(store.apply("metadata:\n  name: x\n", "default", "STDIN", ApplyMode.APPLY).output())
        .isEqualTo(
            "error: error validating \"STDIN\": error validating data: [apiVersion not set, kind not set]; "
                + "if you choose to ignore these errors, turn validation off with --validate=false\n");
    assertThat(
            store
                .apply(
                    "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nspec: {}\n",
                    "default",
                    "STDIN",
                    ApplyMode.APPLY)
                .output())
        .isEqualTo(
            "error: error when retrieving current configuration of:\n"
                + "Resource: \"networking.istio.io/v1alpha3, Resource=virtualservices\", GroupVersionKind: "
                + "\"networking.istio.io/v1alpha3, Kind=VirtualService\"\nName: \"\", Namespace: \"default\"\n"
                + "from server for: \"STDIN\": resource name may not be empty\n");
  }

  @Test
  void printsSeveralErrorsOneALineWithoutTheErrorPrefix() {
    ConfigStore store = emptyStore();
    ApplyReport r =
        store.apply(
            vs("a", "v1").replace("v1alpha3", "v1")
                + "---\n"
                + vs("b", "v1").replace("v1alpha3", "v1"),
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.output())
        .isEqualTo(
            "unable to recognize \"STDIN\": no matches for kind \"VirtualService\" in version \"networking.istio.io/v1\"\n"
                + "unable to recognize \"STDIN\": no matches for kind \"VirtualService\" in version "
                + "\"networking.istio.io/v1\"\n");
  }

  @Test
  void aParseErrorAppliesNothingAndNamesTheFile() {
    ConfigStore store = emptyStore();
    ApplyReport r =
        store.apply(
            vs("reviews", "v1") + "---\nfoo: bar: baz\n", "default", "my.yaml", ApplyMode.APPLY);
    assertThat(r.parseError()).isTrue();
    assertThat(r.output())
        .isEqualTo(
            "error: error parsing my.yaml: error converting YAML to JSON: yaml: "
                + "mapping values are not allowed in this context\n");
    assertThat(r.results().get(0).line()).isEqualTo(14);
    assertThat(store.current().objects()).isEmpty();
  }

  @Test
  void validateReportsDiagnosticsWithPositionsWithoutApplying() {
    ConfigStore store = emptyStore();
    String text =
        vs("reviews", "v1.0")
            + "---\n"
            + """
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection:
              consecutiveErrors: 7
            loadBalancer:
              simpel: RANDOM
        """;
    List<Diagnostic> d = store.validate(text, "default");
    assertThat(store.current().objects()).isEmpty();
    assertThat(d)
        .contains(
            new Diagnostic(Diagnostic.Severity.ERROR, "subset name is invalid: v1.0", 12, 17));
    assertThat(d)
        .contains(
            new Diagnostic(
                Diagnostic.Severity.WARNING,
                "outlier detection consecutive errors is "
                    + "deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead",
                22,
                26));
    assertThat(d)
        .anySatisfy(
            x -> {
              assertThat(x.severity()).isEqualTo(Diagnostic.Severity.WARNING);
              assertThat(x.message())
                  .startsWith("unknown field \"simpel\" in spec.trafficPolicy.loadBalancer");
              assertThat(x.line()).isEqualTo(24);
            });
    assertThat(
            store.validate(
                vs("reviews", "v1")
                    .replace(
                        "metadata:\n  name: reviews", "metadata:\n  name: reviews\n" + "  nmae: x")
                    .replace("spec:", "specs: {}\nspec:"),
                "default"))
        .extracting(Diagnostic::message)
        .containsExactly(
            "unknown field \"specs\" in the object: the API server drops it, so it has no effect",
            "unknown field \"nmae\" in metadata: the API server drops it, so it has no effect");
    assertThat(store.validate("a: b: c", "default"))
        .containsExactly(
            new Diagnostic(
                Diagnostic.Severity.ERROR, "mapping values are not allowed in this context", 1, 5));
  }

  @Test
  void snapshotsAreImmutable() {
    ConfigStore store = emptyStore();
    store.apply(vs("reviews", "v1"), "default", "STDIN", ApplyMode.APPLY);
    Snapshot s = store.current();
    assertThatThrownBy(() -> s.objects().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.namespaces().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    store.apply(vs("ratings", "v1"), "default", "STDIN", ApplyMode.APPLY);
    assertThat(s.objects()).hasSize(1);
    assertThat(store.current().objects()).hasSize(2);
  }

  @Test
  void concurrentReadersNeverSeeHalfAnApply() throws Exception {
    ConfigStore store = emptyStore();
    String both = vs("reviews", "v1") + "---\n" + vs("ratings", "v1");
    String bothV2 = vs("reviews", "v2") + "---\n" + vs("ratings", "v2");
    store.apply(both, "default", "STDIN", ApplyMode.APPLY);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> torn = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread t =
          new Thread(
              () -> {
                while (!stop.get()) {
                  Snapshot s = store.current();
                  String a = subset(s, "reviews");
                  String b = subset(s, "ratings");
                  if (!a.equals(b)) {
                    torn.set(a + " vs " + b);
                  }
                }
              });
      t.start();
      readers.add(t);
    }
    for (int i = 0; i < 200; i++) {
      store.apply(i % 2 == 0 ? bothV2 : both, "default", "STDIN", ApplyMode.APPLY);
    }
    stop.set(true);
    for (Thread t : readers) {
      t.join();
    }
    assertThat(torn.get()).isNull();
  }

  private static String subset(Snapshot s, String name) {
    return ((VirtualServiceSpec)
            s.get(ResourceKind.VIRTUAL_SERVICE, "default", name).orElseThrow().spec())
        .http()
        .get(0)
        .route()
        .get(0)
        .destination()
        .subset();
  }

  @Test
  void startStateAppliesFilesInOrderWithDistinctOrderedTimestamps() {
    Snapshot start =
        ConfigStore.startState(
            List.of(
                new ConfigStore.SourceText("a.yaml", vs("reviews", "v1")),
                new ConfigStore.SourceText(
                    "b.yaml", vs("ratings", "v1") + "---\n" + vs("details", "v1"))),
            Inventory.bookinfo(),
            IstioProfile.ISTIO_1_8,
            T0);
    Instant reviews =
        start
            .get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews")
            .orElseThrow()
            .meta()
            .creationTimestamp();
    Instant ratings =
        start
            .get(ResourceKind.VIRTUAL_SERVICE, "default", "ratings")
            .orElseThrow()
            .meta()
            .creationTimestamp();
    Instant details =
        start
            .get(ResourceKind.VIRTUAL_SERVICE, "default", "details")
            .orElseThrow()
            .meta()
            .creationTimestamp();
    assertThat(reviews).isEqualTo(T0);
    assertThat(ratings).isAfter(reviews);
    assertThat(details).isAfter(ratings);
    assertThatThrownBy(
            () ->
                ConfigStore.startState(
                    List.of(new ConfigStore.SourceText("bad.yaml", vs("x", "v_1"))),
                    Inventory.bookinfo(),
                    IstioProfile.ISTIO_1_8,
                    T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.yaml");

    ConfigStore store = new ConfigStore(start, Clock.fixed(T0, ZoneOffset.UTC));
    store.apply(vs("productpage", "v1"), "default", "STDIN", ApplyMode.APPLY);
    assertThat(
            store
                .current()
                .get(ResourceKind.VIRTUAL_SERVICE, "default", "productpage")
                .orElseThrow()
                .meta()
                .creationTimestamp())
        .isAfter(details);
  }

  @Test
  void warningsAreDedupedAndPrintedBeforeTheirLine() {
    ConfigStore store = emptyStore();
    String a = vs("a", "v1").replace("  http:", "  gateways:\n  - gw.default\n  http:");
    String b = vs("b", "v1").replace("  http:", "  gateways:\n  - gw.default\n  http:");
    assertThat(store.apply(a + "---\n" + b, "default", "STDIN", ApplyMode.APPLY).output())
        .isEqualTo(
            "Warning: using legacy gatewayName format \"gw.default\"; prefer the <namespace>/<name> format: "
                + "\"default/gw\"\nvirtualservice.networking.istio.io/a created\n"
                + "virtualservice.networking.istio.io/b created\n");
  }

  @Test
  void weightsThatDoNotSumTo100AreMarkedOnTheFirstWeightLine() {
    String text =
        """
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
                subset: v1
              weight: 40
            - destination:
                host: reviews
                subset: v3
              weight: 50
        """;
    assertThat(emptyStore().validate(text, "default"))
        .containsExactly(
            new Diagnostic(
                Diagnostic.Severity.ERROR, "total destination weight 90 != 100", 13, 15));
  }

  @Test
  void generationChangesWithEveryPublishedStateAndNeverRepeatsAfterAReset() {
    ConfigStore store = emptyStore();
    Snapshot start = store.current();
    long before = store.generation();

    store.apply(vs("reviews", "v1"), "default", "a.yaml", ApplyMode.APPLY);
    long afterApply = store.generation();
    store.apply(vs("reviews", "v1"), "default", "a.yaml", ApplyMode.APPLY); // unchanged
    long afterSameApply = store.generation();
    store.reset(start);
    long afterReset = store.generation();
    store.apply(vs("reviews", "v3"), "default", "b.yaml", ApplyMode.APPLY);

    assertThat(afterApply).isGreaterThan(before);
    assertThat(afterSameApply).as("an apply that changed nothing").isEqualTo(afterApply);
    assertThat(afterReset).isGreaterThan(afterApply);
    assertThat(store.current().revision())
        .as("the revision repeats after a reset, which is why views compare generations")
        .isEqualTo(start.revision() + 1);
    assertThat(store.generation()).isGreaterThan(afterReset);
  }
}
