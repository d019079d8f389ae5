package dev.trafficlab.mesh.model;

/** Identity of a stored object: kind, namespace ("" for cluster-scoped kinds) and name. */
public record ResourceKey(ResourceKind kind, String namespace, String name)
    implements Comparable<ResourceKey> {
  @Override
  public int compareTo(ResourceKey o) {
    int c = kind.compareTo(o.kind);
    if (c == 0) {
      c = namespace.compareTo(o.namespace);
    }
    return c == 0 ? name.compareTo(o.name) : c;
  }
}
