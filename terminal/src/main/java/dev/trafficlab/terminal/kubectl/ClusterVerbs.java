package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;

/**
 * The kubectl verbs that change Kubernetes objects (scale, set image, rollout restart, label,
 * annotate, patch): they answer kubectl's lines from the store's operations.
 */
final class ClusterVerbs {
  private ClusterVerbs() {}

  static Future<Integer> rolloutChange(KubectlContext c, String sub, ResourceRef ref) {
    Invocation inv = c.inv();
    if (!sub.equals("restart") && !sub.equals("history")) {
      inv.eprintln("Error: unknown command \"" + sub + "\" for \"kubectl rollout\"");
      return Invocation.exit(1);
    }
    inv.eprintln("error: \"kubectl rollout " + sub + "\" is not available in Traffic Lab yet");
    return Invocation.exit(1);
  }
}
