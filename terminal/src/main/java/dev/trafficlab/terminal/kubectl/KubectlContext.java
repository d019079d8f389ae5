package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.Invocation;

/**
 * One kubectl run: the invocation, its parsed flags, the namespace it targets, the cluster it
 * reads.
 */
record KubectlContext(Invocation inv, KubectlArgs args) {

  /** -n/--namespace, else "default". */
  String namespace() {
    String ns = args.get("namespace");
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  boolean allNamespaces() {
    return args.has("all-namespaces");
  }

  /** One consistent view of the cluster for this command. */
  KubeObjects objects() {
    Snapshot s = inv.ctx().config().current();
    return new KubeObjects(s, clusterCreated(s, inv.ctx().createdAt()), inv.clock().instant());
  }

  /**
   * When Bookinfo was installed: a little before the sandbox and before the oldest Istio object, so
   * that pods are never younger than the rules applied to them.
   */
  static java.time.Instant clusterCreated(Snapshot s, java.time.Instant sandboxCreated) {
    java.time.Instant t = sandboxCreated;
    for (dev.trafficlab.mesh.model.Resource r : s.objects().values()) {
      java.time.Instant c = r.meta().creationTimestamp();
      if (!KubeObjects.installedWithCluster(c) && c.isBefore(t)) {
        t = c;
      }
    }
    return t.minusSeconds(120);
  }
}
