package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.Destination;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What istiod would push to every proxy for one snapshot: per client proxy and service port, the
 * ordered Envoy routes. Compiled once per snapshot so that resolving a request is a map lookup and
 * a few matches, with every {@link Decision} precomputed (resolve allocates nothing but a substring
 * for a host with a port).
 */
public final class RouteTable {
  private static final Decision PASSTHROUGH = Decision.empty(null, Outcome.PASSTHROUGH);
  private static final Decision NO_ROUTE = Decision.empty(null, Outcome.NO_ROUTE);

  private final Map<String, CompiledProxy> proxies;
  private final RouteCompiler compiler;
  private final Map<String, List<RejectedRouteConfig>> rejected;
  private final Map<String, ProxyConfig> views = new ConcurrentHashMap<>();

  private RouteTable(
      Map<String, CompiledProxy> proxies,
      RouteCompiler compiler,
      Map<String, List<RejectedRouteConfig>> rejected) {
    this.proxies = proxies;
    this.compiler = compiler;
    this.rejected = rejected;
  }

  /**
   * Compiles one config state, as proxies that held nothing before would take it: a port whose
   * configuration Envoy would refuse has no routes. Takes the parts it reads rather than the
   * store's snapshot, so that routing does not depend on the store (the store holds the compiled
   * table).
   *
   * @param objects the Istio objects, in key order (kind, namespace, name)
   * @param inventory services and pods
   * @param profile the Istio version's defaults
   */
  public static RouteTable compile(
      SortedMap<ResourceKey, Resource> objects, Inventory inventory, IstioProfile profile) {
    return compile(objects, inventory, profile, null);
  }

  /**
   * The tables as the proxies hold them after this push: where Envoy would refuse a port's new
   * route configuration (see {@link RouteConfigAcceptance}), the proxy keeps its table of {@code
   * previous}.
   */
  public static RouteTable compile(
      SortedMap<ResourceKey, Resource> objects,
      Inventory inventory,
      IstioProfile profile,
      RouteTable previous) {
    RouteCompiler c = new RouteCompiler(objects, inventory, profile);
    Map<String, List<RejectedRouteConfig>> rejected = new HashMap<>();
    Map<String, CompiledProxy> proxies =
        RouteConfigAcceptance.keepPrevious(c.compileAll(), previous, rejected);
    return new RouteTable(proxies, c, Map.copyOf(rejected));
  }

  /**
   * The route configurations this proxy's Envoy refused on the last push (it serves its previous
   * ones): empty when it accepted everything. istioctl proxy-status shows such a proxy's RDS as
   * STALE.
   */
  public List<RejectedRouteConfig> rejectedRouteConfigs(String podOrWorkload) {
    CompiledProxy p = proxies.get(podOrWorkload);
    return p == null ? List.of() : rejected.getOrDefault(p.pod().name(), List.of());
  }

  /** The table a proxy serves on a port, or null. */
  VirtualHostTable effectiveTable(String pod, int port) {
    CompiledProxy p = proxies.get(pod);
    return p == null ? null : p.table(port);
  }

  /**
   * What Envoy does for this request on this table.
   *
   * @throws UnknownWorkloadException when {@code from} names no pod or deployment with a proxy
   * @throws IllegalArgumentException when the port is left out and the host's service has several
   *     ports
   */
  public Decision resolve(RouteRequest request) {
    CompiledProxy p = proxies.get(request.from());
    if (p == null) {
      throw new UnknownWorkloadException(request.from());
    }
    String host = request.host() == null ? "" : lowerCase(request.host());
    Integer requested = request.port();
    int port;
    if (requested != null) {
      port = requested;
    } else {
      if (p.gateway()) {
        port = 80;
      } else {
        int colon = host.lastIndexOf(':');
        if (colon > 0 && colon < host.length() - 1 && isDigits(host, colon + 1)) {
          port = Integer.parseInt(host, colon + 1, host.length(), 10);
        } else {
          Integer single = p.portless().get(host);
          if (single == null) {
            return unknownOrAmbiguous(host);
          }
          port = single;
        }
      }
    }
    VirtualHostTable table = p.table(port);
    if (table == null) {
      return p.gateway() ? NO_ROUTE : PASSTHROUGH;
    }
    VirtualHostTable.VHost vh = table.find(host);
    if (vh == null && p.gateway()) {
      int colon = host.lastIndexOf(':');
      if (colon > 0) {
        vh = table.find(host.substring(0, colon));
      }
    }
    if (vh == null) {
      return p.gateway()
          ? NO_ROUTE
          : PASSTHROUGH; // sidecars: ALLOW_ANY passthrough for unknown hosts
    }
    String path = request.path();
    int q = path.indexOf('?');
    int pathEnd = q < 0 ? path.length() : q;
    for (CompiledRoute r : vh.routes()) {
      if (r.match().matches(request, pathEnd)) {
        return r.decision();
      }
    }
    return vh.noRoute();
  }

