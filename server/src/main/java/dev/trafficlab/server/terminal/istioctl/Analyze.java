package dev.trafficlab.server.terminal.istioctl;

import dev.trafficlab.server.terminal.Invocation;
import io.vertx.core.Future;

/** istioctl analyze over the sandbox's current snapshot (INTERIM until the mesh's Analyzer is merged). */
final class Analyze {
  private Analyze() {}

  static Future<Integer> run(Invocation inv, IstioctlArgs a) {
    inv.eprintln("Error: istioctl analyze is not available yet on this server");
    return Invocation.exit(1);
  }
}
