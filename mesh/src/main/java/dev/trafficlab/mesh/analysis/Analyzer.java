package dev.trafficlab.mesh.analysis;

import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.Destination;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.ServiceEntrySpec;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.TcpRoute;
import dev.trafficlab.mesh.model.TlsRoute;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.routing.HostNames;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * `istioctl analyze` (1.8) over a snapshot, for the VirtualService analyzers the lessons meet:
 * IST0101 ReferencedResourceNotFound (host, mirror host, host+subset and mirror+subset in
 * destinationrule, gateway), IST0109 ConflictingMeshGatewayVirtualServiceHosts, IST0130
 * VirtualServiceUnreachableRule and IST0131 VirtualServiceIneffectiveMatch.
 */
public final class Analyzer {
  private final Snapshot snapshot;
  private final Set<String> knownHosts = new HashSet<>();
  private final List<String> wildcardHosts = new ArrayList<>();
  private final Map<String, Set<String>> subsetsByHost = new HashMap<>();

  private Analyzer(Snapshot snapshot) {
    this.snapshot = snapshot;
    for (Service s : snapshot.inventory().services()) {
      knownHosts.add(s.fqdn());
    }
    for (Resource r : snapshot.list(ResourceKind.SERVICE_ENTRY, null)) {
      if (r.spec() instanceof ServiceEntrySpec se) {
        for (String h : se.hosts()) {
          String f = HostNames.fqdn(h, r.namespace());
          if (f.startsWith("*")) {
            wildcardHosts.add(f);
          } else {
            knownHosts.add(f);
          }
        }
      }
    }
    for (Resource r : snapshot.list(ResourceKind.DESTINATION_RULE, null)) {
      if (r.spec() instanceof DestinationRuleSpec dr && dr.host() != null) {
        Set<String> subsets =
            subsetsByHost.computeIfAbsent(
                HostNames.fqdn(dr.host(), r.namespace()), k -> new HashSet<>());
        for (DestinationRuleSpec.Subset s : dr.subsets()) {
          subsets.add(s.name());
        }
      }
    }
  }

  /**
   * Analyses one namespace ({@code istioctl analyze -n NS}) or, when {@code allNamespaces}, all of
   * them ({@code --all-namespaces}); the namespace is then ignored.
   */
  public static AnalysisResult analyze(Snapshot snapshot, String namespace, boolean allNamespaces) {
    return analyze(snapshot, namespace, allNamespaces, Map.of());
  }

  /**
   * As {@link #analyze(Snapshot, String, boolean)}, for `istioctl analyze FILE...`: the caller
   * applies the files to a copy of the sandbox's state and passes where each of those resources
   * came from, so their messages name the file and line.
   */
  public static AnalysisResult analyze(
      Snapshot snapshot,
      String namespace,
      boolean allNamespaces,
      Map<ResourceKey, SourceFile> files) {
    Analyzer a = new Analyzer(snapshot);
    a.files = files == null ? Map.of() : files;
    return a.run(allNamespaces ? null : namespace);
  }

  private Map<ResourceKey, SourceFile> files = Map.of();

  private AnalysisResult run(String namespace) {
    List<AnalysisMessage> out = new ArrayList<>();
    List<Resource> all =
        snapshot.list(ResourceKind.VIRTUAL_SERVICE, null).stream()
            .filter(r -> r.spec() instanceof VirtualServiceSpec)
            .sorted(
                Comparator.comparing((Resource r) -> r.namespace()).thenComparing(Resource::name))
            .toList();
    for (Resource r : all) {
      if (namespace == null || namespace.equals(r.namespace())) {
        referencedResources(r, out);
        unreachableRules(r, out);
      }
    }
    conflictingMeshHosts(all, namespace, out);
    TreeSet<AnalysisMessage> sorted = new TreeSet<>(ORDER);
    for (AnalysisMessage m : out) {
      SourceFile f =
          files.get(
              new ResourceKey(
                  ResourceKind.byKind(m.kind()).orElseThrow(), m.namespace(), m.name()));
      sorted.add(
          f == null
              ? m
              : new AnalysisMessage(
                  m.level(),
                  m.code(),
                  m.kind(),
                  m.name(),
                  m.namespace(),
                  m.text(),
                  f.file(),
                  f.line()));
    }
    return new AnalysisResult(
        new ArrayList<>(sorted), namespace == null ? "all namespaces" : "namespace: " + namespace);
  }

