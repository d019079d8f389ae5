package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.IstioWebhook;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kubectl run (apply, create, delete -f, or a dry validation) against a working copy of a
 * snapshot's state. Documents are handled one by one as kubectl 1.19 does: first every document is
 * read and mapped to a kind ({@link ClientChecks}; a client-side validation error stops the
 * reading), then each object is sent to the "API server" on its own: {@link SchemaPhase}, {@link
 * AdmissionPhase}, {@link StorePhase} (or {@link Deletion}). The result is an {@link ApplyReport};
 * {@link KubectlPrinter} words it.
 */
final class ApplyEngine {
  final WorkingState state;

  /**
   * Set when the namespace was given on the command line (-n): a document naming another one is
   * then an error.
   */
  boolean explicitNamespace;

  ApplyEngine(Snapshot snapshot, Stamps stamps) {
    this.state = new WorkingState(snapshot, stamps);
  }

  static Integer line(Pos p) {
    return p != null && p.known() ? p.line() : null;
  }

  static Integer col(Pos p) {
    return p != null && p.known() ? p.column() : null;
  }

  /**
   * The whole run. diagnostics, when not null, receives every problem (including warnings kubectl
   * never shows).
   */
  ApplyReport run(
      String text,
      String defaultNamespace,
      String source,
      Verb verb,
      List<Diagnostic> diagnostics) {
    List<YamlDocument> yamlDocs;
    try {
      yamlDocs = YamlReader.read(text);
    } catch (YamlSyntaxException e) {
      if (diagnostics != null) {
        diagnostics.add(
            new Diagnostic(Diagnostic.Severity.ERROR, e.problem(), line(e.pos()), col(e.pos())));
      }
      return new ApplyReport(verb, List.of(unreadable(e, source)));
    }
    List<WorkingDoc> docs = read(yamlDocs, defaultNamespace, source);
    for (WorkingDoc d : docs) {
      if (d.action != null) {
        continue;
      }
      if (verb == Verb.DELETE) {
        delete(d, source);
      } else {
        apply(d, defaultNamespace, source, verb == Verb.CREATE, diagnostics != null);
      }
    }
    List<DocumentResult> results = new ArrayList<>();
    for (WorkingDoc d : docs) {
      results.add(d.result());
      if (diagnostics != null) {
        diagnostics.addAll(d.diagnostics);
      }
    }
    return new ApplyReport(verb, results);
  }

  /** The one result of a text that is not YAML or JSON. */
  private static DocumentResult unreadable(YamlSyntaxException e, String source) {
    Failure f =
        Failure.of(
            Reason.PARSE_ERROR,
            Request.of(Request.Operation.READ, source),
            e.conversionMessage(),
            e.pos());
    return new DocumentResult(null, null, null, null, Action.REJECTED, f, List.of());
  }

  /**
   * kubectl's reading of its input: every document identified, until one fails client-side
   * validation.
   */
  private List<WorkingDoc> read(
      List<YamlDocument> yamlDocs, String defaultNamespace, String source) {
    List<WorkingDoc> docs = new ArrayList<>();
    boolean stopped = false;
    for (YamlDocument yd : yamlDocs) {
      WorkingDoc d = new WorkingDoc(yd);
      docs.add(d);
      if (stopped) {
        ClientChecks.skip(d, source);
        continue;
      }
      ClientChecks.identify(d, source, state.profile, state.apiTypes());
      if (d.failure == null) {
        KubeSchema.check(d, source);
      }
      if (d.failure == null && explicitNamespace) {
        ClientChecks.namespaceMatches(d, defaultNamespace, source);
      }
      stopped = d.failure != null && d.failure.reason() == Reason.CLIENT_VALIDATION;
    }
    return docs;
  }

  /** One identified document through the API server: schema, admission webhook, store. */
  private void apply(
      WorkingDoc d, String defaultNamespace, String source, boolean createMode, boolean diagnose) {
    ResourceKind kind = d.kind;
    d.namespace =
        d.type.namespaced()
            ? (d.namespace == null || d.namespace.isEmpty() ? defaultNamespace : d.namespace)
            : null;
    if (d.name == null || d.name.isEmpty()) {
      d.name = null;
      d.fail(
          Failure.of(
              Reason.NAME_REQUIRED,
              Request.of(Request.Operation.RETRIEVE, source),
              "resource name may not be empty",
              d.metaPos("name")));
      return;
    }
    if (kind == ResourceKind.NAMESPACE) {
      StorePhase.applyNamespace(state, d, source, createMode);
      return;
    }
    if (!kind.istio()) {
      KubePhase.apply(state, d, source, createMode);
      return;
    }
    if (!StorePhase.namespaceExists(state, d, source)) {
      return;
    }
    StorePhase.Live live = StorePhase.live(state, d);
    if (!createMode && !d.patching && live.unchanged() && !diagnose) {
      d.succeed(Action.UNCHANGED);
      return;
    }
    Request request = StorePhase.request(live, source, createMode);
    SchemaCheck.Result schema = SchemaPhase.check(d, request);
    if (schema == null) {
      return;
    }
    IstioWebhook.Verdict verdict = AdmissionPhase.review(d, request, schema, state.profile);
    if (verdict == null) {
      return;
    }
    StorePhase.write(state, d, live, schema, verdict, source, createMode);
  }

  private void delete(WorkingDoc d, String source) {
    ResourceKind kind = d.kind;
    if (d.name == null || d.name.isEmpty()) {
      d.fail(
          Failure.of(
              Reason.NAME_REQUIRED,
              Request.of(Request.Operation.READ, source),
              "resource name may not be empty",
              d.metaPos("name")));
      return;
    }
    String ns =
        d.type.namespaced()
            ? (d.namespace == null || d.namespace.isEmpty() ? "default" : d.namespace)
            : null;
    d.namespace = ns;
    DocumentResult r =
        Deletion.deleteOne(state, d.type, ns, d.name, Request.of(Request.Operation.DELETE, source));
    d.action = r.action();
    if (r.failure() != null) {
      Failure f = r.failure();
      Pos at = d.metaPos("name");
      d.failure = new Failure(f.reason(), f.request(), f.message(), f.causes(), line(at), col(at));
    }
  }

  DocumentResult deleteOne(ResourceKind kind, String ns, String name, Request request) {
    return Deletion.deleteOne(state, ApiTypes.of(kind), ns, name, request);
  }

  DocumentResult deleteOne(ApiType type, String ns, String name, Request request) {
    return Deletion.deleteOne(state, type, ns, name, request);
  }

  /**
   * Writes an object the store already has, changed by a command (its live form as JSON-like maps):
   * through the same validation as an apply, without a new last-applied-configuration.
   */
  DocumentResult replace(Map<String, Object> object, String namespace) {
    WorkingDoc d = new WorkingDoc(YamlReader.read(GoJson.write(object)).get(0));
    ClientChecks.identify(d, null, state.profile, state.apiTypes());
    if (d.failure == null) {
      d.patching = true;
      apply(d, namespace, null, false, false);
    }
    return d.result();
  }

  DocumentResult createNamespace(String name) {
    return StorePhase.createNamespace(state, name);
  }

  boolean changed() {
    return state.changed;
  }

  Snapshot snapshot(long revision) {
    return state.snapshot(revision);
  }
}
