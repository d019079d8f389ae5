package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.Resource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** istiod's config order: oldest creationTimestamp first, ties by "name.namespace". */
final class Ordering {
  private Ordering() {}

  static final Comparator<Resource> BY_CREATION =
      Comparator.comparing(
              (Resource r) -> r.meta().creationTimestamp(),
              Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(r -> r.name() + "." + r.namespace());

  static List<Resource> sorted(List<Resource> in) {
    return in.stream().sorted(BY_CREATION).toList();
  }

  /**
   * exportTo: empty or "*" = everyone; "." = the object's own namespace; else the listed
   * namespaces.
   */
  static boolean visible(List<String> exportTo, String ownNamespace, String clientNamespace) {
    if (exportTo.isEmpty()) {
      return true;
    }
    for (String e : exportTo) {
      if (e.equals("*")
          || e.equals(clientNamespace)
          || (e.equals(".") && ownNamespace.equals(clientNamespace))) {
        return true;
      }
    }
    return false;
  }
}
