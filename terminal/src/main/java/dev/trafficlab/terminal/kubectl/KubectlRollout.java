package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** kubectl rollout status DEPLOYMENT: the deployment status viewer's lines until it is done. */
final class KubectlRollout {
  private KubectlRollout() {}

  static Future<Integer> rollout(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = c.args().positional;
    if (pos.isEmpty()) {
      inv.eprintln("Manage the rollout of a resource.");
      inv.eprintln("");
      inv.eprintln(" Valid resource types include:");
      inv.eprintln("");
      inv.eprintln("  *  deployments");
      inv.eprintln("  *  daemonsets");
      inv.eprintln("  *  statefulsets");
      return Invocation.exit(0);
    }
    String sub = pos.get(0);
    List<ResourceRef> refs = ResourceRef.parse(inv, pos.subList(1, pos.size()));
    if (refs == null) {
      return Invocation.exit(1);
    }
    if (refs.isEmpty() || refs.get(0).name() == null) {
      inv.eprintln("error: required resource not specified");
      return Invocation.exit(1);
    }
    ResourceRef ref = refs.get(0);
    if (!ref.kind().equals(KubeTypes.DEPLOYMENT)) {
      inv.eprintln(
          sub.equals("status")
              ? "error: no status viewer has been implemented for " + ref.kind().kind()
              : "error: no " + sub + " has been implemented for " + ref.kind().kind());
      return Invocation.exit(1);
    }
    if (c.objects().get(ref.kind(), c.namespace(), ref.name()).isEmpty()) {
      inv.eprintln(ref.notFound());
      return Invocation.exit(1);
    }
    return switch (sub) {
      case "status" -> status(c, ref);
      default -> ClusterVerbs.rolloutChange(c, sub, ref);
    };
  }

  private static Future<Integer> status(KubectlContext c, ResourceRef ref) {
    long timeout = Poll.millis(c.args().get("timeout"), Long.MAX_VALUE);
    AtomicReference<String> last = new AtomicReference<>("");
    return Poll.until(
            c.inv(),
            timeout <= 0 ? Long.MAX_VALUE : timeout,
            () -> {
              Optional<KubeObject> d = c.objects().get(ref.kind(), c.namespace(), ref.name());
              if (d.isEmpty()) {
                return true;
              }
              String line = statusLine(d.get().json(), ref.name());
              if (!line.equals(last.get())) {
                last.set(line);
                c.inv().println(line);
              }
              return line.endsWith("successfully rolled out");
            })
        .map(
            done -> {
              if (!done) {
                c.inv().eprintln("error: timed out waiting for the condition");
                return 1;
              }
              return 0;
            });
  }

  /** kubectl 1.19's DeploymentStatusViewer message for a Deployment's status. */
  static String statusLine(Map<String, Object> json, String name) {
    Map<String, Object> spec = KubeObject.Json.map(json.get("spec"));
    Map<String, Object> status = KubeObject.Json.map(json.get("status"));
    long generation = KubeObject.Json.num(KubeObject.Json.at(json, "metadata", "generation"));
    long observed = KubeObject.Json.num(status.get("observedGeneration"));
    if (generation > observed) {
      return "Waiting for deployment spec update to be observed...";
    }
    long replicas = spec.containsKey("replicas") ? KubeObject.Json.num(spec.get("replicas")) : 1;
    long updated = KubeObject.Json.num(status.get("updatedReplicas"));
    long current = KubeObject.Json.num(status.get("replicas"));
    long available = KubeObject.Json.num(status.get("availableReplicas"));
    String q = "\"" + name + "\"";
    if (updated < replicas) {
      return "Waiting for deployment "
          + q
          + " rollout to finish: "
          + updated
          + " out of "
          + replicas
          + " new replicas have been updated...";
    }
    if (current > updated) {
      return "Waiting for deployment "
          + q
          + " rollout to finish: "
          + (current - updated)
          + " old replicas are pending termination...";
    }
    if (available < updated) {
      return "Waiting for deployment "
          + q
          + " rollout to finish: "
          + available
          + " of "
          + updated
          + " updated replicas are available...";
    }
    return "deployment " + q + " successfully rolled out";
  }
}
