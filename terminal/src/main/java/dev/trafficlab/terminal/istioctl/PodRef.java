package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.Optional;

/** istioctl's POD[.NAMESPACE] argument (also deployment/NAME). */
final class PodRef {
  private PodRef() {}

  static Optional<Pod> find(Snapshot s, String ref, String defaultNs) {
    String name = ref;
    String ns = defaultNs;
    boolean workload = false;
    if (name.startsWith("deployment/") || name.startsWith("deploy/")) {
      name = name.substring(name.indexOf('/') + 1);
      workload = true;
    } else if (name.startsWith("pod/") || name.startsWith("pods/")) {
      name = name.substring(name.indexOf('/') + 1);
    }
    int dot = name.indexOf('.');
    if (dot >= 0) {
      ns = name.substring(dot + 1);
      name = name.substring(0, dot);
    }
    String n = name;
    String space = ns;
    boolean byWorkload = workload;
    return s.inventory().pods().stream()
        .filter(
            p ->
                p.namespace().equals(space)
                    && (byWorkload ? p.workload().equals(n) : p.name().equals(n)))
        .findFirst();
  }

  /** istioctl 1.8's error when the pod of a proxy command does not exist. */
  static String notFound(String ref, String defaultNs) {
    String name = ref.contains("/") ? ref.substring(ref.indexOf('/') + 1) : ref;
    String ns = defaultNs;
    int dot = name.indexOf('.');
    if (dot >= 0) {
      ns = name.substring(dot + 1);
      name = name.substring(0, dot);
    }
    String cause =
        name.isEmpty() ? "resource name may not be empty" : "pods \"" + name + "\" not found";
    return "failed to execute command on sidecar: error execing into "
        + name
        + "/"
        + ns
        + " istio-proxy container: "
        + cause;
  }
}
