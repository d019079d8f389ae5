package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.bookinfo.stats.AdminView;
import dev.trafficlab.bookinfo.stats.EnvoyClusters;
import dev.trafficlab.bookinfo.stats.EnvoyStats;
import dev.trafficlab.bookinfo.stats.StatsInclusion;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.mesh.store.ConfigChange;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.istioctl.ConfigDump;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pod's Envoy admin endpoint (localhost:15000) as reached from inside the pod: {@code pilot-agent
 * request GET PATH} in the istio-proxy container, or curl to localhost:15000. Serves /stats (text,
 * or Prometheus with ?format=prometheus), /stats/prometheus and /clusters from the sandbox's own
 * counters, and /config_dump from the configuration istioctl proxy-config shows.
 */
final class ProxyAdmin {
  private ProxyAdmin() {}

  static final int PORT = 15000;

  /** An admin answer: HTTP status and body. */
  record Answer(int status, String body) {}

  /** Whether the pod runs an Envoy (a sidecar, or the gateway's own proxy). */
  static boolean hasProxy(Pod p) {
    return KubeObjects.hasSidecar(p) || KubeObjects.appContainer(p).equals("istio-proxy");
  }

  /** pilot-agent request METHOD PATH [BODY]: prints the admin body, as pilot-agent does. */
  static Future<Integer> pilotAgent(Invocation inv, Pod p, List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("request")) {
      inv.eprintln(
          "Error: Traffic Lab's pilot-agent runs only \"request METHOD PATH\" "
              + "(pilot-agent request GET stats)");
      return Invocation.exit(1);
    }
    if (args.size() < 3) {
      inv.eprintln("Error: requires at least 2 arg(s), only received " + (args.size() - 1));
      return Invocation.exit(1);
    }
    Answer a = get(inv, p, args.get(2));
    if (a.status() > 399 && a.status() != 404) {
      inv.eprintln("Error: received unsuccessful status code " + a.status() + ": " + a.body());
      return Invocation.exit(1);
    }
    inv.print(a.body() + "\n");
    return Invocation.exit(0);
  }

  /** The admin endpoint's answer to GET PATH (leading slash optional, query string allowed). */
  static Answer get(Invocation inv, Pod p, String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    boolean prometheus =
        path.equals("stats/prometheus")
            || (path.equals("stats") && List.of(query.split("&")).contains("format=prometheus"));
    var stats = inv.ctx().dataPlane().stats(inv.ctx().mesh()).read(p.name());
    if (path.equals("clusters")) {
      ProxyConfig pc = inv.ctx().config().current().routes().proxyConfig(p.name()).orElse(null);
      return new Answer(200, EnvoyClusters.text(stats, pc == null ? List.of() : pc.clusters()));
    }
    if (path.equals("config_dump")) {
      return configDump(inv, p);
    }
    if (!path.equals("stats") && !path.equals("stats/prometheus")) {
      return new Answer(
          404,
          "invalid path. admin commands are:\n"
              + "  /clusters: upstream cluster status\n"
              + "  /config_dump: dump current Envoy configs (experimental)\n"
              + "  /stats: print server stats\n"
              + "  /stats/prometheus: print server stats in prometheus format\n"
              + "(Traffic Lab's proxies answer these four; istioctl proxy-config shows the rest)\n");
    }
    AdminView view = view(inv, p);
    return new Answer(
        200, prometheus ? EnvoyStats.prometheus(stats, view) : EnvoyStats.text(stats, view));
  }

  /**
   * The proxy's configuration as istiod last pushed it: the current snapshot, received when the
   * last configuration change was published (or when the cluster came up).
   */
  private static Answer configDump(Invocation inv, Pod p) {
    Snapshot s = inv.ctx().config().current();
    ProxyConfig pc = s.routes().proxyConfig(p.name()).orElse(null);
    if (pc == null) {
      return new Answer(503, "no configuration received from istiod yet");
    }
    List<ConfigChange> changes = inv.ctx().config().changes();
    Instant pushedAt =
        changes.isEmpty()
            ? KubectlContext.clusterCreated(s, inv.ctx().createdAt())
            : changes.get(changes.size() - 1).at();
    String text = ConfigDump.text(pc, s.revision(), pushedAt);
    if (text == null) {
      return new Answer(
          413,
          "the config dump is longer than Traffic Lab prints ("
              + ConfigDump.MAX_CHARS / 1024
              + " KiB); read it in parts with istioctl proxy-config route|cluster|listener "
              + p.name()
              + " -o json");
    }
    return new Answer(200, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
  }

  /**
   * The pod's annotations: those of its Pod object when the cluster stores one, else those of its
   * Deployment's pod template (Bookinfo's carry none, the fortio sample's ask for cluster.outbound
   * statistics).
   */
  static Map<String, String> annotations(Snapshot s, Pod p) {
    var pod = s.get(ResourceKind.POD, p.namespace(), p.name());
    if (pod.isPresent() && pod.get().meta().annotations() != null) {
      return pod.get().meta().annotations();
    }
    var deploy = s.get(ResourceKind.DEPLOYMENT, p.namespace(), p.workload());
    if (deploy.isPresent()
        && deploy.get().rawSpec() != null
        && deploy.get().rawSpec().get("template") instanceof Map<?, ?> template
        && template.get("metadata") instanceof Map<?, ?> meta
        && meta.get("annotations") instanceof Map<?, ?> annotations) {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      annotations.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
      return out;
    }
    return Map.of();
  }

  private static AdminView view(Invocation inv, Pod p) {
    Snapshot s = inv.ctx().config().current();
    ProxyConfig pc = s.routes().proxyConfig(p.name()).orElse(null);
    StatsInclusion inclusion = StatsInclusion.forPod(annotations(s, p));
    Instant started = KubectlContext.clusterCreated(s, inv.ctx().createdAt());
    long uptime = Math.max(0, Duration.between(started, Instant.now()).getSeconds());
    return new AdminView(
        inclusion,
        pc == null ? 0 : pc.clusters().size(),
        pc == null ? 0 : pc.listeners().size(),
        uptime);
  }
}
