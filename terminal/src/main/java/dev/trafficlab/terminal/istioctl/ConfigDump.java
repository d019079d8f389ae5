package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.terminal.format.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proxy's admin /config_dump, as Envoy 1.16 shapes it (the configs istioctl proxy-config reads:
 * bootstrap, clusters, listeners, routes), built from the same {@link EnvoyJson} objects that
 * istioctl proxy-config -o json prints, so the two can never disagree. The bootstrap is a summary:
 * the node's identity and metadata, the admin address and the static clusters pilot-agent writes.
 */
public final class ConfigDump {
  private ConfigDump() {}

  /**
   * Largest dump printed: what a pipe may capture, so `| grep` still works; a larger one (a sandbox
   * with very many rules) is refused with a pointer to istioctl proxy-config.
   */
  public static final int MAX_CHARS = 1024 * 1024;

  private static final String ADMIN = "type.googleapis.com/envoy.admin.v3.";

  /**
   * The dump as Envoy prints it (protobuf JSON with one-space indentation), or null when it would
   * be longer than {@link #MAX_CHARS}.
   *
   * @param revision the config store revision the proxy last received (istiod's push version)
   * @param pushedAt when it was received (lastUpdated)
   */
  public static String text(ProxyConfig pc, long revision, Instant pushedAt) {
    String json = Json.pretty(dump(pc, revision, pushedAt), " ", false);
    return json.length() > MAX_CHARS ? null : json;
  }

