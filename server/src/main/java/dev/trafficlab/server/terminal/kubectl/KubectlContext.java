package dev.trafficlab.server.terminal.kubectl;

import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.terminal.Invocation;

/** One kubectl run: the invocation, its parsed flags, the namespace it targets, the cluster it reads. */
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
    return new KubeObjects(s, inv.ctx().createdAt());
  }
}