  /** istioctl's Messages.Sort: level, code, origin, then the whole line. */
  private static final Comparator<AnalysisMessage> ORDER =
      Comparator.comparing((AnalysisMessage m) -> m.level().ordinal())
          .thenComparing(AnalysisMessage::code)
          .thenComparing(AnalysisMessage::origin)
          .thenComparing(AnalysisMessage::format);

  // ---------------------------------------------------------------- IST0101

  private void referencedResources(Resource r, List<AnalysisMessage> out) {
    VirtualServiceSpec vs = (VirtualServiceSpec) r.spec();
    String ns = r.namespace();
    for (Destination d : routeDestinations(vs)) {
      if (d.host() == null) {
        continue;
      }
      if (!hostExists(HostNames.fqdn(d.host(), ns))) {
        out.add(notFound(r, "host", d.host()));
      }
      if (d.subset() != null && !d.subset().isEmpty() && !subsetExists(d, ns)) {
        out.add(notFound(r, "host+subset in destinationrule", d.host() + "+" + d.subset()));
      }
    }
    for (HttpRoute h : vs.http()) {
      Destination m = h.mirror();
      if (m == null || m.host() == null) {
        continue;
      }
      if (!hostExists(HostNames.fqdn(m.host(), ns))) {
        out.add(notFound(r, "mirror host", m.host()));
      }
      if (m.subset() != null && !m.subset().isEmpty() && !subsetExists(m, ns)) {
        out.add(notFound(r, "mirror+subset in destinationrule", m.host() + "+" + m.subset()));
      }
    }
    List<String> gateways = new ArrayList<>(vs.gateways());
    for (HttpRoute h : vs.http()) {
      for (HttpMatchRequest m : h.match()) {
        if (m != null) {
          gateways.addAll(m.gateways());
        }
      }
    }
    for (String g : gateways) {
      if (g.equals("mesh")) {
        continue;
      }
      String gwNs = ns;
      String gwName = g;
      int slash = g.indexOf('/');
      if (slash >= 0) {
        gwNs = g.substring(0, slash);
        gwName = g.substring(slash + 1);
      }
      if (snapshot.get(ResourceKind.GATEWAY, gwNs, gwName).isEmpty()) {
        out.add(notFound(r, "gateway", g));
      }
    }
  }

  private static List<Destination> routeDestinations(VirtualServiceSpec vs) {
    List<Destination> out = new ArrayList<>();
    for (HttpRoute h : vs.http()) {
      for (HttpRouteDestination d : h.route()) {
        if (d.destination() != null) {
          out.add(d.destination());
        }
      }
    }
    for (TcpRoute t : vs.tcp()) {
      if (t.route() != null) {
        t.route().stream()
            .filter(d -> d.destination() != null)
            .forEach(d -> out.add(d.destination()));
      }
    }
    for (TlsRoute t : vs.tls()) {
      if (t.route() != null) {
        t.route().stream()
            .filter(d -> d.destination() != null)
            .forEach(d -> out.add(d.destination()));
      }
    }
    return out;
  }

  private boolean hostExists(String fqdn) {
    if (knownHosts.contains(fqdn)) {
      return true;
    }
    for (String w : wildcardHosts) {
      if (HostNames.wildcardMatches(w, fqdn)) {
        return true;
      }
    }
    return false;
  }

  private boolean subsetExists(Destination d, String ns) {
    Set<String> s = subsetsByHost.get(HostNames.fqdn(d.host(), ns));
    return s != null && s.contains(d.subset());
  }

  private static AnalysisMessage notFound(Resource r, String refType, String value) {
    return new AnalysisMessage(
        AnalysisMessage.Level.ERROR,
        "IST0101",
        r.kind().kind(),
        r.name(),
        r.namespace(),
        "Referenced " + refType + " not found: " + goQuote(value),
        null,
        null);
  }

  /**
   * Go's %q for the plain strings that occur here: double quotes, with backslash and quote escaped.
   */
  static String goQuote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---------------------------------------------------------------- IST0109

