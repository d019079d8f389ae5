package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * istioctl dashboard (dash, d) prometheus|grafana|kiali|jaeger|zipkin: as istioctl 1.8.1, it looks
 * for the add-on's pod in istio-system by its app label ("no Kiali pods found" until samples/addons
 * is applied) and prints the URL it would forward to. The lab forwards no port: the add-ons'
 * dashboards are not simulated, and it says so instead of waiting.
 */
final class Dashboard {
  private Dashboard() {}

  /** An add-on's name in istioctl's messages, its app label, port and URL path. */
  private record Addon(String flavor, String app, int port, String path) {}

  private static final Map<String, Addon> ADDONS =
      Map.of(
          "prometheus", new Addon("Prometheus", "prometheus", 9090, ""),
          "grafana", new Addon("Grafana", "grafana", 3000, ""),
          "kiali", new Addon("Kiali", "kiali", 20001, "/kiali"),
          "jaeger", new Addon("Jaeger", "jaeger", 16686, ""),
          "zipkin", new Addon("Zipkin", "zipkin", 9411, ""));

  static Future<Integer> run(Invocation inv, List<String> positional) {
    if (positional.size() < 2) {
      inv.eprintln(
          "Error: name a dashboard: istioctl dashboard prometheus|grafana|kiali|jaeger|zipkin");
      return Invocation.exit(1);
    }
    String name = positional.get(1);
    Addon addon = ADDONS.get(name);
    if (addon == null) {
      inv.eprintln(
          name.equals("envoy") || name.equals("controlz")
              ? "Error: \"istioctl dashboard " + name + "\" is not available in Traffic Lab"
              : "Error: unknown dashboard \"" + name + "\"");
      return Invocation.exit(1);
    }
    boolean deployed =
        inv.ctx().config().current().inventory().pods().stream()
            .filter(p -> p.namespace().equals("istio-system"))
            .map(Pod::labels)
            .anyMatch(labels -> addon.app().equals(labels.get("app")));
    if (!deployed) {
      inv.eprintln("Error: no " + addon.flavor() + " pods found");
      return Invocation.exit(1);
    }
    inv.println("http://localhost:" + addon.port() + addon.path());
    inv.eprintln(
        "Traffic Lab: "
            + addon.flavor()
            + " is deployed, but its dashboard is not simulated in Traffic Lab: no port is"
            + " forwarded.");
    return Invocation.exit(0);
  }
}
