package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.format.Table;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** istioctl 1.8.1: proxy-status, proxy-config, analyze, x describe pod, version. */
public final class Istioctl implements Command {
  static final String ISTIOD_POD_FALLBACK = "istiod-67f5756967-x9xz6";

  @Override
  public Future<Integer> run(Invocation inv) {
    List<String> args = new ArrayList<>(inv.args());
    // install and kube-inject take istioctl's manifest flags (--set, -y, -f), not these
    if (!args.isEmpty() && (args.get(0).equals("install") || args.get(0).equals("kube-inject"))) {
      List<String> rest = args.subList(1, args.size());
      return args.get(0).equals("install")
          ? InstallCommands.install(inv, rest)
          : InstallCommands.kubeInject(inv, rest);
    }
    IstioctlArgs a;
    try {
      a = IstioctlArgs.parse(args);
    } catch (IllegalArgumentException e) {
      inv.eprintln("Error: " + e.getMessage());
      return Invocation.exit(1);
    }
    if (a.positional.isEmpty() || a.has("help")) {
      inv.print(USAGE);
      return Invocation.exit(0);
    }
    String cmd = a.positional.get(0);
    return switch (cmd) {
      case "proxy-status", "ps" -> proxyStatus(inv, a);
      case "proxy-config", "pc" -> ProxyConfigCommand.run(inv, a);
      case "analyze" -> Analyze.run(inv, a);
      case "version" -> version(inv, a);
      case "x", "experimental" -> experimental(inv, a);
      case "dashboard", "dash", "d" -> Dashboard.run(inv, a.positional);
      case "describe" -> {
        inv.eprintln("Error: unknown command \"describe\" for \"istioctl\"");
        inv.eprintln("Did you mean this?\n\tx describe");
        yield Invocation.exit(1);
      }
      case "manifest",
          "operator",
          "upgrade",
          "verify-install",
          "profile",
          "bug-report",
          "validate",
          "admin",
          "register",
          "deregister" -> {
        inv.eprintln(
            "Error: \"istioctl "
                + cmd
                + "\" is not available in Traffic Lab (Istio 1.8.1 is already "
                + "installed); supported: proxy-status, proxy-config, analyze, x describe pod, install"
                + " (outboundTrafficPolicy), kube-inject, version");
        yield Invocation.exit(1);
      }
      default -> {
        inv.eprintln("Error: unknown command \"" + cmd + "\" for \"istioctl\"");
        inv.eprintln("Run 'istioctl --help' for usage.");
        yield Invocation.exit(1);
      }
    };
  }

  /**
   * Every pod with an Envoy proxy connected to istiod (injected sidecars and the gateways, whose
   * container is the proxy), sorted as istioctl sorts them. Pods without a sidecar are not in the
   * mesh and istiod does not know them.
   */
  static List<Pod> proxies(Snapshot s) {
    return s.inventory().pods().stream()
        // the proxies: injected sidecars and the gateways (pods outside the mesh have none)
        .filter(
            p -> p.sidecar() || p.labels().containsKey("istio") && !p.workload().equals("istiod"))
        .sorted(Comparator.comparing(p -> p.name() + "." + p.namespace()))
        .toList();
  }

  static String istiodPod(Snapshot s) {
    return s.inventory().pods().stream()
        .filter(p -> p.workload().equals("istiod"))
        .map(Pod::name)
        .findFirst()
        .orElse(ISTIOD_POD_FALLBACK);
  }

