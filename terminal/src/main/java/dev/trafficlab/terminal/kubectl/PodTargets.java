package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod a kubectl exec or logs target names: POD, pod/POD, deploy/NAME, rs/NAME or svc/NAME (the
 * first running pod the workload or service selects, as kubectl's attachable-pod lookup picks).
 */
final class PodTargets {
  private PodTargets() {}

  /** A resolved pod, or the error kubectl prints; {@code candidates} counts the pods selected. */
  record Resolved(Pod pod, String error, int candidates) {}

  static Resolved resolve(Inventory inv, String namespace, String target) {
    String type = "pod";
    String name = target;
    int slash = target.indexOf('/');
    if (slash >= 0) {
      type = target.substring(0, slash);
      name = target.substring(slash + 1);
    }
    Optional<KubeType> t = KubeTypes.byName(type);
    if (t.isEmpty()) {
      return error("error: the server doesn't have a resource type \"" + type + "\"");
    }
    KubeType kind = t.get();
    String n = name;
    List<Pod> inNamespace =
        inv.pods().stream().filter(p -> p.namespace().equals(namespace)).toList();
    if (kind.equals(KubeTypes.POD)) {
      return inNamespace.stream()
          .filter(p -> p.name().equals(n))
          .findFirst()
          .map(p -> new Resolved(p, null, 1))
          .orElseGet(() -> error(Kubectl.notFound("pods", n)));
    }
    if (kind.equals(KubeTypes.DEPLOYMENT)) {
      boolean exists =
          inv.deployments().stream()
              .anyMatch(d -> d.namespace().equals(namespace) && d.name().equals(n));
      if (!exists) {
        return error(Kubectl.notFound(kind.qualifiedPlural(), n));
      }
      return first(inNamespace.stream().filter(p -> p.workload().equals(n)).toList());
    }
    if (kind.equals(KubeTypes.REPLICA_SET)) {
      List<Pod> pods =
          inNamespace.stream()
              .filter(
                  p ->
                      n.equals(
                          p.workload() + "-" + p.labels().getOrDefault("pod-template-hash", "")))
              .toList();
      return pods.isEmpty() ? error(Kubectl.notFound(kind.qualifiedPlural(), n)) : first(pods);
    }
    if (kind.equals(KubeTypes.SERVICE)) {
      Optional<Service> s = inv.service(namespace, n);
      if (s.isEmpty()) {
        return error(Kubectl.notFound("services", n));
      }
      Map<String, String> selector = s.get().selector();
      if (selector.isEmpty()) {
        return error(
            "error: cannot attach to *v1.Service: invalid service '"
                + n
                + "': Service is defined without a selector");
      }
      return first(
          inNamespace.stream()
              .filter(p -> p.labels().entrySet().containsAll(selector.entrySet()))
              .toList());
    }
    return error(
        "error: cannot attach to *v1."
            + kind.kind()
            + ": selector for *v1."
            + kind.kind()
            + " not implemented");
  }

  private static Resolved first(List<Pod> pods) {
    if (pods.isEmpty()) {
      return error("error: timed out waiting for the condition");
    }
    return new Resolved(pods.get(0), null, pods.size());
  }

  private static Resolved error(String line) {
    return new Resolved(null, line, 0);
  }
}