  private Decision unknownOrAmbiguous(String host) {
    Service s =
        compiler.servicesByFqdn().values().stream()
            .filter(x -> x.name().equals(host) || x.fqdn().equals(host))
            .findFirst()
            .orElse(null);
    if (s != null && s.ports().size() > 1) {
      throw new IllegalArgumentException(
          "port is required: service \"" + s.name() + "\" has several ports");
    }
    return PASSTHROUGH;
  }

  private static boolean isDigits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return s.length() - from <= 5;
  }

  private static String lowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  /** True when a proxy of that pod or deployment name (or "pod.namespace") exists. */
  public boolean hasProxy(String podOrWorkload) {
    return proxies.containsKey(podOrWorkload);
  }

  /**
   * The read-only configuration of one proxy, for istioctl proxy-config. Accepts a pod name,
   * "pod.namespace", or a deployment name (its first pod). Empty when there is no such proxy
   * (istiod and unknown names).
   */
  public Optional<ProxyConfig> proxyConfig(String podOrWorkload) {
    CompiledProxy p = proxies.get(podOrWorkload);
    if (p == null) {
      return Optional.empty();
    }
    return Optional.of(views.computeIfAbsent(p.pod().name(), k -> buildView(p)));
  }

  /** The RDS route configurations of a proxy (empty list when there is no such proxy). */
  public List<ProxyConfig.RouteConfig> routeConfigs(String podOrWorkload) {
    return proxyConfig(podOrWorkload).map(ProxyConfig::routeConfigs).orElse(List.of());
  }

  /** The CDS clusters of a proxy with their endpoints (empty list when there is no such proxy). */
  public List<ProxyConfig.Cluster> clusters(String podOrWorkload) {
    return proxyConfig(podOrWorkload).map(ProxyConfig::clusters).orElse(List.of());
  }

  private ProxyConfig buildView(CompiledProxy p) {
    List<ProxyConfig.RouteConfig> rcs = new ArrayList<>();
    List<ProxyConfig.Listener> listeners = new ArrayList<>();
    p.byPort().values().stream()
        .sorted(Comparator.comparing(t -> t.name))
        .forEach(
            t -> {
              List<ProxyConfig.VirtualHost> vhs = new ArrayList<>();
              for (VirtualHostTable.VHost v : t.virtualHosts) {
                List<ProxyConfig.Route> routes = new ArrayList<>();
                for (CompiledRoute r : v.routes()) {
                  routes.add(r.view());
                }
                vhs.add(new ProxyConfig.VirtualHost(v.name(), v.domains(), List.copyOf(routes)));
              }
              rcs.add(new ProxyConfig.RouteConfig(t.name, t.port, List.copyOf(vhs)));
              listeners.add(new ProxyConfig.Listener("0.0.0.0", t.port, "HTTP", t.name));
            });
    String ns = p.pod().namespace();
    List<ProxyConfig.Cluster> clusters = new ArrayList<>();
    {
      for (Service s : compiler.servicesByFqdn().values()) {
        for (Service.Port port : s.ports()) {
          addClusters(clusters, s.fqdn(), port.port(), ns, s.namespace(), false);
        }
      }
      compiler
          .serviceEntryPorts()
          .forEach(
              (fqdn, ports) -> {
                for (int port : ports) {
                  addClusters(clusters, fqdn, port, ns, null, true);
                }
              });
    }
    clusters.sort(Comparator.comparing(ProxyConfig.Cluster::name));
    if (!p.gateway()) {
      listeners.add(new ProxyConfig.Listener("0.0.0.0", 15001, "TCP", null));
      listeners.add(new ProxyConfig.Listener("0.0.0.0", 15006, "TCP", null));
      listeners.add(new ProxyConfig.Listener(p.pod().ip(), 9080, "HTTP", "inbound|9080||"));
    }
    listeners.sort(
        Comparator.comparing(ProxyConfig.Listener::address)
            .thenComparingInt(ProxyConfig.Listener::port));
    return new ProxyConfig(
        p.pod().name() + "." + ns,
        p.pod(),
        p.gateway(),
        List.copyOf(rcs),
        List.copyOf(clusters),
        List.copyOf(listeners));
  }

  private void addClusters(
      List<ProxyConfig.Cluster> out,
      String fqdn,
      int port,
      String clientNs,
      String hostNs,
      boolean external) {
    DestinationRules.Merged dr = compiler.destinationRules.lookup(fqdn, clientNs, hostNs);
    List<String> subsets = new ArrayList<>();
    subsets.add("");
    if (dr != null) {
      subsets.addAll(dr.subsets().keySet());
    }
    for (String subset : subsets) {
      RouteCompiler.ClusterInfo ci =
          compiler.cluster(
              new Destination(fqdn, subset.isEmpty() ? null : subset, port, null),
              clientNs,
              port,
              clientNs);
      out.add(
          new ProxyConfig.Cluster(
              ci.cluster(),
              "outbound",
              fqdn,
              port,
              subset,
              external ? "STRICT_DNS" : "EDS",
              ci.trafficPolicy(),
              ci.destinationRule(),
              ci.endpoints()));
    }
  }
}
