package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The typed result of each document: action, reason, request, causes with their positions,
 * warnings.
 */
class ApplyOutcomesTest {

  private final ConfigStore store =
      new ConfigStore(
          Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8),
          Clock.fixed(Instant.parse("2020-12-08T10:00:00Z"), ZoneOffset.UTC));

  private static String vs(String name, String subset) {
    return ConfigStoreTest.vs(name, subset);
  }

  private DocumentResult applyOne(String text) {
    ApplyReport r = store.apply(text, "default", "f.yaml", ApplyMode.APPLY);
    assertThat(r.results()).hasSize(1);
    return r.results().get(0);
  }

  @Test
  void createdConfiguredUnchangedAndDeletedAreActionsWithoutFailure() {
    DocumentResult created = applyOne(vs("reviews", "v1"));
    assertThat(created.action()).isEqualTo(Action.CREATED);
    assertThat(created.failure()).isNull();
    assertThat(created.reason()).isNull();
    assertThat(created.kind()).isEqualTo("VirtualService");
    assertThat(created.apiVersion()).isEqualTo("networking.istio.io/v1alpha3");
    assertThat(created.name()).isEqualTo("reviews");
    assertThat(created.namespace()).isEqualTo("default");
    assertThat(created.resourceKind()).contains(ResourceKind.VIRTUAL_SERVICE);

    assertThat(applyOne(vs("reviews", "v1")).action()).isEqualTo(Action.UNCHANGED);
    assertThat(applyOne(vs("reviews", "v2")).action()).isEqualTo(Action.CONFIGURED);

    ApplyReport deleted = store.deleteFromText(vs("reviews", "v2"), "default", "f.yaml");
    assertThat(deleted.results())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.action()).isEqualTo(Action.DELETED);
              assertThat(d.failure()).isNull();
            });
  }

  @Test
  void aTextThatIsNotYamlIsOneParseErrorAtItsPosition() {
    ApplyReport r =
        store.apply(
            "apiVersion: v1\nkind: x\nmetadata:\n  name: a: b\n",
            "default",
            "f.yaml",
            ApplyMode.APPLY);
    assertThat(r.parseError()).isTrue();
    DocumentResult d = r.results().get(0);
    assertThat(d.action()).isEqualTo(Action.REJECTED);
    assertThat(d.reason()).isEqualTo(Reason.PARSE_ERROR);
    assertThat(d.kind()).isNull();
    assertThat(d.failure().request())
        .isEqualTo(new Request(Request.Operation.READ, "f.yaml", null));
    assertThat(d.failure().message()).startsWith("error converting YAML to JSON: yaml: line 4: ");
    assertThat(d.line()).isEqualTo(4);
    assertThat(d.column()).isEqualTo(10);
  }

  @Test
  void aMissingKindStopsTheReadingAndTheRestIsNotProcessed() {
    ApplyReport r =
        store.apply(
            "apiVersion: v1\nmetadata:\n  name: x\n---\n" + vs("reviews", "v1"),
            "default",
            "f.yaml",
            ApplyMode.APPLY);
    assertThat(r.results())
        .extracting(DocumentResult::reason)
        .containsExactly(Reason.CLIENT_VALIDATION, Reason.NOT_PROCESSED);
    Failure f = r.results().get(0).failure();
    assertThat(f.causes()).containsExactly(new Cause("kind not set", 1, 1));
    assertThat(f.message()).isEqualTo("error validating data: kind not set");
    assertThat(r.results().get(1).failure().line()).isNull();
    assertThat(store.current().objects()).isEmpty();
  }

  @Test
  void anUnservedVersionKeepsItsApiVersionAndPointsAtIt() {
    DocumentResult d = applyOne(vs("reviews", "v1").replace("v1alpha3", "v1"));
    assertThat(d.reason()).isEqualTo(Reason.UNSERVED_VERSION);
    assertThat(d.apiVersion()).isEqualTo("networking.istio.io/v1");
    assertThat(d.kind()).isEqualTo("VirtualService");
    assertThat(d.line()).isEqualTo(1);
    assertThat(d.column()).isEqualTo(13);
    assertThat(LabHints.hint(new ApplyReport(Verb.APPLY, List.of(d)))).isPresent();
  }

  @Test
  void aNamespaceOtherThanTheFlagsIsAMismatch() {
    store.createNamespace("foo");
    ApplyReport r =
        store.apply(
            vs("reviews", "v1").replace("  name: reviews\n", "  name: reviews\n  namespace: foo\n"),
            "default",
            "f.yaml",
            ApplyMode.APPLY,
            true);
    DocumentResult d = r.results().get(0);
    assertThat(d.reason()).isEqualTo(Reason.NAMESPACE_MISMATCH);
    assertThat(d.line()).isEqualTo(5);
    assertThat(d.column()).isEqualTo(14);
  }

  @Test
  void aMissingNameIsNameRequiredWhileRetrieving() {
    DocumentResult d = applyOne(vs("reviews", "v1").replace("  name: reviews\n", "  labels: {}\n"));
    assertThat(d.reason()).isEqualTo(Reason.NAME_REQUIRED);
    assertThat(d.failure().request().operation()).isEqualTo(Request.Operation.RETRIEVE);
    assertThat(d.name()).isNull();
  }

  @Test
  void serverReasonsNotFoundAlreadyExistsAndForbidden() {
    DocumentResult missingNs =
        applyOne(
            vs("reviews", "v1")
                .replace("  name: reviews\n", "  name: reviews\n  namespace: nope\n"));
    assertThat(missingNs.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(missingNs.reason().fromServer()).isTrue();
    assertThat(missingNs.reason().statusReason()).isEqualTo("NotFound");

    applyOne(vs("reviews", "v1"));
    DocumentResult exists =
        store.apply(vs("reviews", "v1"), "default", "f.yaml", ApplyMode.CREATE).results().get(0);
    assertThat(exists.reason()).isEqualTo(Reason.ALREADY_EXISTS);
    assertThat(exists.failure().request().operation()).isEqualTo(Request.Operation.CREATE);

    DocumentResult forbidden =
        applyOne(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: istiod\n  namespace: istio-system\n"
                + "spec:\n  ports:\n  - port: 80\n");
    assertThat(forbidden.reason()).isEqualTo(Reason.FORBIDDEN);
    assertThat(forbidden.line()).isEqualTo(4);

    assertThat(store.delete(ResourceKind.DESTINATION_RULE, "default", "nope").reason())
        .isEqualTo(Reason.NOT_FOUND);
    assertThat(store.createNamespace("default").reason()).isEqualTo(Reason.ALREADY_EXISTS);
    assertThat(store.createNamespace("Bad_Name").reason()).isEqualTo(Reason.INVALID);
  }

  @Test
  void anInvalidObjectListsEachCauseWithItsLineAndColumn() {
    String text =
        vs("Reviews", "v1")
            .replace("  name: Reviews\n", "  name: Reviews\n  labels:\n    a/b/c: x y\n");
    DocumentResult d = applyOne(text);
    assertThat(d.reason()).isEqualTo(Reason.INVALID);
    assertThat(d.failure().causes())
        .extracting(Cause::line, Cause::column)
        .containsExactly(Tuple.tuple(4, 9), Tuple.tuple(6, 5), Tuple.tuple(6, 12));
    assertThat(d.failure().causes())
        .extracting(Cause::message)
        .satisfiesExactly(
            name -> assertThat(name).startsWith("metadata.name: Invalid value: \"Reviews\""),
            key ->
                assertThat(key).startsWith("metadata.labels: Invalid value: \"a/b/c\": name part"),
            value ->
                assertThat(value)
                    .startsWith("metadata.labels: Invalid value: \"x y\": a valid label"));
    assertThat(d.line()).isEqualTo(4);
    assertThat(d.column()).isEqualTo(9);
  }

  @Test
  void aWebhookDenialKeepsTheWebhooksErrorsAsCausesAndAPatchWhenConfiguring() {
    applyOne(vs("reviews", "v1"));
    DocumentResult d = applyOne(vs("reviews", "v1.0"));
    assertThat(d.reason()).isEqualTo(Reason.ADMISSION_DENIED);
    assertThat(d.failure().causes())
        .containsExactly(new Cause("subset name is invalid: v1.0", 12, 17));
    assertThat(d.failure().request().operation()).isEqualTo(Request.Operation.PATCH);
    assertThat(d.failure().request().patch()).startsWith("{\"metadata\":{\"annotations\":");
    assertThat(d.failure().request().source()).isEqualTo("f.yaml");
  }

  @Test
  void warningsBelongToTheirDocumentInOrder() {
    String text =
        """
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
          trafficPolicy:
            outlierDetection:
              consecutiveErrors: 5
        """;
    DocumentResult d = applyOne(text);
    assertThat(d.action()).isEqualTo(Action.CREATED);
    assertThat(d.warnings())
        .singleElement()
        .asString()
        .startsWith("outlier detection consecutive errors is ");
  }
}
