package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/** One document while a run handles it: what was read from it, and what it has come to so far. */
final class WorkingDoc {
  final YamlDocument doc;

  /** The kind as written, before it is known to be served. */
  String kindName;

  String name;
  String namespace;

  /** Set once kubectl has mapped the document to a served resource. */
  ResourceKind kind;

  /** The served type; set with {@link #kind}. */
  ApiType type;

  String apiVersion;
  YamlNode.Mapping root;

  /**
   * Set for a change made by a command (scale, label, patch...) rather than kubectl apply: the
   * object's annotations are kept as they are, with no new last-applied-configuration.
   */
  boolean patching;

  Action action;
  Failure failure;
  final List<String> warnings = new ArrayList<>();

  /**
   * Everything the editor shows for this document, including the lab's warnings kubectl never
   * prints.
   */
  final List<Diagnostic> diagnostics = new ArrayList<>();

  WorkingDoc(YamlDocument doc) {
    this.doc = doc;
  }

  void succeed(Action a) {
    action = a;
  }

  /** Refused; the editor shows kubectl's error at the failure's position. */
  void fail(Failure f) {
    action = Action.REJECTED;
    failure = f;
    diagnostics.add(
        new Diagnostic(
            Diagnostic.Severity.ERROR, KubectlPrinter.error(result()), f.line(), f.column()));
  }

  /** Refused; the editor shows each cause at its own position instead of kubectl's summary. */
  void failWithCauses(Failure f) {
    action = Action.REJECTED;
    failure = f;
    for (Cause c : f.causes()) {
      diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, c.message(), c.line(), c.column()));
    }
  }

  void warn(String message, Pos pos) {
    diagnostics.add(
        new Diagnostic(
            Diagnostic.Severity.WARNING, message, ApplyEngine.line(pos), ApplyEngine.col(pos)));
  }

  DocumentResult result() {
    return new DocumentResult(
        kindName, apiVersion, name, namespace, action, failure, warnings, type);
  }

  /** The position of metadata.FIELD, else of metadata, else of the document. */
  Pos metaPos(String field) {
    YamlNode meta = root.value("metadata");
    if (meta instanceof YamlNode.Mapping mm && mm.value(field) != null) {
      return mm.value(field).pos();
    }
    return meta != null ? meta.pos() : root.pos();
  }

  static String scalarText(YamlNode n) {
    if (n instanceof YamlNode.Scalar s && s.value() != null) {
      return String.valueOf(s.value());
    }
    return null;
  }
}
