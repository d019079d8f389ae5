package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.ReplicaSet;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The commands that change one live object (kubectl scale, set image, rollout restart|undo, label,
 * annotate, patch), on one run's working state: each edits the object's live form and writes it
 * through the apply path's validation, so a refused change leaves the object as it was.
 */
final class ClusterOps {
  private final ApplyEngine engine;
  private final WorkingState s;

  ClusterOps(ApplyEngine engine) {
    this.engine = engine;
    this.s = engine.state;
  }

  private static final ApiType DEPLOYMENTS = ApiTypes.of(ResourceKind.DEPLOYMENT);

  DocumentResult scale(String ns, String name, int replicas) {
    return withDeployment(
        ns,
        name,
        (obj, spec) -> {
          spec.put("replicas", (long) replicas);
          return Action.SCALED;
        });
  }

  DocumentResult setImage(String ns, String name, Map<String, String> images) {
    return withDeployment(
        ns,
        name,
        (obj, spec) -> {
          List<Map<String, Object>> containers = containers(spec);
          for (Map.Entry<String, String> e : images.entrySet()) {
            boolean found = false;
            for (Map<String, Object> c : containers) {
              if (e.getKey().equals("*") || e.getKey().equals(c.get("name"))) {
                c.put("image", e.getValue());
                found = true;
              }
            }
            if (!found) {
              throw new CommandError("unable to find container named \"" + e.getKey() + "\"");
            }
          }
          return Action.IMAGE_UPDATED;
        });
  }

