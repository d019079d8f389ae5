package dev.trafficlab.mesh.store;

import static dev.trafficlab.mesh.store.PrintedLine.Stream.STDERR;
import static dev.trafficlab.mesh.store.PrintedLine.Stream.STDOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl 1.19's wording and streams, from hand-built results: the printer needs no engine. */
class KubectlPrinterTest {
  private static final String VS = "VirtualService";
  private static final String V1A3 = "networking.istio.io/v1alpha3";

  private static DocumentResult ok(String name, Action action, String... warnings) {
    return new DocumentResult(VS, V1A3, name, "default", action, null, List.of(warnings));
  }

  private static DocumentResult refused(
      String name, Reason reason, Request request, String message, Cause... causes) {
    return new DocumentResult(
        VS,
        V1A3,
        name,
        "default",
        Action.REJECTED,
        new Failure(reason, request, message, List.of(causes), null, null),
        List.of());
  }

  private static Request creating(String source) {
    return new Request(Request.Operation.CREATE, source, null);
  }

  @Test
  void successLinesGoToStdoutWarningsAndErrorsToStderrErrorsLast() {
    ApplyReport r =
        new ApplyReport(
            Verb.APPLY,
            List.of(
                refused("a", Reason.NOT_FOUND, creating("f.yaml"), "namespaces \"x\" not found"),
                ok("b", Action.CREATED, "w1", "w2"),
                ok("c", Action.UNCHANGED, "w1")));
    assertThat(KubectlPrinter.lines(r))
        .containsExactly(
            new PrintedLine(STDERR, "Warning: w1"),
            new PrintedLine(STDERR, "Warning: w2"),
            new PrintedLine(STDOUT, "virtualservice.networking.istio.io/b created"),
            new PrintedLine(STDOUT, "virtualservice.networking.istio.io/c unchanged"),
            new PrintedLine(
                STDERR,
                "Error from server (NotFound): error when creating \"f.yaml\": namespaces \"x\" not "
                    + "found"));
    assertThat(r.output()).isEqualTo(KubectlPrinter.text(KubectlPrinter.lines(r)));
  }

  @Test
  void errorsFoundWhileReadingComeBeforeTheServersAndEveryErrorIsOneLineAmongOthers() {
    Request reading = new Request(Request.Operation.READ, "f.yaml", null);
    ApplyReport r =
        new ApplyReport(
            Verb.APPLY,
            List.of(
                refused(
                    "a",
                    Reason.ALREADY_EXISTS,
                    creating("f.yaml"),
                    "virtualservices.networking.istio.io \"a\" already " + "exists"),
                new DocumentResult(
                    "Foo",
                    "x/v1",
                    "b",
                    null,
                    Action.REJECTED,
                    new Failure(
                        Reason.UNSERVED_VERSION,
                        reading,
                        "no matches for kind \"Foo\" in version \"x/v1\"",
                        List.of(),
                        1,
                        13),
                    List.of())));
    assertThat(KubectlPrinter.lines(r))
        .extracting(PrintedLine::text)
        .containsExactly(
            "unable to recognize \"f.yaml\": no matches for kind \"Foo\" in version \"x/v1\"",
            "Error from server (AlreadyExists): error when creating \"f.yaml\": virtualservices.networking.istio.io "
                + "\"a\" already exists");
  }

  @Test
  void aLoneClientErrorIsPrefixedWithErrorColon() {
    ApplyReport r =
        new ApplyReport(
            Verb.APPLY,
            List.of(
                new DocumentResult(
                    null,
                    null,
                    null,
                    null,
                    Action.REJECTED,
                    new Failure(
                        Reason.CLIENT_VALIDATION,
                        new Request(Request.Operation.READ, "STDIN", null),
                        "error validating data: kind not set",
                        List.of(new Cause("kind not set", 1, 1)),
                        1,
                        1),
                    List.of())));
    assertThat(KubectlPrinter.lines(r))
        .containsExactly(
            new PrintedLine(
                STDERR,
                "error: error validating \"STDIN\": "
                    + "error validating data: kind not set; if you choose to ignore these errors, turn validation off with "
                    + "--validate=false"));
  }

  @Test
  void aLoneInvalidObjectListsItsCausesOnePerLine() {
    DocumentResult invalid =
        refused(
            "R",
            Reason.INVALID,
            creating("STDIN"),
            "VirtualService.networking.istio.io " + "\"R\" is invalid: [c1, c2]",
            new Cause("c1", 4, 9),
            new Cause("c2", 6, 5));
    assertThat(KubectlPrinter.lines(new ApplyReport(Verb.APPLY, List.of(invalid))))
        .containsExactly(
            new PrintedLine(STDERR, "The VirtualService \"R\" is invalid: "),
            new PrintedLine(STDERR, "* c1"),
            new PrintedLine(STDERR, "* c2"));
    assertThat(invalid.error()).isEqualTo("The VirtualService \"R\" is invalid: \n* c1\n* c2");
    DocumentResult other =
        refused("b", Reason.NOT_FOUND, creating("STDIN"), "namespaces \"x\" not found");
    assertThat(KubectlPrinter.lines(new ApplyReport(Verb.APPLY, List.of(invalid, other))))
        .extracting(PrintedLine::text)
        .containsExactly(
            "Error from server (Invalid): error when creating \"STDIN\": VirtualService.networking.istio.io \"R\" is "
                + "invalid: [c1, c2]",
            "Error from server (NotFound): error when creating \"STDIN\": namespaces \"x\" not found");
  }

