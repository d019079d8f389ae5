package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.format.Json;
import dev.trafficlab.terminal.format.Table;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * istioctl proxy-config route|cluster|listener|endpoint POD[.NAMESPACE] [-o json] [--name ...]:
 * what istiod pushed to that proxy, from the routing engine's view of the same compiled tables
 * requests use.
 */
final class ProxyConfigCommand {
  private ProxyConfigCommand() {}

  static Future<Integer> run(Invocation inv, IstioctlArgs a) {
    if (a.positional.size() < 2) {
      inv.eprintln(
          "Error: specify a type of configuration: route, cluster, listener, endpoint (istioctl proxy-config "
              + "route POD.NAMESPACE)");
      return Invocation.exit(1);
    }
    String type = a.positional.get(1);
    String kind =
        switch (type) {
          case "route", "routes", "r" -> "route";
          case "cluster", "clusters", "c" -> "cluster";
          case "listener", "listeners", "l" -> "listener";
          case "endpoint", "endpoints", "ep" -> "endpoint";
          case "bootstrap", "b", "secret", "secrets", "s", "log", "o", "all" -> null;
          default -> "";
        };
    if (kind == null) {
      inv.eprintln(
          "Error: \"istioctl proxy-config "
              + type
              + "\" is not available in Traffic Lab; use route, cluster,"
              + " listener or endpoint");
      return Invocation.exit(1);
    }
    if (kind.isEmpty()) {
      inv.eprintln("Error: unknown command \"" + type + "\" for \"istioctl proxy-config\"");
      return Invocation.exit(1);
    }
    if (a.positional.size() < 3) {
      inv.eprintln("Error: " + kind + " requires pod name or --file parameter");
      return Invocation.exit(1);
    }
    String output = a.get("output") == null ? "short" : a.get("output");
    if (!output.equals("short") && !output.equals("json") && !output.equals("yaml")) {
      inv.eprintln("Error: output format \"" + output + "\" not supported");
      return Invocation.exit(1);
    }
    Snapshot s = inv.ctx().config().current();
    String ref = a.positional.get(2);
    Optional<Pod> pod = PodRef.find(s, ref, a.namespace());
    Optional<ProxyConfig> pc = pod.flatMap(p -> s.routes().proxyConfig(p.name()));
    if (pc.isEmpty()) {
      inv.eprintln("Error: " + PodRef.notFound(ref, a.namespace()));
      return Invocation.exit(1);
    }
    ProxyConfig config = pc.get();
    boolean verbose = !"false".equals(a.get("verbose"));
    switch (kind) {
      case "route" -> {
        List<ProxyConfig.RouteConfig> routes =
            config.routeConfigs().stream()
                .filter(r -> a.get("name") == null || r.name().equals(a.get("name")))
                .toList();
        if (output.equals("short")) {
          inv.println("NOTE: This output only contains routes loaded via RDS.");
          inv.print(RouteText.render(routes, verbose, a.get("name") == null, config.gateway()));
        } else {
          inv.print(print(EnvoyJson.routes(routes), output));
        }
      }
      case "cluster" -> {
        List<ProxyConfig.Cluster> clusters =
            config.clusters().stream()
                .filter(c -> a.get("fqdn") == null || c.fqdn().equals(a.get("fqdn")))
                .filter(
                    c -> a.get("port") == null || String.valueOf(c.port()).equals(a.get("port")))
                .filter(c -> a.get("subset") == null || c.subset().equals(a.get("subset")))
                .filter(c -> a.get("direction") == null || c.direction().equals(a.get("direction")))
                .toList();
        if (output.equals("short")) {
          inv.print(
              ClusterText.clusters(
                  config,
                  clusters,
                  a.get("fqdn") == null
                      && a.get("port") == null
                      && a.get("subset") == null
                      && a.get("direction") == null));
        } else {
          inv.print(print(EnvoyJson.clusters(clusters), output));
        }
      }
      case "listener" -> {
        List<ProxyConfig.Listener> listeners =
            config.listeners().stream()
                .filter(
                    l -> a.get("port") == null || String.valueOf(l.port()).equals(a.get("port")))
                .filter(l -> a.get("address") == null || l.address().equals(a.get("address")))
                .toList();
        if (output.equals("short")) {
          inv.print(ClusterText.listeners(listeners));
        } else {
          inv.print(print(EnvoyJson.listeners(listeners), output));
        }
      }
      default -> {
        if (output.equals("short")) {
          inv.print(
              ClusterText.endpoints(
                  config, a.get("cluster"), ejections(inv, pod.get()), s.inventory()));
        } else {
          inv.print(
              print(
                  EnvoyJson.endpoints(
                      config, a.get("cluster"), ejections(inv, pod.get()), s.inventory()),
                  output));
        }
      }
    }
    return Invocation.exit(0);
  }

  /** The hosts the pod's proxy has ejected now (none when the sandbox's mesh is not running). */
  private static ClusterText.Ejections ejections(Invocation inv, Pod pod) {
    var mesh = inv.ctx().dataPlane();
    if (mesh == null) {
      return ClusterText.Ejections.NONE;
    }
    var stats = mesh.stats(inv.ctx().mesh()).read(pod.name());
    return stats::ejected;
  }

  private static String print(Object v, String output) {
    return output.equals("yaml")
        ? dev.trafficlab.terminal.format.Yaml.write(v)
        : Json.pretty(v, "    ", false);
  }

  static Table table() {
    return Table.istioctl();
  }

  static List<String> row(String... cells) {
    return new ArrayList<>(List.of(cells));
  }
}