  DocumentResult restart(String ns, String name) {
    String at =
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            s.stamps.clock.instant().atOffset(java.time.ZoneOffset.UTC));
    return withDeployment(
        ns,
        name,
        (obj, spec) -> {
          Map<String, Object> meta = child(child(spec, "template"), "metadata");
          child(meta, "annotations").put("kubectl.kubernetes.io/restartedAt", at);
          return Action.RESTARTED;
        });
  }

  DocumentResult undo(String ns, String name, long toRevision) {
    List<ReplicaSet> history =
        s.cluster.replicaSets().stream()
            .filter(rs -> rs.namespace().equals(ns) && rs.deployment().equals(name))
            .sorted(java.util.Comparator.comparingLong(ReplicaSet::revision))
            .toList();
    return withDeployment(
        ns,
        name,
        (obj, spec) -> {
          ReplicaSet target;
          if (toRevision > 0) {
            target =
                history.stream()
                    .filter(rs -> rs.revision() == toRevision)
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new CommandError(
                                "unable to find specified revision " + toRevision + " in history"));
          } else if (history.size() < 2) {
            throw new CommandError("no rollout history found for deployment \"" + name + "\"");
          } else {
            target = history.get(history.size() - 2);
          }
          spec.put("template", ObjectPatches.deepCopy(target.template()));
          return Action.ROLLED_BACK;
        });
  }

  /** kubectl label / annotate: {@code set} adds or changes, {@code remove} takes keys away. */
  DocumentResult relabel(
      ApiType type,
      String ns,
      String name,
      Map<String, String> set,
      List<String> remove,
      boolean overwrite,
      boolean annotations) {
    String field = annotations ? "annotations" : "labels";
    Map<String, String> current;
    if (type.known() == ResourceKind.NAMESPACE) {
      current = s.namespaceLabels.get(name);
      if (annotations && current != null) {
        // the lab keeps no annotations on namespaces: annotating one changes nothing visible
        return DocumentResult.done(type, name, null, Action.ANNOTATED);
      }
    } else if (type.known() == ResourceKind.POD) {
      current = pod(ns, name).map(p -> annotations ? p.annotations() : p.labels()).orElse(null);
    } else {
      current =
          stored(type, ns, name)
              .map(r -> annotations ? r.meta().annotations() : r.meta().labels())
              .orElse(null);
    }
    if (current == null) {
      return notFound(type, ns, name);
    }
    Map<String, String> next = new TreeMap<>(current);
    for (Map.Entry<String, String> e : set.entrySet()) {
      String old = current.get(e.getKey());
      // kubectl refuses a key that exists, even with the same value (validateNoOverwrites)
      if (old != null && !overwrite) {
        return commandError(
            type,
            ns,
            name,
            "'" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false");
      }
      next.put(e.getKey(), e.getValue());
    }
    remove.forEach(next::remove);
    Action done = annotations ? Action.ANNOTATED : Action.LABELED;
    if (next.equals(new TreeMap<>(current))) {
      return DocumentResult.done(
          type,
          name,
          type.namespaced() ? ns : null,
          annotations ? Action.ANNOTATED : Action.NOT_LABELED);
    }
    if (!annotations) {
      List<String> problems = new ArrayList<>();
      next.forEach((k, v) -> problems.addAll(Kube.labelProblems(k, v)));
      if (!problems.isEmpty()) {
        return DocumentResult.refused(
            type,
            name,
            ns,
            new Failure(
                Reason.INVALID,
                Request.of(Request.Operation.PATCH, null),
                type.qualifiedKind() + " \"" + name + "\" is invalid: " + problems.get(0),
                problems.stream().map(p -> new Cause(p, null, null)).toList(),
                null,
                null));
      }
    }
    switch (type.known()) {
      case NAMESPACE -> {
        s.namespaceLabels.put(name, Map.copyOf(next));
        s.changed = true;
        return DocumentResult.done(type, name, null, done);
      }
      case POD -> {
        s.cluster = withPod(s.cluster, ns, name, next, annotations);
        s.changed = true;
        return DocumentResult.done(type, name, ns, done);
      }
      default -> {
        Map<String, Object> obj = live(stored(type, ns, name).orElseThrow());
        child(obj, "metadata").put(field, new LinkedHashMap<String, Object>(next));
        return finish(engine.replace(obj, ns), done);
      }
    }
  }

  DocumentResult patch(
      ApiType type, String ns, String name, String patchText, PatchType patchType) {
    Object patch;
    try {
      List<YamlDocument> docs = YamlReader.read(patchText);
      if (docs.isEmpty()) {
        throw new CommandError("unable to parse \"" + patchText + "\": empty patch");
      }
      patch = SchemaCheck.toJson(docs.get(0).root());
    } catch (YamlSyntaxException e) {
      return commandError(type, ns, name, "unable to parse \"" + patchText + "\": " + e.problem());
    } catch (CommandError e) {
      return commandError(type, ns, name, e.getMessage());
    }
    if (type.known() == ResourceKind.NAMESPACE
        || type.known() == ResourceKind.POD
        || type.known().derived()) {
      return commandError(
          type,
          ns,
          name,
          "the lab patches stored objects (Deployments, Services, Istio resources...); use kubectl label for "
              + type.plural());
    }
    Optional<Resource> existing = stored(type, ns, name);
    if (existing.isEmpty()) {
      return notFound(type, ns, name);
    }
    Map<String, Object> obj = live(existing.get());
    Object patched;
    try {
      patched =
          switch (patchType) {
            case JSON -> ObjectPatches.jsonPatch(obj, patch);
            case MERGE -> ObjectPatches.merge(obj, patch, false);
            case STRATEGIC -> ObjectPatches.merge(obj, patch, true);
          };
    } catch (ObjectPatches.PatchException e) {
      return DocumentResult.refused(
          type,
          name,
          ns,
          Failure.of(
              Reason.BAD_REQUEST,
              Request.of(Request.Operation.PATCH, null),
              e.getMessage(),
              Pos.UNKNOWN));
    }
    if (!(patched instanceof Map<?, ?> pm)) {
      return commandError(type, ns, name, "the patch does not leave an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) pm;
    DocumentResult r = engine.replace(result, ns);
    return r.action() == Action.UNCHANGED
        ? finish(r, Action.PATCHED_NO_CHANGE)
        : finish(r, Action.PATCHED);
  }

  /** istioctl install --set meshConfig.outboundTrafficPolicy.mode=MODE. */
  void outboundTrafficPolicy(String mode) {
    if (!mode.equals(s.cluster.outboundTrafficPolicy())) {
      s.cluster = s.cluster.withOutboundTrafficPolicy(mode);
      s.changed = true;
    }
  }

  // ---- helpers ----

  private interface Edit {
    Action apply(Map<String, Object> obj, Map<String, Object> spec);
  }

  /** A command's refusal (kubectl's own "error: ..."). */
  static final class CommandError extends RuntimeException {
    CommandError(String message) {
      super(message);
    }
  }

  private DocumentResult withDeployment(String ns, String name, Edit edit) {
    Optional<Resource> d = stored(DEPLOYMENTS, ns, name);
    if (d.isEmpty()) {
      return notFound(DEPLOYMENTS, ns, name);
    }
    Map<String, Object> obj = live(d.get());
    Action action;
    try {
      action = edit.apply(obj, child(obj, "spec"));
    } catch (CommandError e) {
      return commandError(DEPLOYMENTS, ns, name, e.getMessage());
    }
    DocumentResult r = engine.replace(obj, ns);
    return finish(r, action);
  }

  /** The result of a write, with the command's word when it went through. */
  private static DocumentResult finish(DocumentResult r, Action action) {
    if (r.failure() != null) {
      return r;
    }
    return new DocumentResult(
        r.kind(), r.apiVersion(), r.name(), r.namespace(), action, null, r.warnings(), r.type());
  }

  private Optional<Resource> stored(ApiType type, String ns, String name) {
    return Optional.ofNullable(s.objects.get(StorePhase.key(type, ns, name)));
  }

  private Optional<Pod> pod(String ns, String name) {
    return s.cluster.pods().stream()
        .filter(p -> p.namespace().equals(ns) && p.name().equals(name))
        .findFirst();
  }

  private static ClusterState withPod(
      ClusterState c, String ns, String name, Map<String, String> values, boolean annotations) {
    List<Pod> pods = new ArrayList<>();
    for (Pod p : c.pods()) {
      if (p.namespace().equals(ns) && p.name().equals(name)) {
        p =
            new Pod(
                p.name(),
                p.namespace(),
                p.workload(),
                annotations ? p.labels() : values,
                p.ip(),
                p.serviceAccount(),
                p.nodeName(),
                p.image(),
                p.sidecar(),
                p.owner(),
                p.containers(),
                annotations ? values : p.annotations(),
                p.created(),
                p.startMillis());
      }
      pods.add(p);
    }
    return new ClusterState(
        c.replicaSets(),
        pods,
        c.events(),
        c.outboundTrafficPolicy(),
        c.sequence(),
        c.nextIp(),
        c.pins());
  }

  /** The object as the API server would return it (what a patch applies to). */
  static Map<String, Object> live(Resource r) {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", r.apiVersion());
    obj.put("kind", r.type().kind());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", r.name());
    if (r.type().namespaced() && r.namespace() != null) {
      meta.put("namespace", r.namespace());
    }
    if (!r.meta().labels().isEmpty()) {
      meta.put("labels", new LinkedHashMap<String, Object>(r.meta().labels()));
    }
    if (!r.meta().annotations().isEmpty()) {
      meta.put("annotations", new LinkedHashMap<String, Object>(r.meta().annotations()));
    }
    obj.put("metadata", meta);
    if (r.rawSpec() != null
        && (!r.rawSpec().isEmpty() || r.kind() == ResourceKind.DEPLOYMENT || r.kind().istio())) {
      obj.put("spec", ObjectPatches.deepCopy(r.rawSpec()));
    }
    r.body().forEach((k, v) -> obj.put(k, ObjectPatches.deepCopy(v)));
    return obj;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v instanceof Map<?, ?> mm) {
      return (Map<String, Object>) mm;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    m.put(key, created);
    return created;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containers(Map<String, Object> spec) {
    Object list = child(child(spec, "template"), "spec").get("containers");
    List<Map<String, Object>> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  private static DocumentResult notFound(ApiType type, String ns, String name) {
    return DocumentResult.refused(
        type,
        name,
        type.namespaced() ? ns : null,
        Failure.of(
            Reason.NOT_FOUND,
            Request.of(Request.Operation.RETRIEVE, null),
            Kube.quoted(type, name) + " not found",
            Pos.UNKNOWN));
  }

  private static DocumentResult commandError(ApiType type, String ns, String name, String message) {
    return DocumentResult.refused(
        type,
        name,
        type.namespaced() ? ns : null,
        Failure.of(
            Reason.COMMAND_ERROR, Request.of(Request.Operation.PATCH, null), message, Pos.UNKNOWN));
  }
}
