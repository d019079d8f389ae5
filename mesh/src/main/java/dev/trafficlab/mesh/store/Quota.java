package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.ReplicaSet;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import java.util.Map;

/**
 * The sandbox's ResourceQuota: at most 50 Deployments, 10 replicas each and 200 pods, refused with
 * the API server's "exceeded quota" wording.
 */
final class Quota {
  private Quota() {}

  static final String NAME = "sandbox-quota";
  static final int DEPLOYMENTS = 50;
  static final int REPLICAS = 10;
  static final int PODS = 200;

  /** Why this Deployment (new or changed) would exceed the quota, or null when it fits. */
  static String exceeded(
      WorkingState s, String ns, String name, Map<String, Object> spec, Resource existing) {
    int replicas = spec.get("replicas") instanceof Number n ? n.intValue() : 1;
    return exceeded(s, ns, name, replicas, existing == null);
  }

  static String exceeded(WorkingState s, String ns, String name, int replicas, boolean creating) {
    long deployments =
        s.objects.values().stream().filter(r -> r.kind() == ResourceKind.DEPLOYMENT).count();
    if (creating && deployments >= DEPLOYMENTS) {
      return message("count/deployments.apps", 1, deployments, DEPLOYMENTS);
    }
    if (replicas > REPLICAS) {
      return "exceeded quota: "
          + NAME
          + ", requested: replicas="
          + replicas
          + ", limited: replicas="
          + REPLICAS;
    }
    long others = 0;
    for (Resource r : s.objects.values()) {
      if (r.kind() == ResourceKind.DEPLOYMENT
          && !(r.namespace().equals(ns) && r.name().equals(name))) {
        others +=
            r.rawSpec() != null && r.rawSpec().get("replicas") instanceof Number n
                ? n.longValue()
                : 1;
      }
    }
    long current = 0;
    for (ReplicaSet rs : s.cluster.replicaSets()) {
      if (rs.namespace().equals(ns) && rs.deployment().equals(name)) {
        current += rs.replicas();
      }
    }
    if (replicas > current && others + replicas > PODS) {
      return message("pods", replicas - current, others + current, PODS);
    }
    return null;
  }

  private static String message(String resource, long requested, long used, long limit) {
    return "exceeded quota: "
        + NAME
        + ", requested: "
        + resource
        + "="
        + requested
        + ", used: "
        + resource
        + "="
        + used
        + ", limited: "
        + resource
        + "="
        + limit;
  }
}
