package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.IstioWebhook;
import dev.trafficlab.mesh.validation.Problem;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.validation.SpecDecoder;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The API server's storage step: whether the object exists, is unchanged or new, and writing it
 * with its metadata (uid, resourceVersion, generation, last-applied-configuration). Namespaces take
 * a shorter path.
 */
final class StorePhase {
  private StorePhase() {}

  /**
   * The live object a document would replace, and what kubectl apply would record of the document.
   */
  record Live(ResourceKey key, Resource existing, Map<String, Object> applied, String appliedJson) {
    String lastApplied() {
      return existing == null ? null : existing.meta().annotations().get(Kube.LAST_APPLIED);
    }

    /** True when the object exists and was last applied from exactly this text's object. */
    boolean unchanged() {
      return existing != null && appliedJson.equals(lastApplied());
    }
  }

  static Live live(WorkingState s, WorkingDoc d) {
    ResourceKey key = key(d.type, d.namespace, d.name);
    Map<String, Object> applied = MergePatch.appliedObject(d.root, d.namespace);
    return new Live(key, s.objects.get(key), applied, GoJson.write(applied) + "\n");
  }

  /** The key of an object of any type. */
  static ResourceKey key(ApiType type, String namespace, String name) {
    return new ResourceKey(
        type.known(),
        type.namespaced() ? namespace : "",
        name,
        type.known() == ResourceKind.GENERIC ? type.resource() : "");
  }

  /** The request kubectl makes for this document: a patch of the live object, or a create. */
  static Request request(Live live, String source, boolean createMode) {
    return live.existing() != null && !createMode
        ? new Request(
            Request.Operation.PATCH,
            source,
            MergePatch.patch(live.existing(), live.applied(), live.appliedJson()))
        : Request.of(Request.Operation.CREATE, source);
  }

  /** False (and the document refused) when the document's namespace does not exist. */
  static boolean namespaceExists(WorkingState s, WorkingDoc d, String source) {
    if (s.namespaces.contains(d.namespace)) {
      return true;
    }
    d.fail(
        Failure.of(
            Reason.NOT_FOUND,
            Request.of(Request.Operation.CREATE, source),
            "namespaces \"" + d.namespace + "\" not found",
            d.metaPos("namespace")));
    return false;
  }

  /** Stores an object that passed the schema and the webhook. */
  static void write(
      WorkingState s,
      WorkingDoc d,
      Live live,
      SchemaCheck.Result schema,
      IstioWebhook.Verdict verdict,
      String source,
      boolean createMode) {
    @SuppressWarnings("unchecked")
    Map<String, Object> rawSpec =
        schema.pruned() == null
            ? Map.of()
            : Collections.unmodifiableMap(
                (Map<String, Object>) SchemaCheck.toJson(schema.pruned()));
    Object spec = SpecDecoder.decode(d.kind, schema.pruned());
    List<String> warnings = verdict.warnings().stream().map(Problem::message).toList();
    store(s, d, live, rawSpec, spec, Map.of(), warnings, source, createMode);
  }

  /**
   * Stores an accepted object: created, configured (a new resourceVersion; a new generation when
   * the spec changed) or unchanged; refused when it exists and this is kubectl create.
   */
  static void store(
      WorkingState s,
      WorkingDoc d,
      Live live,
      Map<String, Object> rawSpec,
      Object spec,
      Map<String, Object> body,
      List<String> admissionWarnings,
      String source,
      boolean createMode) {
    ResourceKind kind = d.kind;
    Resource existing = live.existing();
    if (existing != null && createMode) {
      d.fail(
          Failure.of(
              Reason.ALREADY_EXISTS,
              Request.of(Request.Operation.CREATE, source),
              d.type.resource() + " \"" + d.name + "\" already exists",
              d.metaPos("name")));
      return;
    }
    Map<String, String> annotations = new LinkedHashMap<>(stringMap(d, "annotations"));
    Map<String, String> labels = stringMap(d, "labels");
    if (d.patching) {
      if (existing != null
          && Objects.equals(existing.rawSpec(), rawSpec)
          && Objects.equals(existing.body(), body)
          && existing.meta().labels().equals(labels)
          && existing.meta().annotations().equals(annotations)) {
        d.succeed(Action.UNCHANGED);
        return;
      }
    } else if (live.unchanged()) {
      d.succeed(Action.UNCHANGED);
      return;
    }
    if (existing != null && live.lastApplied() == null && !d.patching) {
      d.warnings.add(
          "resource "
              + d.type.plural()
              + "/"
              + d.name
              + " is missing the "
              + Kube.LAST_APPLIED
              + " annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
              + "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be "
              + "patched automatically.");
    }
    d.warnings.addAll(admissionWarnings);
    if (!d.patching) {
      annotations.remove(Kube.LAST_APPLIED);
      if (!createMode) {
        annotations.put(Kube.LAST_APPLIED, live.appliedJson());
      }
    }
    Pos metaPos = d.root.value("metadata") == null ? Pos.UNKNOWN : d.root.value("metadata").pos();
    String ns = d.type.namespaced() ? d.namespace : null;
    ObjectMeta meta;
    if (existing == null) {
      meta =
          new ObjectMeta(
              d.name,
              ns,
              labels,
              annotations,
              s.stamps.nextUid(),
              s.stamps.nextResourceVersion(),
              1L,
              s.stamps.nextCreation(),
              metaPos);
      d.succeed(Action.CREATED);
    } else {
      ObjectMeta old = existing.meta();
      long generation = old.generation() == null ? 1 : old.generation();
      if (!Objects.equals(existing.rawSpec(), rawSpec)) {
        generation++;
      }
      meta =
          new ObjectMeta(
              d.name,
              ns,
              labels,
              annotations,
              old.uid(),
              s.stamps.nextResourceVersion(),
              generation,
              old.creationTimestamp(),
              metaPos);
      d.succeed(Action.CONFIGURED);
    }
    s.objects.put(live.key(), new Resource(kind, d.apiVersion, meta, spec, rawSpec, body, d.type));
    s.changed = true;
  }