  private static Future<Integer> proxyStatus(Invocation inv, IstioctlArgs a) {
    Snapshot s = inv.ctx().config().current();
    List<Pod> pods = proxies(s);
    if (a.positional.size() > 1) {
      String target = a.positional.get(1);
      Optional<Pod> p = PodRef.find(s, target, a.namespace());
      if (p.isEmpty()) {
        inv.eprintln("Error: " + PodRef.notFound(target, a.namespace()));
        return Invocation.exit(1);
      }
      inv.println("Clusters Match");
      inv.println("Listeners Match");
      String loaded =
          " (RDS last loaded at "
              + java.time.format.DateTimeFormatter.ofPattern(
                      "EEE, dd MMM yyyy HH:mm:ss z", java.util.Locale.ROOT)
                  .format(inv.ctx().createdAt().atZone(java.time.ZoneOffset.UTC))
              + ")";
      if (s.routes().rejectedRouteConfigs(p.get().name()).isEmpty()) {
        inv.println("Routes Match" + loaded);
      } else {
        // Envoy refused istiod's routes and kept its own: the two dumps differ.
        inv.println("Routes Don't Match" + loaded);
        inv.println("--- Istiod Routes");
        inv.println("+++ Envoy Routes");
      }
      return Invocation.exit(0);
    }
    Table t = Table.istioctl();
    t.row("NAME", "CDS", "LDS", "EDS", "RDS", "ISTIOD", "VERSION");
    String istiod = istiodPod(s);
    for (Pod p : pods) {
      Optional<ProxyConfig> pc = s.routes().proxyConfig(p.name());
      boolean gateway = pc.map(ProxyConfig::gateway).orElse(p.namespace().equals("istio-system"));
      String rds =
          gateway && pc.map(c -> c.routeConfigs().isEmpty()).orElse(true) ? "NOT SENT" : "SYNCED";
      if (!s.routes().rejectedRouteConfigs(p.name()).isEmpty()) {
        // The proxy NACKed the last RDS push: istiod's sent nonce is not its acked one (none when
        // it never held one).
        rds =
            pc.map(c -> c.routeConfigs().isEmpty()).orElse(true)
                ? "STALE (Never Acknowledged)"
                : "STALE";
      }
      t.row(p.name() + "." + p.namespace(), "SYNCED", "SYNCED", "SYNCED", rds, istiod, "1.8.1");
    }
    inv.print(t.render());
    return Invocation.exit(0);
  }

  private static Future<Integer> version(Invocation inv, IstioctlArgs a) {
    if ("false".equals(a.get("remote")) || a.has("short")) {
      inv.println("1.8.1");
      return Invocation.exit(0);
    }
    Snapshot s = inv.ctx().config().current();
    inv.println("client version: 1.8.1");
    inv.println("control plane version: 1.8.1");
    inv.println("data plane version: 1.8.1 (" + proxies(s).size() + " proxies)");
    return Invocation.exit(0);
  }

  private static Future<Integer> experimental(Invocation inv, IstioctlArgs a) {
    if (a.positional.size() >= 2 && a.positional.get(1).equals("describe")) {
      if (a.positional.size() >= 3
          && (a.positional.get(2).equals("pod") || a.positional.get(2).equals("po"))) {
        if (a.positional.size() < 4) {
          inv.eprintln("Error: expecting pod name");
          return Invocation.exit(1);
        }
        return DescribePod.run(inv, a.positional.get(3), a.namespace());
      }
      inv.eprintln("Error: the lab's istioctl describes pods: istioctl x describe pod POD");
      return Invocation.exit(1);
    }
    inv.eprintln("Error: the lab's istioctl experimental supports: istioctl x describe pod POD");
    return Invocation.exit(1);
  }

  private static final String USAGE =
      """
      Istio configuration command line utility for service operators to
      debug and diagnose their Istio mesh.

      Usage:
        istioctl [command]

      Available Commands (in Traffic Lab):
        analyze         Analyze Istio configuration and print validation messages
        experimental    Experimental commands that may be modified or deprecated (x describe pod)
        proxy-config    Retrieve information about proxy configuration from Envoy [kube only]
        proxy-status    Retrieves the synchronization status of each Envoy in the mesh [kube only]
        version         Prints out build version information

      Flags:
        -n, --namespace string   Config namespace
      """;
}