  private void conflictingMeshHosts(
      List<Resource> all, String namespace, List<AnalysisMessage> out) {
    Map<String, List<Resource>> byHost = new LinkedHashMap<>();
    for (Resource r : all) {
      VirtualServiceSpec vs = (VirtualServiceSpec) r.spec();
      if (!(vs.gateways().isEmpty() || vs.gateways().contains("mesh"))) {
        continue;
      }
      boolean exportAll = vs.exportTo().isEmpty() || vs.exportTo().contains("*");
      String scope = exportAll ? "*" : r.namespace();
      for (String h : vs.hosts()) {
        String key = scope + "/" + HostNames.fqdn(h, r.namespace());
        List<Resource> list = byHost.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(r)) {
          list.add(r);
        }
      }
    }
    Set<String> reported = new HashSet<>();
    for (Map.Entry<String, List<Resource>> e : byHost.entrySet()) {
      List<Resource> list = e.getValue();
      if (list.size() < 2) {
        continue;
      }
      List<String> names = list.stream().map(r -> r.namespace() + "/" + r.name()).toList();
      for (Resource r : list) {
        if (!reported.add(r.namespace() + "/" + r.name())) {
          continue;
        }
        if (namespace != null && !namespace.equals(r.namespace())) {
          continue;
        }
        out.add(
            new AnalysisMessage(
                AnalysisMessage.Level.ERROR,
                "IST0109",
                r.kind().kind(),
                r.name(),
                r.namespace(),
                "The VirtualServices "
                    + String.join(",", names)
                    + " associated with mesh gateway define the same host "
                    + e.getKey()
                    + " which can lead to undefined behavior. This can be fixed by merging the conflicting "
                    + "VirtualServices into a single resource.",
                null,
                null));
      }
    }
  }

  // ---------------------------------------------------------------- IST0130 / IST0131

  /**
   * analyzeUnreachableHTTPRules: rules after a match-less rule, and rules whose every match repeats
   * an earlier one.
   */
  private void unreachableRules(Resource r, List<AnalysisMessage> out) {
    List<HttpRoute> rules = ((VirtualServiceSpec) r.spec()).http();
    Map<String, Integer> seen = new HashMap<>();
    int emptyMatch = -1;
    for (int i = 0; i < rules.size(); i++) {
      HttpRoute rule = rules.get(i);
      if (rule.match().isEmpty()) {
        if (emptyMatch >= 0) {
          out.add(unreachable(r, ruleName(rule, i), "only the last rule can have no matches"));
        }
        emptyMatch = i;
        continue;
      }
      int duplicates = 0;
      for (int j = 0; j < rule.match().size(); j++) {
        HttpMatchRequest m = rule.match().get(j);
        String key = matchKey(m);
        Integer dup = seen.get(key);
        if (dup != null) {
          out.add(
              new AnalysisMessage(
                  AnalysisMessage.Level.INFO,
                  "IST0131",
                  r.kind().kind(),
                  r.name(),
                  r.namespace(),
                  "VirtualService rule "
                      + ruleName(rule, i)
                      + " match "
                      + matchName(m, j)
                      + " is not used (duplicates a match in rule "
                      + ruleName(rules.get(dup), dup)
                      + ").",
                  null,
                  null));
          duplicates++;
        } else {
          seen.put(key, i);
        }
      }
      if (duplicates == rule.match().size()) {
        out.add(unreachable(r, ruleName(rule, i), "all matches used by prior rules"));
      } else if (emptyMatch >= 0) {
        out.add(unreachable(r, ruleName(rule, i), "route without matches defined before"));
      }
    }
  }

  private static AnalysisMessage unreachable(Resource r, String rule, String reason) {
    return new AnalysisMessage(
        AnalysisMessage.Level.WARNING,
        "IST0130",
        r.kind().kind(),
        r.name(),
        r.namespace(),
        "VirtualService rule " + rule + " not used (" + reason + ").",
        null,
        null);
  }

  private static String ruleName(HttpRoute rule, int i) {
    return rule.name() != null && !rule.name().isEmpty() ? goQuote(rule.name()) : "#" + i;
  }

  private static String matchName(HttpMatchRequest m, int j) {
    return m != null && m.name() != null && !m.name().isEmpty() ? goQuote(m.name()) : "#" + j;
  }

  /**
   * A match's conditions without its name and source position, so equal conditions compare equal.
   */
  private static String matchKey(HttpMatchRequest m) {
    if (m == null) {
      return "{}";
    }
    return String.join(
        "|",
        sm(m.uri()),
        sm(m.scheme()),
        sm(m.method()),
        sm(m.authority()),
        smMap(m.headers()),
        smMap(m.withoutHeaders()),
        smMap(m.queryParams()),
        String.valueOf(m.port()),
        new java.util.TreeMap<>(m.sourceLabels()).toString(),
        String.valueOf(m.sourceNamespace()),
        m.gateways().toString(),
        String.valueOf(m.ignoreUriCase()));
  }

  private static String sm(StringMatch s) {
    return s == null ? "-" : s.type() + ":" + s.value();
  }

  private static String smMap(Map<String, StringMatch> m) {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(m)
        .forEach((k, v) -> sb.append(k).append('=').append(sm(v)).append(';'));
    return sb.toString();
  }
}