  @Test
  void aPatchIsShownWithTheLiveObjectAndAWebhookDenialHasNoReasonInParentheses() {
    DocumentResult denied =
        refused(
            "reviews",
            Reason.ADMISSION_DENIED,
            new Request(Request.Operation.PATCH, "STDIN", "{\"spec\":{}}"),
            "admission webhook \"validation.istio.io\" "
                + "denied the request: configuration is invalid: x");
    assertThat(
            KubectlPrinter.text(KubectlPrinter.lines(new ApplyReport(Verb.APPLY, List.of(denied)))))
        .isEqualTo(
            "Error from server: error when applying patch:\n{\"spec\":{}}\nto:\nResource: \"networking.istio.io/v1alpha3,"
                + " Resource=virtualservices\", GroupVersionKind: \"networking.istio.io/v1alpha3, Kind=VirtualService\"\n"
                + "Name: \"reviews\", Namespace: \"default\"\nfor: \"STDIN\": admission webhook \"validation.istio.io\" "
                + "denied the request: configuration is invalid: x\n");
  }

  @Test
  void aWarningIsPrintedOncePerRun() {
    ApplyReport r =
        new ApplyReport(
            Verb.APPLY, List.of(ok("a", Action.CREATED, "same"), ok("b", Action.CREATED, "same")));
    assertThat(KubectlPrinter.lines(r))
        .filteredOn(l -> l.text().startsWith("Warning: "))
        .hasSize(1);
  }

  @Test
  void dryRunMarksOnlySuccessLines() {
    ApplyReport r =
        new ApplyReport(
            Verb.APPLY,
            List.of(
                ok("a", Action.CONFIGURED, "w"),
                refused("b", Reason.NOT_FOUND, creating("STDIN"), "namespaces \"x\" not found")));
    assertThat(KubectlPrinter.lines(r, new KubectlPrinter.Options(" (server dry run)", false)))
        .extracting(PrintedLine::text)
        .containsExactly(
            "Warning: w",
            "virtualservice.networking.istio.io/a configured (server dry run)",
            "Error from server (NotFound): error when creating \"STDIN\": namespaces \"x\" not found");
  }

  @Test
  void ignoreNotFoundDropsNotFoundBeforeChoosingTheErrorForm() {
    Request deleting = new Request(Request.Operation.DELETE, "f.yaml", null);
    ApplyReport r =
        new ApplyReport(
            Verb.DELETE,
            List.of(
                ok("a", Action.DELETED),
                refused(
                    "b",
                    Reason.NOT_FOUND,
                    deleting,
                    "virtualservices.networking.istio.io \"b\" not found"),
                refused(
                    "c",
                    Reason.NAME_REQUIRED,
                    new Request(Request.Operation.READ, "f.yaml", null),
                    "resource name may not be empty")));
    assertThat(KubectlPrinter.lines(r, new KubectlPrinter.Options("", true)))
        .containsExactly(
            new PrintedLine(STDOUT, "virtualservice.networking.istio.io \"a\" deleted"),
            new PrintedLine(STDERR, "error: resource name may not be empty"));
    assertThat(KubectlPrinter.lines(r))
        .extracting(PrintedLine::text)
        .containsExactly(
            "virtualservice.networking.istio.io \"a\" deleted",
            "Error from server (NotFound): error when deleting \"f.yaml\": virtualservices.networking.istio.io \"b\" not "
                + "found",
            "resource name may not be empty");
  }

  @Test
  void namedObjectsHaveNoFileInTheirErrors() {
    DocumentResult missing =
        refused(
            "reviews",
            Reason.NOT_FOUND,
            new Request(Request.Operation.DELETE, null, null),
            "virtualservices.networking.istio.io \"reviews\" not found");
    assertThat(missing.error())
        .isEqualTo(
            "Error from server (NotFound): virtualservices.networking.istio.io "
                + "\"reviews\" not found");
  }

  @Test
  void anEmptyTextIsAnErrorForApplyButNotForDelete() {
    assertThat(KubectlPrinter.lines(new ApplyReport(Verb.CREATE, List.of())))
        .containsExactly(new PrintedLine(STDERR, "error: no objects passed to create"));
    assertThat(KubectlPrinter.lines(new ApplyReport(Verb.DELETE, List.of())))
        .containsExactly(new PrintedLine(STDOUT, "No resources found"));
    assertThat(new ApplyReport(Verb.APPLY, List.of()).ok()).isFalse();
    assertThat(new ApplyReport(Verb.DELETE, List.of()).ok()).isTrue();
  }

  @Test
  void aDocumentNeverReadPrintsNothingButSaysWhyInItsError() {
    DocumentResult skipped =
        new DocumentResult(
            null,
            null,
            null,
            null,
            Action.REJECTED,
            new Failure(
                Reason.NOT_PROCESSED,
                new Request(Request.Operation.READ, "STDIN", null),
                "not processed: because",
                List.of(),
                null,
                null),
            List.of());
    assertThat(
            KubectlPrinter.lines(
                new ApplyReport(Verb.APPLY, List.of(ok("a", Action.CREATED), skipped))))
        .containsExactly(new PrintedLine(STDOUT, "virtualservice.networking.istio.io/a created"));
    assertThat(skipped.error()).isEqualTo("not processed: because");
  }

  @Test
  void reasonsHaveJsonNames() {
    assertThat(Reason.NOT_FOUND.jsonName()).isEqualTo("NotFound");
    assertThat(Reason.UNSERVED_VERSION.jsonName()).isEqualTo("UnservedVersion");
    assertThat(Reason.PARSE_ERROR.jsonName()).isEqualTo("ParseError");
  }
}
