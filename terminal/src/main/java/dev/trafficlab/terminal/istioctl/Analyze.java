package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.analysis.AnalysisResult;
import dev.trafficlab.mesh.analysis.Analyzer;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;

/**
 * istioctl analyze over the sandbox's current snapshot: the mesh's Analyzer, printed as istioctl
 * 1.8.1 prints it.
 */
final class Analyze {
  private Analyze() {}

  static Future<Integer> run(Invocation inv, IstioctlArgs a) {
    if (a.positional.size() > 1) {
      inv.eprintln(
          "Error: the lab's istioctl analyze checks the sandbox's cluster; run it without files, then fix"
              + " and apply with kubectl apply -f FILE");
      return Invocation.exit(1);
    }
    Snapshot s = inv.ctx().config().current();
    boolean all = a.has("all-namespaces");
    String ns = a.namespace();
    if (!all && !s.namespaces().contains(ns)) {
      inv.println("\u2714 No validation issues found when analyzing namespace: " + ns + ".");
      return Invocation.exit(0);
    }
    AnalysisResult r = Analyzer.analyze(s, ns, all);
    inv.print(r.output());
    return Invocation.exit(r.exitCode());
  }
}