  static Map<String, Object> dump(ProxyConfig pc, long revision, Instant pushedAt) {
    String at = DateTimeFormatter.ISO_INSTANT.format(pushedAt.truncatedTo(ChronoUnit.MILLIS));
    String version =
        DateTimeFormatter.ISO_INSTANT.format(pushedAt.truncatedTo(ChronoUnit.SECONDS))
            + "/"
            + revision;
    List<Object> configs = new ArrayList<>();
    configs.add(bootstrap(pc, at));
    configs.add(clusters(pc, version, at));
    configs.add(listeners(pc, version, at));
    configs.add(typed("ScopedRoutesConfigDump"));
    configs.add(routes(pc, version, at));
    configs.add(typed("SecretsConfigDump"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("configs", configs);
    return out;
  }

  private static Map<String, Object> typed(String dumpType) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@type", ADMIN + dumpType);
    return m;
  }

  private static Map<String, Object> bootstrap(ProxyConfig pc, String at) {
    Pod p = pc.pod();
    String namespace = p.namespace();
    String app = p.app().isEmpty() ? p.workload() : p.app();
    Map<String, Object> labels = new LinkedHashMap<>(p.labels());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("CLUSTER_ID", "Kubernetes");
    metadata.put("INTERCEPTION_MODE", "REDIRECT");
    metadata.put("ISTIO_VERSION", "1.8.1");
    metadata.put("LABELS", labels);
    metadata.put("MESH_ID", "cluster.local");
    metadata.put("NAME", p.name());
    metadata.put("NAMESPACE", namespace);
    metadata.put(
        "OWNER",
        "kubernetes://apis/apps/v1/namespaces/" + namespace + "/deployments/" + p.workload());
    if (p.serviceAccount() != null && !p.serviceAccount().isEmpty()) {
      metadata.put("SERVICE_ACCOUNT", p.serviceAccount());
    }
    metadata.put("WORKLOAD_NAME", p.workload());
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(
        "id",
        (pc.gateway() ? "router~" : "sidecar~")
            + p.ip()
            + "~"
            + p.name()
            + "."
            + namespace
            + "~"
            + namespace
            + ".svc.cluster.local");
    node.put("cluster", app + "." + namespace);
    node.put("metadata", metadata);
    node.put("userAgentName", "envoy");
    node.put(
        "userAgentBuildVersion",
        Map.of("version", Map.of("majorNumber", 1, "minorNumber", 16, "patch", 1)));
    List<Object> statics = new ArrayList<>();
    for (String[] c :
        List.of(
            new String[] {"prometheus_stats", "STATIC"},
            new String[] {"agent", "STATIC"},
            new String[] {"sds-grpc", "STATIC"},
            new String[] {"xds-grpc", "STRICT_DNS"},
            new String[] {"zipkin", "STRICT_DNS"})) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c[0]);
      m.put("type", c[1]);
      statics.add(m);
    }
    Map<String, Object> ads = new LinkedHashMap<>();
    ads.put("ads", Map.of());
    ads.put("resourceApiVersion", "V3");
    Map<String, Object> dynamic = new LinkedHashMap<>();
    dynamic.put("ldsConfig", ads);
    dynamic.put("cdsConfig", ads);
    Map<String, Object> adsConfig = new LinkedHashMap<>();
    adsConfig.put("apiType", "GRPC");
    adsConfig.put("transportApiVersion", "V3");
    adsConfig.put("grpcServices", List.of(Map.of("envoyGrpc", Map.of("clusterName", "xds-grpc"))));
    adsConfig.put("setNodeOnFirstMessageOnly", true);
    dynamic.put("adsConfig", adsConfig);
    Map<String, Object> admin = new LinkedHashMap<>();
    admin.put("accessLogPath", "/dev/null");
    admin.put("profilePath", "/var/lib/istio/data/envoy.prof");
    admin.put(
        "address", Map.of("socketAddress", Map.of("address", "127.0.0.1", "portValue", 15000)));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("node", node);
    b.put("staticResources", Map.of("clusters", statics));
    b.put("dynamicResources", dynamic);
    b.put("admin", admin);
    Map<String, Object> m = typed("BootstrapConfigDump");
    m.put("bootstrap", b);
    m.put("lastUpdated", at);
    return m;
  }

  private static Map<String, Object> clusters(ProxyConfig pc, String version, String at) {
    List<Object> dynamic = new ArrayList<>();
    for (Object c : EnvoyJson.clusters(pc.clusters())) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("versionInfo", version);
      entry.put("cluster", withType("type.googleapis.com/envoy.config.cluster.v3.Cluster", c));
      entry.put("lastUpdated", at);
      dynamic.add(entry);
    }
    Map<String, Object> m = typed("ClustersConfigDump");
    m.put("versionInfo", version);
    m.put("dynamicActiveClusters", dynamic);
    return m;
  }

  private static Map<String, Object> listeners(ProxyConfig pc, String version, String at) {
    List<Object> dynamic = new ArrayList<>();
    for (Object l : EnvoyJson.listeners(pc.listeners())) {
      Map<String, Object> listener =
          withType("type.googleapis.com/envoy.config.listener.v3.Listener", l);
      Map<String, Object> active = new LinkedHashMap<>();
      active.put("versionInfo", version);
      active.put("listener", listener);
      active.put("lastUpdated", at);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", listener.get("name"));
      entry.put("activeState", active);
      dynamic.add(entry);
    }
    Map<String, Object> m = typed("ListenersConfigDump");
    m.put("versionInfo", version);
    m.put("dynamicListeners", dynamic);
    return m;
  }

  private static Map<String, Object> routes(ProxyConfig pc, String version, String at) {
    List<Object> dynamic = new ArrayList<>();
    for (Object r : EnvoyJson.routes(pc.routeConfigs())) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("versionInfo", version);
      entry.put(
          "routeConfig",
          withType("type.googleapis.com/envoy.config.route.v3.RouteConfiguration", r));
      entry.put("lastUpdated", at);
      dynamic.add(entry);
    }
    Map<String, Object> m = typed("RoutesConfigDump");
    m.put("dynamicRouteConfigs", dynamic);
    return m;
  }

  /** The resource as an Any: its type URL first, then its own fields. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withType(String type, Object resource) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@type", type);
    m.putAll((Map<String, Object>) resource);
    return m;
  }
}
