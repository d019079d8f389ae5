package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.model.ResourceKind;
import java.util.List;
import java.util.Locale;

/**
 * One API resource as kubectl api-resources lists it: its names, group/version, scope, and the mesh
 * store kind that holds its objects when the store has one (null for kinds kubectl only lists or
 * derives).
 */
record KubeType(
    String kind,
    String plural,
    List<String> shortNames,
    String group,
    String version,
    boolean namespaced,
    ResourceKind mesh) {

  KubeType {
    shortNames = List.copyOf(shortNames);
  }

  String singular() {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** "apps/v1", "v1", "networking.istio.io/v1beta1". */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** kubectl's "resource.group" form in output lines: pod, deployment.apps. */
  String qualifiedSingular() {
    return group.isEmpty() ? singular() : singular() + "." + group;
  }

  /** kubectl's "resources.group" form in NotFound errors: deployments.apps. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** The type as the store serves it; empty when the cluster does not serve it. */
  java.util.Optional<dev.trafficlab.mesh.model.ApiType> apiType(
      dev.trafficlab.mesh.store.Snapshot snapshot) {
    return snapshot.apiTypes().stream()
        .filter(t -> t.kind().equals(kind) && t.group().equals(group))
        .findFirst();
  }

  /** A type the store serves that kubectl's built-in table does not list (a CRD's kind). */
  static KubeType of(dev.trafficlab.mesh.model.ApiType t) {
    return new KubeType(
        t.kind(),
        t.plural(),
        t.shortNames(),
        t.group(),
        t.versions().isEmpty() ? "v1" : t.versions().get(0),
        t.namespaced(),
        t.known() == ResourceKind.GENERIC ? null : t.known());
  }

  /**
   * Whether a command-line name (plural, singular, short name, Kind, with or without group) names
   * this.
   */
  boolean named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String g = group.isEmpty() ? "" : "." + group;
    if (!g.isEmpty() && n.endsWith(g)) {
      String bare = n.substring(0, n.length() - g.length());
      return bare.equals(plural) || bare.equals(singular());
    }
    return n.equals(plural) || n.equals(singular()) || shortNames.contains(n);
  }
}
