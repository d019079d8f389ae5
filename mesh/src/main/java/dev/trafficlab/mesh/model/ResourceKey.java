package dev.trafficlab.mesh.model;

/**
 * Identity of a stored object: kind, namespace ("" for cluster-scoped kinds) and name; for {@link
 * ResourceKind#GENERIC} objects {@code resource} ("plural.group") tells the kinds apart, and is
 * empty otherwise.
 */
public record ResourceKey(ResourceKind kind, String namespace, String name, String resource)
    implements Comparable<ResourceKey> {

  public ResourceKey(ResourceKind kind, String namespace, String name) {
    this(kind, namespace, name, "");
  }

  public ResourceKey {
    namespace = namespace == null ? "" : namespace;
    resource = resource == null ? "" : resource;
  }

  @Override
  public int compareTo(ResourceKey o) {
    int c = kind.compareTo(o.kind);
    if (c == 0) {
      c = resource.compareTo(o.resource);
    }
    if (c == 0) {
      c = namespace.compareTo(o.namespace);
    }
    return c == 0 ? name.compareTo(o.name) : c;
  }
}
