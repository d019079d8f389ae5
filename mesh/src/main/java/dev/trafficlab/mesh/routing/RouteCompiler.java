package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.Delegate;
import dev.trafficlab.mesh.model.Destination;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.GatewaySpec;
import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRetry;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.ServiceEntrySpec;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * istiod's translation for one config state: VirtualServices, DestinationRules and Gateways into
 * the route configurations of every proxy (pilot/pkg/networking/core/v1alpha3/route/route.go and
 * httproute.go, 1.8).
 */
final class RouteCompiler {
  private final SortedMap<ResourceKey, Resource> objects;
  private final IstioProfile profile;
  private final Inventory inventory;
  private final List<Resource> virtualServices;
  private final List<Resource> gateways;
  private final Map<String, Service> servicesByFqdn = new LinkedHashMap<>();
  private final Map<String, List<Integer>> serviceEntryPorts = new LinkedHashMap<>();
  private final Map<String, List<Integer>> serviceEntryHttpPorts = new LinkedHashMap<>();
  final DestinationRules destinationRules;
  private final boolean anySourceSelector;

  /** Also read by RouteTable.proxyConfig, which may run on several threads: concurrent. */
  private final Map<String, ClusterInfo> clusterCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Domain lists by (service, port, client namespace): sidecars grouped by labels (sourceLabels in
   * some VS) ask for the same lists again. Lives as long as this compilation, so nothing of one
   * sandbox outlives its route table.
   */
  private final Map<DomainKey, List<String>> domains = new HashMap<>();

  private record DomainKey(Service service, int port, String clientNamespace) {}

  /**
   * Retry policies by what the rule wrote (null = absent: the defaults); parsed once per
   * compilation.
   */
  private final Map<HttpRetry, RetryPolicy> retryPolicies = new HashMap<>();

  /** The client-independent part of a cluster, cached per (client namespace, cluster name). */
  record ClusterInfo(
      String fqdn,
      int port,
      String subset,
      String cluster,
      Outcome status,
      List<Pod> endpoints,
      Map<String, Object> trafficPolicy,
      String destinationRule,
      boolean external) {}

  /**
   * What a proxy is, for build-time selection: its namespace, labels and the gateway names it
   * implements.
   */
  record ProxyContext(String namespace, Map<String, String> labels, Set<String> gatewayNames) {}

  /** One http rule after delegate merging, with where its destinations resolve. */
  private record FlatRule(
      HttpRoute rule, int rootIndex, String hostNamespace, RouteOrigin[] origins) {}

  /**
   * Each VirtualService's rules after delegate merging, with their origins: built once per
   * compilation.
   */
  private final Map<Resource, List<FlatRule>> flattened = new IdentityHashMap<>();

  /** The 404 decision of the hosts each VirtualService claims. */
  private final Map<Resource, Decision> noRoutes = new IdentityHashMap<>();

  /**
   * @param objects the Istio objects of one config state, in key order (kind, namespace, name)
   * @param inventory the Kubernetes side: services, pods
   * @param profile the Istio version's defaults
   */
  RouteCompiler(
      SortedMap<ResourceKey, Resource> objects, Inventory inventory, IstioProfile profile) {
    this.objects = objects;
    this.profile = profile;
    this.inventory = inventory;
    List<Resource> vs = new ArrayList<>();
    for (Resource r : Ordering.sorted(list(ResourceKind.VIRTUAL_SERVICE))) {
      if (r.spec() instanceof VirtualServiceSpec) {
        vs.add(r);
      }
    }
    this.virtualServices = vs;
    this.gateways = Ordering.sorted(list(ResourceKind.GATEWAY));
    for (Service s : inventory.services()) {
      servicesByFqdn.put(s.fqdn(), s);
    }
    for (Resource r : list(ResourceKind.SERVICE_ENTRY)) {
      if (r.spec() instanceof ServiceEntrySpec se) {
        List<Integer> ports = new ArrayList<>();
        for (Map<String, Object> p : se.ports()) {
          if (p.get("number") instanceof Number n) {
            ports.add(n.intValue());
          }
        }
        List<Integer> httpPorts = new ArrayList<>();
        for (Map<String, Object> p : se.ports()) {
          if (p.get("number") instanceof Number n && protocolCarriesHttp(p.get("protocol"))) {
            httpPorts.add(n.intValue());
          }
        }
        for (String h : se.hosts()) {
          serviceEntryPorts.putIfAbsent(HostNames.fqdn(h, r.namespace()), ports);
          serviceEntryHttpPorts.putIfAbsent(HostNames.fqdn(h, r.namespace()), httpPorts);
        }
      }
    }
    this.destinationRules = new DestinationRules(list(ResourceKind.DESTINATION_RULE));
    boolean any = false;
    for (Resource r : vs) {
      for (HttpRoute h : ((VirtualServiceSpec) r.spec()).http()) {
        for (HttpMatchRequest m : h.match()) {
          any |= !m.sourceLabels().isEmpty() || m.sourceNamespace() != null;
        }
      }
    }
    this.anySourceSelector = any;
  }

