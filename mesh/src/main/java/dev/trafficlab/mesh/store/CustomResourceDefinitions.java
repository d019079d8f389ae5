package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The kinds stored CustomResourceDefinitions add (apiextensions.k8s.io v1 and v1beta1): each served
 * version of spec.group with the names of spec.names.
 */
final class CustomResourceDefinitions {
  private CustomResourceDefinitions() {}

  static final String RESOURCE = "customresourcedefinitions.apiextensions.k8s.io";

  static List<ApiType> servedTypes(Collection<Resource> objects) {
    List<ApiType> out = new ArrayList<>(ApiTypes.builtIn());
    for (Resource r : objects) {
      if (r.kind() == ResourceKind.GENERIC && r.type().resource().equals(RESOURCE)) {
        ApiType t = type(r.rawSpec());
        if (t != null
            && out.stream()
                .noneMatch(x -> x.group().equals(t.group()) && x.kind().equals(t.kind()))) {
          out.add(t);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The type a CRD's spec defines, or null when it names none. */
  static ApiType type(Map<String, Object> spec) {
    if (spec == null || !(spec.get("group") instanceof String group)) {
      return null;
    }
    Map<String, Object> names = map(spec.get("names"));
    if (!(names.get("kind") instanceof String kind)
        || !(names.get("plural") instanceof String plural)) {
      return null;
    }
    List<String> versions = new ArrayList<>();
    if (spec.get("versions") instanceof List<?> vs) {
      for (Object v : vs) {
        Map<String, Object> vm = map(v);
        if (vm.get("name") instanceof String n && !Boolean.FALSE.equals(vm.get("served"))) {
          versions.add(n);
        }
      }
    }
    if (versions.isEmpty() && spec.get("version") instanceof String v) {
      versions.add(v);
    }
    if (versions.isEmpty()) {
      return null;
    }
    List<String> shortNames = new ArrayList<>();
    if (names.get("shortNames") instanceof List<?> sn) {
      sn.forEach(s -> shortNames.add(String.valueOf(s)));
    }
    String singular =
        names.get("singular") instanceof String s && !s.isEmpty()
            ? s
            : kind.toLowerCase(java.util.Locale.ROOT);
    boolean namespaced = !"Cluster".equals(spec.get("scope"));
    return new ApiType(
        group, versions, kind, plural, singular, namespaced, shortNames, ResourceKind.GENERIC);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
