package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.IstioWebhook;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API server's own checks of an Istio object, before any webhook: the object meta (name,
 * labels) and the CRD's structural schema (types, pruning). Also collects the editor's warnings for
 * what the server would drop.
 */
final class SchemaPhase {
  private SchemaPhase() {}

  private static final Set<String> TOP_LEVEL =
      Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Set<String> METADATA =
      Set.of(
          "name",
          "namespace",
          "labels",
          "annotations",
          "generateName",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "ownerReferences",
          "finalizers",
          "clusterName",
          "managedFields",
          "selfLink");

  /**
   * The schema's verdict on the spec, or null when the object is Invalid (the document is then
   * refused).
   */
  static SchemaCheck.Result check(WorkingDoc d, Request request) {
    ResourceKind kind = d.kind;
    SchemaCheck.Result schema = IstioWebhook.schema(kind, d.root.value("spec"));
    List<Cause> causes = new ArrayList<>();
    if (!Kube.isSubdomain(d.name)) {
      causes.add(Cause.at(Kube.subdomainMessage(d.name), d.metaPos("name")));
    }
    labelCauses(d, causes);
    for (SchemaCheck.Cause c : schema.causes()) {
      causes.add(Cause.at(c.text(), c.pos()));
    }
    droppedFieldWarnings(d, schema);
    unknownTopLevelFields(d);
    if (causes.isEmpty()) {
      return schema;
    }
    List<String> texts = causes.stream().map(Cause::message).toList();
    String agg = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
    d.failWithCauses(
        new Failure(
            Reason.INVALID,
            request,
            Kube.qualifiedKind(kind) + " \"" + d.name + "\" is invalid: " + agg,
            causes,
            causes.get(0).line(),
            causes.get(0).column()));
    return null;
  }

  /** ValidateLabels: each problem points at the key or the value it is about. */
  static void labelCauses(WorkingDoc d, List<Cause> causes) {
    if (d.root.value("metadata") instanceof YamlNode.Mapping meta
        && meta.value("labels") instanceof YamlNode.Mapping labels) {
      for (YamlNode.Entry e : labels.entries()) {
        String v = WorkingDoc.scalarText(e.value());
        for (String problem : Kube.labelProblems(e.key(), v == null ? "" : v)) {
          Pos at = problem.contains("\"" + e.key() + "\"") ? e.keyPos() : e.value().pos();
          causes.add(Cause.at(problem, at));
        }
      }
    }
  }

  private static void droppedFieldWarnings(WorkingDoc d, SchemaCheck.Result schema) {
    for (SchemaCheck.Dropped u : schema.unknownFields()) {
      String field = u.path().substring(u.path().lastIndexOf('.') + 1);
      String parent = u.path().substring(0, u.path().lastIndexOf('.'));
      d.warn(
          "unknown field \""
              + field
              + "\" in "
              + parent
              + ": Istio 1.8's schema has no such field, so the API server drops it and it has no effect",
          u.pos());
    }
    for (SchemaCheck.Dropped dup : schema.duplicateKeys()) {
      d.warn(
          "duplicate key \""
              + dup.path().substring(dup.path().lastIndexOf('.') + 1)
              + "\" in "
              + dup.path().substring(0, dup.path().lastIndexOf('.'))
              + ": only the last one is kept",
          dup.pos());
    }
  }

  /**
   * The editor's warnings for keys outside spec that the API server drops or that are written
   * twice.
   */
  private static void unknownTopLevelFields(WorkingDoc d) {
    scanKeys(d, d.root, TOP_LEVEL, "");
    if (d.root.value("metadata") instanceof YamlNode.Mapping meta) {
      scanKeys(d, meta, METADATA, "metadata");
    }
  }

  private static void scanKeys(WorkingDoc d, YamlNode.Mapping m, Set<String> known, String where) {
    Set<String> seen = new HashSet<>();
    String in = where.isEmpty() ? "the object" : where;
    for (YamlNode.Entry e : m.entries()) {
      if (!seen.add(e.key())) {
        d.warn(
            "duplicate key \"" + e.key() + "\" in " + in + ": only the last one is kept",
            e.keyPos());
      } else if (!known.contains(e.key())) {
        d.warn(
            "unknown field \""
                + e.key()
                + "\" in "
                + in
                + ": the API server drops it, so it has no effect",
            e.keyPos());
      }
    }
  }
}
