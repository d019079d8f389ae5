package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;

/**
 * The API server's answer to deleting one object: deleted, NotFound, or Forbidden for Bookinfo's
 * own.
 */
final class Deletion {
  private Deletion() {}

  static DocumentResult deleteOne(
      WorkingState s, ResourceKind kind, String ns, String name, Request request) {
    if (kind == ResourceKind.NAMESPACE) {
      if (s.inventory.namespaces().contains(name)) {
        return DocumentResult.refused(
            kind,
            name,
            null,
            Failure.of(
                Reason.FORBIDDEN,
                request,
                "namespaces \"" + name + "\" is forbidden: " + Kube.READ_ONLY,
                Pos.UNKNOWN));
      }
      if (!s.namespaces.contains(name)) {
        return DocumentResult.refused(
            kind,
            name,
            null,
            Failure.of(
                Reason.NOT_FOUND, request, "namespaces \"" + name + "\" not found", Pos.UNKNOWN));
      }
      s.namespaces.remove(name);
      s.objects.keySet().removeIf(k -> name.equals(k.namespace()));
      s.changed = true;
      return DocumentResult.done(kind, name, null, Action.DELETED);
    }
    if (!kind.istio()) {
      return DocumentResult.refused(
          kind,
          name,
          ns,
          Failure.of(
              Reason.FORBIDDEN,
              request,
              kind.plural() + " \"" + name + "\" is forbidden: " + Kube.READ_ONLY,
              Pos.UNKNOWN));
    }
    ResourceKey key = new ResourceKey(kind, kind.namespaced() ? ns : "", name);
    if (s.objects.remove(key) == null) {
      return DocumentResult.refused(
          kind,
          name,
          ns,
          Failure.of(
              Reason.NOT_FOUND, request, Kube.quoted(kind, name) + " not found", Pos.UNKNOWN));
    }
    s.changed = true;
    return DocumentResult.done(kind, name, ns, Action.DELETED);
  }
}
