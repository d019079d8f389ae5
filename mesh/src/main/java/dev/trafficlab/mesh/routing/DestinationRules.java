package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DestinationRules of one config state, merged the way istiod merges them (mergeDestinationRule): for one host,
 * the DRs of one namespace are combined in creation order; subsets are unioned with the first definition of a
 * name winning, and the top-level trafficPolicy is the first one set. The namespace looked at is the client's,
 * then the host's, then the root namespace istio-system.
 */
final class DestinationRules {
  static final String ROOT_NAMESPACE = "istio-system";

  /** A merged rule for one host as one client sees it. */
  record Merged(String host, String firstName, Map<String, Object> trafficPolicy,
      Map<String, DestinationRuleSpec.Subset> subsets) {
  }

  private record Entry(Resource resource, DestinationRuleSpec spec, String fqdn) {
  }

  private final List<Entry> entries = new ArrayList<>();

  /** @param destinationRules the DestinationRule objects of one config state, in any order */
  DestinationRules(List<Resource> destinationRules) {
    for (Resource r : Ordering.sorted(destinationRules)) {
      if (r.spec() instanceof DestinationRuleSpec spec && spec.host() != null) {
        entries.add(new Entry(r, spec, HostNames.fqdn(spec.host(), r.namespace())));
      }
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The merged DR for {@code fqdn} seen from {@code clientNamespace}; {@code hostNamespace} is the namespace of the
   * service (null for hosts outside the registry). Null when no DR applies.
   */
  Merged lookup(String fqdn, String clientNamespace, String hostNamespace) {
    Merged m = mergedIn(clientNamespace, fqdn, clientNamespace);
    if (m == null && hostNamespace != null && !hostNamespace.equals(clientNamespace)) {
      m = mergedIn(hostNamespace, fqdn, clientNamespace);
    }
    if (m == null && !ROOT_NAMESPACE.equals(clientNamespace) && !ROOT_NAMESPACE.equals(hostNamespace)) {
      m = mergedIn(ROOT_NAMESPACE, fqdn, clientNamespace);
    }
    return m;
  }

  private Merged mergedIn(String namespace, String fqdn, String clientNamespace) {
    List<Entry> exact = new ArrayList<>();
    List<Entry> wild = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.resource.namespace().equals(namespace)
          || !Ordering.visible(e.spec.exportTo(), namespace, clientNamespace)) {
        continue;
      }
      if (e.fqdn.equals(fqdn)) {
        exact.add(e);
      } else if (e.fqdn.startsWith("*") && HostNames.wildcardMatches(e.fqdn, fqdn)) {
        wild.add(e);
      }
    }
    List<Entry> use = exact.isEmpty() ? wild : exact;
    if (use.isEmpty()) {
      return null;
    }
    Map<String, Object> top = null;
    Map<String, DestinationRuleSpec.Subset> subsets = new LinkedHashMap<>();
    for (Entry e : use) {
      if (top == null && e.spec.trafficPolicy() != null && !e.spec.trafficPolicy().isEmpty()) {
        top = e.spec.trafficPolicy();
      }
      for (DestinationRuleSpec.Subset s : e.spec.subsets()) {
        subsets.putIfAbsent(s.name(), s);
      }
    }
    Entry first = use.get(0);
    return new Merged(fqdn, first.resource.name() + "." + first.resource.namespace(), top, subsets);
  }

  /**
   * MergeTrafficPolicy: top-level port settings first, then each of connectionPool, outlierDetection,
   * loadBalancer and tls set on the subset replaces the top-level one wholesale; a matching port-level setting
   * replaces all four (unset ones fall back to defaults, they are not inherited).
   */
  static Map<String, Object> effectivePolicy(Map<String, Object> top, Map<String, Object> subset, int port) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (top != null) {
      applyWhole(out, top);
      applyPortLevel(out, top, port);
    }
    if (subset != null) {
      for (String k : GROUPS) {
        if (subset.get(k) != null) {
          out.put(k, subset.get(k));
        }
      }
      applyPortLevel(out, subset, port);
    }
    Object od = out.get("outlierDetection");
    if (od instanceof Map<?, ?> m && m.containsKey("consecutiveErrors")) {
      // 1.8 only warns about the deprecated consecutiveErrors and never translates it: Envoy's default applies.
      Map<Object, Object> copy = new LinkedHashMap<>(m);
      copy.remove("consecutiveErrors");
      out.put("outlierDetection", copy);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static final List<String> GROUPS = List.of("connectionPool", "outlierDetection", "loadBalancer", "tls");

  private static void applyWhole(Map<String, Object> out, Map<String, Object> policy) {
    for (String k : GROUPS) {
      if (policy.get(k) != null) {
        out.put(k, policy.get(k));
      }
    }
  }

  private static void applyPortLevel(Map<String, Object> out, Map<String, Object> policy, int port) {
    if (!(policy.get("portLevelSettings") instanceof List<?> settings)) {
      return;
    }
    for (Object o : settings) {
      if (o instanceof Map<?, ?> pls && pls.get("port") instanceof Map<?, ?> p && p.get("number") instanceof Number n
          && n.intValue() == port) {
        out.clear();
        for (String k : GROUPS) {
          if (pls.get(k) != null) {
            out.put(k, pls.get(k));
          }
        }
        return;
      }
    }
  }
}