  /** A Namespace document: created, unchanged, or refused. */
  static void applyNamespace(WorkingState s, WorkingDoc d, String source, boolean createMode) {
    String name = d.name;
    Request creating = Request.of(Request.Operation.CREATE, source);
    if (!Kube.isLabel(name)) {
      d.fail(
          Failure.of(
              Reason.INVALID,
              creating,
              "Namespace \"" + name + "\" is invalid: " + Kube.labelMessage(name),
              List.of(Cause.at(Kube.labelMessage(name), d.metaPos("name"))),
              d.metaPos("name")));
      return;
    }
    List<Cause> labelProblems = new java.util.ArrayList<>();
    SchemaPhase.labelCauses(d, labelProblems);
    if (!labelProblems.isEmpty()) {
      d.failWithCauses(
          new Failure(
              Reason.INVALID,
              creating,
              "Namespace \"" + name + "\" is invalid: " + labelProblems.get(0).message(),
              labelProblems,
              labelProblems.get(0).line(),
              labelProblems.get(0).column()));
      return;
    }
    Map<String, String> labels = stringMap(d, "labels");
    Map<String, String> existing = s.namespaceLabels.get(name);
    if (existing != null) {
      if (createMode) {
        d.fail(
            Failure.of(
                Reason.ALREADY_EXISTS,
                creating,
                "namespaces \"" + name + "\" already exists",
                d.metaPos("name")));
        return;
      }
      // kubectl apply merges the labels it applies into the live ones
      Map<String, String> merged = new java.util.TreeMap<>(existing);
      merged.putAll(labels);
      if (merged.equals(new java.util.TreeMap<>(existing))) {
        d.succeed(Action.UNCHANGED);
        return;
      }
      s.namespaceLabels.put(name, Map.copyOf(merged));
      s.changed = true;
      d.succeed(Action.CONFIGURED);
      return;
    }
    s.namespaceLabels.put(name, Map.copyOf(labels));
    s.changed = true;
    d.succeed(Action.CREATED);
  }

  /** kubectl create namespace NAME. */
  static DocumentResult createNamespace(WorkingState s, String name) {
    Request creating = Request.of(Request.Operation.CREATE, null);
    Failure refused;
    if (!Kube.isLabel(name)) {
      refused =
          new Failure(
              Reason.INVALID,
              creating,
              "Namespace \"" + name + "\" is invalid: " + Kube.labelMessage(name),
              List.of(new Cause(Kube.labelMessage(name), null, null)),
              null,
              null);
    } else if (s.namespaces.contains(name)) {
      refused =
          Failure.of(
              Reason.ALREADY_EXISTS,
              creating,
              "namespaces \"" + name + "\" already exists",
              Pos.UNKNOWN);
    } else {
      s.namespaceLabels.put(name, Map.of());
      s.changed = true;
      return DocumentResult.done(ResourceKind.NAMESPACE, name, null, Action.CREATED);
    }
    return DocumentResult.refused(ResourceKind.NAMESPACE, name, null, refused);
  }

  private static Map<String, String> stringMap(WorkingDoc d, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    YamlNode meta = d.root.value("metadata");
    if (meta instanceof YamlNode.Mapping mm && mm.value(field) instanceof YamlNode.Mapping labels) {
      for (YamlNode.Entry e : labels.entries()) {
        String v = WorkingDoc.scalarText(e.value());
        out.put(e.key(), v == null ? "" : v);
      }
    }
    return out;
  }
}
