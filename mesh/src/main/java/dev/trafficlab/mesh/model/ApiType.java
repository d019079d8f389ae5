package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Locale;

/**
 * One kind as the API server serves it (kubectl api-resources' row): group, served versions, kind,
 * plural, singular, scope and short names. Kinds with behaviour map to a {@link ResourceKind}; any
 * other kind (a built-in the lab stores without behaviour, or a CustomResourceDefinition's kind)
 * has {@link ResourceKind#GENERIC}.
 *
 * @param versions the served versions, the preferred first
 */
public record ApiType(
    String group,
    List<String> versions,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    ResourceKind known) {

  public ApiType {
    versions = List.copyOf(versions);
    shortNames = List.copyOf(shortNames);
  }

  /** The type of a kind the lab gives behaviour to. */
  public static ApiType of(ResourceKind k) {
    List<String> versions =
        k.istio()
            ? List.of("v1beta1", "v1alpha3")
            : k.apiVersions().stream().map(v -> v.substring(v.indexOf('/') + 1)).toList();
    return new ApiType(
        k.group(),
        versions,
        k.kind(),
        k.plural(),
        k.singular(),
        k.namespaced(),
        k.shortName().isEmpty() ? List.of() : List.of(k.shortName()),
        k);
  }

  /** A kind stored without behaviour. */
  public static ApiType generic(
      String group,
      List<String> versions,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames) {
    return new ApiType(
        group,
        versions,
        kind,
        plural,
        kind.toLowerCase(Locale.ROOT),
        namespaced,
        shortNames,
        ResourceKind.GENERIC);
  }

  /** "plural.group" (or "plural" for the core group): the identity of the kind in a key. */
  public String resource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** kubectl's "kind.group" for errors: Role.rbac.authorization.k8s.io. */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** kubectl's "singular.group" of success lines: role.rbac.authorization.k8s.io/x created. */
  public String qualifiedSingular() {
    return group.isEmpty() ? singular : singular + "." + group;
  }

  /** True when apiVersion (group/version, or version for the core group) is served. */
  public boolean serves(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    String g = slash < 0 ? "" : apiVersion.substring(0, slash);
    String v = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return g.equals(group) && versions.contains(v);
  }

  /** The preferred apiVersion: group/version, or version for the core group. */
  public String preferredVersion() {
    return group.isEmpty() ? versions.get(0) : group + "/" + versions.get(0);
  }

  /** True when kubectl would take this command-line name for the kind. */
  public boolean named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals(plural)
        || n.equals(singular)
        || n.equals(kind.toLowerCase(Locale.ROOT))
        || shortNames.contains(n)
        || (!group.isEmpty()
            && (n.equals(plural + "." + group) || n.equals(singular + "." + group)));
  }
}
