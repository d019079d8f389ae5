package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kind and optional name from kubectl's arguments: "vs reviews", "vs,dr", "vs/reviews",
 * "virtualservice.networking.istio.io/reviews".
 */
record ResourceRef(KubeType kind, String name) {

  /**
   * The references in kubectl's positional arguments, or null after printing kubectl's error (the
   * caller then exits 1).
   */
  static List<ResourceRef> parse(Invocation inv, List<String> pos) {
    List<ResourceRef> refs = new ArrayList<>();
    String err = parse(pos, refs, inv.ctx().config().current());
    if (err != null) {
      inv.eprintln(err);
      return null;
    }
    return refs;
  }

  /**
   * What "all" stands for in kubectl 1.19 (the "all" category), in its order: pods, services,
   * daemon sets, deployments, replica sets, stateful sets, jobs, cron jobs... kubectl then prints
   * only the kinds that have objects.
   */
  static final List<KubeType> ALL =
      List.of(
          KubeTypes.POD,
          KubeTypes.SERVICE,
          KubeTypes.DAEMON_SET,
          KubeTypes.DEPLOYMENT,
          KubeTypes.REPLICA_SET,
          KubeTypes.STATEFUL_SET,
          KubeTypes.JOB,
          KubeTypes.CRON_JOB);

  /** kubectl's line for this reference when no such object exists. */
  String notFound() {
    return Kubectl.notFound(kind.qualifiedPlural(), name);
  }

  /** Fills {@code out} from the positional arguments; answers kubectl's error text, or null. */
  private static String parse(
      List<String> pos, List<ResourceRef> out, dev.trafficlab.mesh.store.Snapshot snapshot) {
    if (pos.isEmpty()) {
      return null;
    }
    if (pos.get(0).contains("/")) {
      for (String p : pos) {
        int slash = p.indexOf('/');
        if (slash < 0) {
          return "error: there is no need to specify a resource type as a separate argument when passing arguments "
              + "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
              + "resource/<resource_name>'";
        }
        Optional<KubeType> k = KubeTypes.byName(snapshot, p.substring(0, slash));
        if (k.isEmpty()) {
          return "error: the server doesn't have a resource type \"" + p.substring(0, slash) + "\"";
        }
        out.add(new ResourceRef(k.get(), p.substring(slash + 1)));
      }
      return null;
    }
    List<KubeType> kinds = new ArrayList<>();
    for (String t : pos.get(0).split(",")) {
      if (t.equals("all")) {
        kinds.addAll(ALL);
        continue;
      }
      Optional<KubeType> k = KubeTypes.byName(snapshot, t);
      if (k.isEmpty()) {
        return "error: the server doesn't have a resource type \"" + t + "\"";
      }
      kinds.add(k.get());
    }
    if (pos.size() == 1) {
      kinds.forEach(k -> out.add(new ResourceRef(k, null)));
      return null;
    }
    if (kinds.size() > 1) {
      return "error: you may only specify a single resource type";
    }
    for (String name : pos.subList(1, pos.size())) {
      out.add(new ResourceRef(kinds.get(0), name));
    }
    return null;
  }
}