  /** The objects of one kind, in key order. */
  private List<Resource> list(ResourceKind kind) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : objects.values()) {
      if (r.kind() == kind) {
        out.add(r);
      }
    }
    return out;
  }

  Map<String, Service> servicesByFqdn() {
    return servicesByFqdn;
  }

  Map<String, List<Integer>> serviceEntryPorts() {
    return serviceEntryPorts;
  }

  static boolean isGatewayPod(Pod p) {
    String istio = p.labels().get("istio");
    return "ingressgateway".equals(istio) || "egressgateway".equals(istio);
  }

  static boolean hasSidecar(Pod p) {
    return !isGatewayPod(p) && p.sidecar();
  }

  /**
   * Compiles every proxy of the inventory; sidecars that cannot differ share one compiled table.
   */
  Map<String, CompiledProxy> compileAll() {
    Map<String, CompiledProxy> out = new HashMap<>();
    Map<String, Map<Integer, VirtualHostTable>> shared = new HashMap<>();
    Map<String, Map<String, Integer>> sharedPortless = new HashMap<>();
    for (Pod pod : inventory.pods()) {
      CompiledProxy cp;
      if (isGatewayPod(pod)) {
        Map<String, Integer> portless = new HashMap<>();
        cp = new CompiledProxy(pod, true, compileGateway(pod), portless);
      } else if (hasSidecar(pod)) {
        String key = pod.namespace() + (anySourceSelector ? "|" + new TreeMap<>(pod.labels()) : "");
        Map<Integer, VirtualHostTable> tables = shared.get(key);
        if (tables == null) {
          Map<String, Integer> portless = new HashMap<>();
          tables = compileSidecar(pod, portless);
          shared.put(key, tables);
          sharedPortless.put(key, portless);
        }
        cp = new CompiledProxy(pod, false, tables, sharedPortless.get(key));
      } else {
        continue;
      }
      out.put(pod.name(), cp);
      out.put(pod.name() + "." + pod.namespace(), cp);
      out.putIfAbsent(pod.workload(), cp);
      out.putIfAbsent(pod.workload() + "." + pod.namespace(), cp);
    }
    return out;
  }

  // ---------------------------------------------------------------- sidecars

  private Map<Integer, VirtualHostTable> compileSidecar(Pod pod, Map<String, Integer> portless) {
    ProxyContext ctx = new ProxyContext(pod.namespace(), pod.labels(), Set.of("mesh"));
    List<Resource> mesh = new ArrayList<>();
    for (Resource r : virtualServices) {
      VirtualServiceSpec spec = (VirtualServiceSpec) r.spec();
      if (!spec.hosts().isEmpty()
          && appliesToMesh(spec)
          && Ordering.visible(spec.exportTo(), r.namespace(), pod.namespace())) {
        mesh.add(r);
      }
    }
    Map<Integer, List<VirtualHostTable.VHost>> byPort = new TreeMap<>();
    List<Service> services = new ArrayList<>(servicesByFqdn.values());
    services.sort((a, b) -> a.fqdn().compareTo(b.fqdn()));
    for (Service s : services) {
      List<Resource> candidates = candidateVirtualServices(mesh, s.fqdn());
      for (Service.Port p : s.ports()) {
        if (!carriesHttp(p)) {
          continue; // TLS/TCP ports get TCP proxy listeners, not RDS route configs
        }
        List<String> domains =
            this.domains.computeIfAbsent(
                new DomainKey(s, p.port(), pod.namespace()),
                k -> HostNames.serviceDomains(k.service(), k.port(), k.clientNamespace()));
        // The oldest VS claims the host; one that yields no route for this proxy and port (every
        // match filtered
        // out by sourceLabels, gateways or port) is discarded, and the service falls to the next or
        // the default.
        Resource winner = null;
        List<CompiledRoute> routes = List.of();
        for (Resource c : candidates) {
          routes = translate(c, ctx, p.port());
          if (!routes.isEmpty()) {
            winner = c;
            break;
          }
        }
        if (winner == null) {
          routes = List.of(defaultRoute(s.fqdn(), p.port(), ctx));
        }
        byPort
            .computeIfAbsent(p.port(), k -> new ArrayList<>())
            .add(
                new VirtualHostTable.VHost(
                    s.fqdn() + ":" + p.port(),
                    domains,
                    routes.toArray(new CompiledRoute[0]),
                    noRoute(winner)));
        if (s.ports().size() == 1) {
          for (int i = 0; i < domains.size(); i += 2) {
            portless.putIfAbsent(domains.get(i), p.port());
          }
        }
      }
    }
    // VirtualService hosts outside the registry (ServiceEntry hosts, or names such as
    // "reviews.default" that
    // istiod does not expand) get their own virtual hosts: on the ServiceEntry's ports, else on
    // port 80.
    Set<String> claimed = new LinkedHashSet<>();
    for (Resource r : mesh) {
      VirtualServiceSpec spec = (VirtualServiceSpec) r.spec();
      for (String h : spec.hosts()) {
        String fqdn = HostNames.fqdn(h, r.namespace());
        if (fqdn.startsWith("*") || servicesByFqdn.containsKey(fqdn) || claimed.contains(fqdn)) {
          continue;
        }
        List<Integer> ports = serviceEntryPorts.getOrDefault(fqdn, List.of(80));
        for (int port : ports.isEmpty() ? List.of(80) : ports) {
          List<CompiledRoute> routes = translate(r, ctx, port);
          if (routes.isEmpty()) {
            continue; // no route for this proxy and port: the VS is discarded here
          }
          claimed.add(fqdn);
          byPort
              .computeIfAbsent(port, k -> new ArrayList<>())
              .add(
                  new VirtualHostTable.VHost(
                      fqdn + ":" + port,
                      List.of(fqdn, fqdn + ":" + port),
                      routes.toArray(new CompiledRoute[0]),
                      noRoute(r)));
          if (ports.size() == 1) {
            portless.putIfAbsent(fqdn, port);
          }
        }
      }
    }
    // A ServiceEntry host that no VirtualService claims is a service of the registry like any
    // other: istiod gives it a virtual host with the default route on each of its HTTP ports (its
    // TLS and TCP ports get listeners of their own, no route config).
    for (Map.Entry<String, List<Integer>> e : serviceEntryHttpPorts.entrySet()) {
      String fqdn = e.getKey();
      if (fqdn.startsWith("*") || servicesByFqdn.containsKey(fqdn) || claimed.contains(fqdn)) {
        continue;
      }
      for (int port : e.getValue()) {
        byPort
            .computeIfAbsent(port, k -> new ArrayList<>())
            .add(
                new VirtualHostTable.VHost(
                    fqdn + ":" + port,
                    List.of(fqdn, fqdn + ":" + port),
                    new CompiledRoute[] {defaultRoute(fqdn, port, ctx)},
                    noRoute(null)));
        if (e.getValue().size() == 1) {
          portless.putIfAbsent(fqdn, port);
        }
      }
    }
    Map<Integer, VirtualHostTable> out = new HashMap<>();
    byPort.forEach(
        (port, vhosts) -> out.put(port, new VirtualHostTable(String.valueOf(port), port, vhosts)));
    return out;
  }

  /**
   * Istio's protocol selection by port name prefix: http, http2, grpc... carry HTTP; https, tls,
   * tcp, mongo, mysql, redis do not; an unnamed or unknown prefix is sniffed, which builds an HTTP
   * route config too.
   */
  static boolean carriesHttp(Service.Port p) {
    String name = p.name() == null ? "" : p.name().toLowerCase(java.util.Locale.ROOT);
    int dash = name.indexOf('-');
    String prefix = dash < 0 ? name : name.substring(0, dash);
    return !List.of("https", "tls", "tcp", "mongo", "mysql", "redis").contains(prefix);
  }

  /**
   * A ServiceEntry port's protocol: HTTP, HTTP2 and GRPC (and a port without one, which is sniffed)
   * get an HTTP route config; HTTPS, TLS, TCP, MONGO, MYSQL, REDIS do not.
   */
  static boolean protocolCarriesHttp(Object protocol) {
    String p = protocol == null ? "" : protocol.toString().toLowerCase(java.util.Locale.ROOT);
    return !List.of("https", "tls", "tcp", "mongo", "mysql", "redis").contains(p);
  }

  private static boolean appliesToMesh(VirtualServiceSpec spec) {
    return spec.gateways().isEmpty() || spec.gateways().contains("mesh");
  }

  /**
   * The mesh VSs that claim a host, oldest first: exact hosts, then wildcard hosts. Several VSs for
   * one host are not merged; the first that yields routes wins ("duplicate domain" for the others).
   */
  private List<Resource> candidateVirtualServices(List<Resource> mesh, String fqdn) {
    List<Resource> exact = new ArrayList<>();
    List<Resource> wildcard = new ArrayList<>();
    for (Resource r : mesh) {
      for (String h : ((VirtualServiceSpec) r.spec()).hosts()) {
        String f = HostNames.fqdn(h, r.namespace());
        if (f.equals(fqdn)) {
          exact.add(r);
          break;
        }
        if (f.startsWith("*") && HostNames.wildcardMatches(f, fqdn)) {
          wildcard.add(r);
          break;
        }
      }
    }
    exact.addAll(wildcard);
    return exact;
  }

  // ---------------------------------------------------------------- gateways

  private record BoundServer(Resource gateway, GatewaySpec.Server server) {}

  private Map<Integer, VirtualHostTable> compileGateway(Pod pod) {
    Map<Integer, List<BoundServer>> servers = new TreeMap<>();
    for (Resource g : gateways) {
      if (!(g.spec() instanceof GatewaySpec spec)
          || spec.selector().isEmpty()
          || !pod.labels().entrySet().containsAll(spec.selector().entrySet())) {
        continue;
      }
      for (GatewaySpec.Server s : spec.servers()) {
        if (s.portNumber() != null && isHttp(s.protocol())) {
          servers
              .computeIfAbsent(s.portNumber(), k -> new ArrayList<>())
              .add(new BoundServer(g, s));
        }
      }
    }
    Map<Integer, VirtualHostTable> out = new HashMap<>();
    for (Map.Entry<Integer, List<BoundServer>> e : servers.entrySet()) {
      int port = e.getKey();
      // gateway.go buildGatewayHTTPRouteConfig: per server, the VSs bound to its gateway, each
      // translated with
      // that one gateway's name; the routes of VSs sharing a host are appended in creation order.
      Map<String, List<CompiledRoute>> byHost = new LinkedHashMap<>();
      Map<String, Resource> firstVs = new HashMap<>();
      Map<String, List<CompiledRoute>> translated = new HashMap<>();
      for (BoundServer bs : e.getValue()) {
        String gwName = bs.gateway.namespace() + "/" + bs.gateway.name();
        ProxyContext ctx = new ProxyContext(pod.namespace(), pod.labels(), Set.of(gwName));
        for (Resource r : virtualServicesForGateway(pod.namespace(), gwName)) {
          VirtualServiceSpec spec = (VirtualServiceSpec) r.spec();
          List<String> hosts = new ArrayList<>();
          for (String vsHost : spec.hosts()) {
            String h = vsHost.equals("*") ? "*" : HostNames.fqdn(vsHost, r.namespace());
            for (String serverHost : bs.server.hosts()) {
              String i = intersect(serverHost, h, r.namespace(), bs.gateway.namespace());
              if (i != null && !hosts.contains(i)) {
                hosts.add(i);
              }
            }
          }
          if (hosts.isEmpty()) {
            continue;
          }
          List<CompiledRoute> routes =
              translated.computeIfAbsent(
                  gwName + "|" + r.namespace() + "/" + r.name(), k -> translate(r, ctx, port));
          if (routes.isEmpty()) {
            continue; // "no routes matched": istiod omits this VS for the gateway
          }
          for (String h : hosts) {
            byHost.computeIfAbsent(h, k -> new ArrayList<>()).addAll(routes);
            firstVs.putIfAbsent(h, r);
          }
        }
      }
      List<VirtualHostTable.VHost> vhosts = new ArrayList<>();
      byHost.forEach(
          (h, routes) ->
              vhosts.add(
                  new VirtualHostTable.VHost(
                      h + ":" + port,
                      h.equals("*") ? List.of("*") : List.of(h, h + ":" + port),
                      catchAllRoutesLast(routes),
                      noRoute(firstVs.get(h)))));
      out.put(port, new VirtualHostTable("http." + port, port, vhosts));
    }
    return out;
  }

  /**
   * push_context.go VirtualServicesForGateway (1.8.1): the VSs bound to the gateway that its
   * proxy's namespace may see, those private to that namespace first, then those exported to it by
   * name, then the public ones (no exportTo, or "*"); creation order within each group.
   */
  private List<Resource> virtualServicesForGateway(String proxyNamespace, String gatewayName) {
    List<Resource> privateOnes = new ArrayList<>();
    List<Resource> exportedHere = new ArrayList<>();
    List<Resource> publicOnes = new ArrayList<>();
    for (Resource r : virtualServices) {
      VirtualServiceSpec spec = (VirtualServiceSpec) r.spec();
      if (!boundTo(spec, r.namespace(), gatewayName)) {
        continue;
      }
      List<String> exportTo = spec.exportTo();
      if (exportTo.isEmpty() || exportTo.contains("*")) {
        publicOnes.add(r);
      } else if (!exportTo.contains("~")) {
        for (String e : new LinkedHashSet<>(exportTo)) {
          if (e.equals(".") || e.equals(r.namespace())) {
            if (r.namespace().equals(proxyNamespace)) {
              privateOnes.add(r);
            }
          } else if (e.equals(proxyNamespace)) {
            exportedHere.add(r);
          }
        }
      }
    }
    privateOnes.addAll(exportedHere);
    privateOnes.addAll(publicOnes);
    return privateOnes;
  }

  private static boolean boundTo(VirtualServiceSpec spec, String vsNamespace, String gatewayName) {
    for (String g : spec.gateways()) {
      if (!g.equals("mesh") && qualifiedGateway(g, vsNamespace).equals(gatewayName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * route.go CombineVHostRoutes (1.8.1), applied to every gateway virtual host: the catch-all
   * routes (prefix "/" or regex "*" with no header or query parameter matcher) move to the end, the
   * others keep their order.
   */
  static CompiledRoute[] catchAllRoutesLast(List<CompiledRoute> routes) {
    List<CompiledRoute> out = new ArrayList<>(routes.size());
    List<CompiledRoute> catchAll = new ArrayList<>();
    for (CompiledRoute r : routes) {
      ProxyConfig.RouteMatch m = r.view().match();
      boolean all =
          ("/".equals(m.prefix()) || "*".equals(m.regex()))
              && m.headers().isEmpty()
              && m.queryParameters().isEmpty();
      (all ? catchAll : out).add(r);
    }
    out.addAll(catchAll);
    return out.toArray(new CompiledRoute[0]);
  }

  private static boolean isHttp(String protocol) {
    if (protocol == null) {
      return false;
    }
    String p = protocol.toUpperCase(java.util.Locale.ROOT);
    return p.equals("HTTP") || p.equals("HTTP2") || p.equals("GRPC") || p.equals("HTTPS");
  }

  /** A VS's gateway reference: "name" means the VS's namespace, "ns/name" as written. */
  static String qualifiedGateway(String ref, String vsNamespace) {
    if (ref.indexOf('/') >= 0) {
      return ref;
    }
    int dot = ref.indexOf('.');
    if (dot > 0) { // legacy FQDN form: name.namespace.svc.cluster.local
      String[] parts = ref.split("\\.");
      return parts[1] + "/" + parts[0];
    }
    return vsNamespace + "/" + ref;
  }

  /**
   * Gateway server host ("ns/host", "*&#47;host", "./host" or "host") against a VS host; the host
   * both accept.
   */
  private static String intersect(
      String serverHost, String vsHost, String vsNamespace, String gatewayNamespace) {
    String ns = "*";
    String h = serverHost;
    int slash = serverHost.indexOf('/');
    if (slash >= 0) {
      ns = serverHost.substring(0, slash);
      h = serverHost.substring(slash + 1);
    }
    if (ns.equals(".")) {
      ns = gatewayNamespace;
    }
    if (!ns.equals("*") && !ns.equals(vsNamespace)) {
      return null;
    }
    h = h.toLowerCase(java.util.Locale.ROOT);
    if (HostNames.wildcardMatches(h, vsHost)) {
      return vsHost;
    }
    if (HostNames.wildcardMatches(vsHost, h)) {
      return h;
    }
    return null;
  }

  // ---------------------------------------------------------------- translation of one
  // VirtualService

  /**
   * BuildHTTPRoutesForVirtualService: one route per (rule x applicable match entry), stopping after
   * a catch-all.
   */
  List<CompiledRoute> translate(Resource vs, ProxyContext ctx, int port) {
    VirtualServiceSpec spec = (VirtualServiceSpec) vs.spec();
    List<CompiledRoute> out = new ArrayList<>();
    boolean catchAll = false;
    for (FlatRule fr : flattened.computeIfAbsent(vs, v -> flatten(v, spec))) {
      HttpRoute rule = fr.rule;
      if (rule.match().isEmpty()) {
        CompiledRoute r = route(fr, null, null, ctx, port);
        if (r != null) {
          out.add(r);
        }
        catchAll = true;
      } else {
        for (int j = 0; j < rule.match().size(); j++) {
          HttpMatchRequest m = rule.match().get(j);
          if (!sourceMatches(m, ctx, vs.namespace())
              || (m != null && m.port() != null && m.port() != 0 && m.port() != port)) {
            continue;
          }
          CompiledRoute r = route(fr, m, j, ctx, port);
          if (r != null) {
            out.add(r);
            if (isCatchAllMatch(m)) {
              catchAll = true;
              break;
            }
          }
        }
      }
      if (catchAll) {
        break; // istiod emits nothing after a catch-all: later rules are silently dropped
      }
    }
    return out;
  }

  /**
   * sourceMatchHTTP: match-level gateways, else sourceLabels (subset of the proxy's labels) and
   * sourceNamespace.
   */
  private static boolean sourceMatches(HttpMatchRequest m, ProxyContext ctx, String vsNamespace) {
    if (m == null) {
      return true;
    }
    if (!m.gateways().isEmpty()) {
      for (String g : m.gateways()) {
        if (ctx.gatewayNames().contains(g.equals("mesh") ? g : qualifiedGateway(g, vsNamespace))) {
          return true;
        }
      }
      return false;
    }
    if (!ctx.labels().entrySet().containsAll(m.sourceLabels().entrySet())) {
      return false;
    }
    return m.sourceNamespace() == null
        || m.sourceNamespace().isEmpty()
        || m.sourceNamespace().equals(ctx.namespace());
  }

  /**
   * isCatchAllMatch of 1.8.1 (route.go): uri prefix "/" (or regex "*") and no other condition at
   * all: no headers, withoutHeaders, queryParams, sourceLabels, gateways, method, scheme,
   * authority, port or sourceNamespace.
   */
  static boolean isCatchAllMatch(HttpMatchRequest m) {
    if (m == null) {
      return true;
    }
    boolean catchAll = false;
    if (m.uri() != null && m.uri().type() == StringMatch.Type.PREFIX) {
      catchAll = "/".equals(m.uri().value());
    } else if (m.uri() != null && m.uri().type() == StringMatch.Type.REGEX) {
      catchAll = "*".equals(m.uri().value());
    }
    return catchAll
        && m.headers().isEmpty()
        && m.queryParams().isEmpty()
        && m.sourceLabels().isEmpty()
        && m.withoutHeaders().isEmpty()
        && m.gateways().isEmpty()
        && m.method() == null
        && m.scheme() == null
        && (m.port() == null || m.port() == 0)
        && m.authority() == null
        && (m.sourceNamespace() == null || m.sourceNamespace().isEmpty());
  }

  /**
   * Root rules with a delegate are replaced by the delegate's rules, merged under the root's match
   * (one level).
   */
  private List<FlatRule> flatten(Resource vs, VirtualServiceSpec spec) {
    List<FlatRule> out = new ArrayList<>();
    for (int i = 0; i < spec.http().size(); i++) {
      HttpRoute rule = spec.http().get(i);
      Delegate d = rule.delegate();
      if (d == null) {
        out.add(new FlatRule(rule, i, vs.namespace(), RouteOrigins.origins(vs, i, rule)));
        continue;
      }
      String ns = d.namespace() == null || d.namespace().isEmpty() ? vs.namespace() : d.namespace();
      Resource child = objects.get(new ResourceKey(ResourceKind.VIRTUAL_SERVICE, ns, d.name()));
      if (child == null
          || !(child.spec() instanceof VirtualServiceSpec cs)
          || !cs.hosts().isEmpty()) {
        continue; // a missing (or non-delegate) delegate: the root rule yields no routes
      }
      for (HttpRoute c : cs.http()) {
        if (c.delegate() != null) {
          continue; // only one level of delegation
        }
        HttpRoute merged = DelegateMerge.merge(rule, c);
        if (merged != null) {
          out.add(new FlatRule(merged, i, ns, RouteOrigins.origins(vs, i, merged)));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- one route

  private CompiledRoute route(
      FlatRule fr, HttpMatchRequest m, Integer matchIndex, ProxyContext ctx, int port) {
    HttpRoute rule = fr.rule;
    List<ClusterTarget> targets = new ArrayList<>();
    Outcome outcome;
    if (rule.redirect() != null) {
      outcome = Outcome.REDIRECT;
    } else {
      if (rule.route().isEmpty()) {
        return null; // neither route nor redirect: validation refuses it; istiod would emit nothing
        // usable
      }
      List<HttpRouteDestination> dests = rule.route();
      boolean single = dests.size() == 1;
      for (HttpRouteDestination d : dests) {
        int w = single ? 100 : d.weight() == null ? 0 : d.weight();
        if (w <= 0 || d.destination() == null) {
          continue; // 1.8: a lone destination's weight is ignored; weight 0 among several is
          // dropped
        }
        targets.add(
            target(d.destination(), fr.hostNamespace, port, ctx.namespace(), w, d.headers()));
      }
      outcome = targets.isEmpty() ? Outcome.CLUSTER_NOT_FOUND : combined(targets);
    }
    MirrorPolicy mirror = mirror(rule, fr.hostNamespace, port, ctx.namespace());
    StringMatch uri = m == null ? null : m.uri();
    String matchedPrefix =
        uri == null ? "/" : uri.type() == StringMatch.Type.PREFIX ? uri.value() : null;
    boolean matchedExact =
        uri != null
            && (uri.type() == StringMatch.Type.EXACT || uri.type() == StringMatch.Type.REGEX);
    RouteOrigin origin = fr.origins[matchIndex == null ? 0 : matchIndex];
    Decision d =
        new Decision(
            origin,
            outcome,
            targets,
            outcome == Outcome.REDIRECT ? null : FaultPolicy.of(rule.fault()),
            rule.timeoutMs() == null ? 0 : rule.timeoutMs(),
            retries(rule.retries()),
            mirror,
            rule.rewrite(),
            rule.redirect(),
            rule.headers(),
            rule.corsPolicy(),
            matchedPrefix,
            matchedExact);
    ProxyConfig.Route view =
        new ProxyConfig.Route(rule.name(), RouteViews.match(m, profile), origin, d);
    return new CompiledRoute(CompiledMatch.of(m, profile), d, view);
  }

  private RetryPolicy retries(HttpRetry written) {
    return retryPolicies.computeIfAbsent(written, w -> RetryPolicy.of(w, profile));
  }

  /** With several destinations the outcome is ROUTE unless every one fails the same way. */
  private static Outcome combined(List<ClusterTarget> targets) {
    Outcome first = targets.get(0).status();
    for (ClusterTarget t : targets) {
      if (t.status() != first) {
        return Outcome.ROUTE;
      }
    }
    return first;
  }

  private CompiledRoute defaultRoute(String fqdn, int port, ProxyContext ctx) {
    ClusterTarget t =
        target(
            new Destination(fqdn, null, port, null),
            ctx.namespace(),
            port,
            ctx.namespace(),
            100,
            null);
    Decision d =
        new Decision(
            null,
            t.status(),
            List.of(t),
            null,
            0,
            retries(null),
            null,
            null,
            null,
            null,
            null,
            "/",
            false);
    return new CompiledRoute(
        CompiledMatch.ALL,
        d,
        new ProxyConfig.Route("default", RouteViews.match(null, profile), null, d));
  }

  /**
   * The 404 of a virtual host when no route matches, naming the VirtualService that claims it
   * (null: none).
   */
  private Decision noRoute(Resource vs) {
    if (vs == null) {
      return Decision.empty(null, Outcome.NO_ROUTE);
    }
    return noRoutes.computeIfAbsent(
        vs, v -> Decision.empty(RouteOrigins.noRule(v), Outcome.NO_ROUTE));
  }

  private MirrorPolicy mirror(
      HttpRoute rule, String hostNamespace, int listenerPort, String clientNamespace) {
    Destination m = rule.mirror();
    if (m == null || m.host() == null) {
      return null;
    }
    // route.go mirrorPercent: mirrorPercentage in millionths, else the integer mirrorPercent, else
    // 100
    double pct =
        rule.mirrorPercentage() != null
            ? FractionalPercent.ofPercentage(rule.mirrorPercentage())
            : rule.mirrorPercent() != null ? rule.mirrorPercent() : 100.0;
    if (pct <= 0) {
      return null;
    }
    ClusterInfo ci = cluster(m, hostNamespace, listenerPort, clientNamespace);
    return new MirrorPolicy(ci.fqdn(), ci.port(), ci.subset(), ci.cluster(), Math.min(100.0, pct));
  }

  ClusterTarget target(
      Destination d,
      String hostNamespace,
      int listenerPort,
      String clientNamespace,
      int weight,
      dev.trafficlab.mesh.model.Headers headers) {
    ClusterInfo ci = cluster(d, hostNamespace, listenerPort, clientNamespace);
    return new ClusterTarget(
        ci.fqdn(),
        ci.port(),
        ci.subset(),
        weight,
        ci.cluster(),
        ci.status(),
        ci.endpoints(),
        ci.trafficPolicy(),
        headers);
  }

  /**
   * Resolves a destination to its cluster: the short host in the writer's namespace, the port
   * (written, else the service's only port, else the listener's), and whether the cluster exists (a
   * DR subset for it) and has pods.
   */
  ClusterInfo cluster(
      Destination d, String hostNamespace, int listenerPort, String clientNamespace) {
    String fqdn = HostNames.fqdn(d.host(), hostNamespace);
    Service svc = servicesByFqdn.get(fqdn);
    int port =
        d.port() != null && d.port() > 0
            ? d.port()
            : svc != null && svc.ports().size() == 1 ? svc.ports().get(0).port() : listenerPort;
    String subset = d.subset() == null ? "" : d.subset();
    String name = HostNames.clusterName(port, subset, fqdn);
    String key = clientNamespace + "|" + name;
    ClusterInfo cached = clusterCache.get(key);
    if (cached != null) {
      return cached;
    }
    ClusterInfo ci = resolveCluster(fqdn, port, subset, name, clientNamespace, svc);
    clusterCache.put(key, ci);
    return ci;
  }

  private ClusterInfo resolveCluster(
      String fqdn, int port, String subset, String name, String clientNamespace, Service svc) {
    boolean external = svc == null && serviceEntryPorts.containsKey(fqdn);
    boolean portExists =
        svc != null
            ? svc.ports().stream().anyMatch(p -> p.port() == port)
            : external
                && (serviceEntryPorts.get(fqdn).isEmpty()
                    || serviceEntryPorts.get(fqdn).contains(port));
    if (!portExists) {
      return new ClusterInfo(
          fqdn, port, subset, name, Outcome.CLUSTER_NOT_FOUND, List.of(), Map.of(), null, external);
    }
    DestinationRules.Merged dr =
        destinationRules.lookup(fqdn, clientNamespace, svc == null ? null : svc.namespace());
    Map<String, String> labels = Map.of();
    Map<String, Object> policy;
    if (subset.isEmpty()) {
      policy =
          dr == null ? Map.of() : DestinationRules.effectivePolicy(dr.trafficPolicy(), null, port);
    } else {
      DestinationRuleSpec.Subset s = dr == null ? null : dr.subsets().get(subset);
      if (s == null) {
        return new ClusterInfo(
            fqdn,
            port,
            subset,
            name,
            Outcome.CLUSTER_NOT_FOUND,
            List.of(),
            Map.of(),
            null,
            external);
      }
      labels = s.labels();
      policy = DestinationRules.effectivePolicy(dr.trafficPolicy(), s.trafficPolicy(), port);
    }
    String drName = dr == null ? null : dr.firstName();
    if (external) {
      return new ClusterInfo(
          fqdn, port, subset, name, Outcome.ROUTE, List.of(), policy, drName, true);
    }
    List<Pod> endpoints = inventory.endpoints(svc, labels);
    return new ClusterInfo(
        fqdn,
        port,
        subset,
        name,
        endpoints.isEmpty() ? Outcome.NO_HEALTHY_UPSTREAM : Outcome.ROUTE,
        endpoints,
        policy,
        drName,
        false);
  }
}
