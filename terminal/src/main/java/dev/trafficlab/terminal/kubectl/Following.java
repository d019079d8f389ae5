package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;

/**
 * kubectl get -w and kubectl logs -f. Without a screen to follow on (the exec API) they print what
 * exists now, add a one-line note and end with 0, as a script expects a finished command.
 */
final class Following {
  private Following() {}

  static final String WATCH_NOTE =
      "(kubectl get -w: this run has no screen to follow on, so it shows what exists now; in the"
          + " terminal it follows changes until Ctrl+C)";
  static final String FOLLOW_NOTE =
      "(kubectl logs -f: this run has no screen to follow on, so it shows the log so far; in the"
          + " terminal it follows new lines until Ctrl+C)";

  static Future<Integer> watch(KubectlContext c) {
    return KubectlGet.get(c).map(code -> noted(c.inv(), code, WATCH_NOTE));
  }

  static Future<Integer> follow(KubectlContext c) {
    return KubectlLogs.logs(c).map(code -> noted(c.inv(), code, FOLLOW_NOTE));
  }

  private static int noted(Invocation inv, int code, String note) {
    if (code == 0) {
      inv.eprintln(note);
    }
    return code;
  }
}
