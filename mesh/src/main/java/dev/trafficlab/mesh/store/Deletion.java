package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.Platform;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;

/**
 * The API server's answer to deleting one object: deleted, NotFound, or Forbidden for the lab's
 * platform. Deleting a pod or a ReplicaSet takes it away; the controller then makes the replacement
 * its owner wants, as on a cluster.
 */
final class Deletion {
  private Deletion() {}

  static DocumentResult deleteOne(
      WorkingState s, ApiType type, String ns, String name, Request request) {
    ResourceKind kind = type.known();
    if (kind == ResourceKind.NAMESPACE) {
      return deleteNamespace(s, type, name, request);
    }
    if (Platform.has(type.plural(), ns, name)) {
      return forbidden(type, name, ns, request, Kube.PLATFORM);
    }
    switch (kind) {
      case POD -> {
        boolean had =
            s.cluster.pods().stream()
                .anyMatch(p -> p.namespace().equals(ns) && p.name().equals(name));
        if (!had) {
          return notFound(type, name, ns, request);
        }
        s.cluster = s.cluster.withoutPod(ns, name);
        s.changed = true;
        return DocumentResult.done(type, name, ns, Action.DELETED);
      }
      case REPLICA_SET -> {
        boolean had =
            s.cluster.replicaSets().stream()
                .anyMatch(r -> r.namespace().equals(ns) && r.name().equals(name));
        if (!had) {
          return notFound(type, name, ns, request);
        }
        s.cluster = s.cluster.withoutReplicaSet(ns, name);
        s.changed = true;
        return DocumentResult.done(type, name, ns, Action.DELETED);
      }
      case ENDPOINTS, EVENT, NODE -> {
        return forbidden(type, name, ns, request, Kube.derived(type));
      }
      default -> {}
    }
    ResourceKey key = StorePhase.key(type, ns, name);
    if (s.objects.remove(key) == null) {
      return notFound(type, name, ns, request);
    }
    s.changed = true;
    return DocumentResult.done(type, name, ns, Action.DELETED);
  }

  private static DocumentResult deleteNamespace(
      WorkingState s, ApiType type, String name, Request request) {
    if (name.equals("default") || name.startsWith("kube-")) {
      return forbidden(type, name, null, request, "this namespace may not be deleted");
    }
    if (Platform.protectedNamespace(name)) {
      return forbidden(type, name, null, request, Kube.PLATFORM);
    }
    if (!s.namespaceLabels.containsKey(name)) {
      return notFound(type, name, null, request);
    }
    s.namespaceLabels.remove(name);
    s.objects.keySet().removeIf(k -> name.equals(k.namespace()));
    s.changed = true;
    return DocumentResult.done(type, name, null, Action.DELETED);
  }

  private static DocumentResult notFound(ApiType type, String name, String ns, Request request) {
    return DocumentResult.refused(
        type,
        name,
        ns,
        Failure.of(Reason.NOT_FOUND, request, Kube.quoted(type, name) + " not found", Pos.UNKNOWN));
  }

  private static DocumentResult forbidden(
      ApiType type, String name, String ns, Request request, String why) {
    return DocumentResult.refused(
        type,
        name,
        ns,
        Failure.of(
            Reason.FORBIDDEN,
            request,
            Kube.quoted(type, name) + " is forbidden: " + why,
            Pos.UNKNOWN));
  }
}
