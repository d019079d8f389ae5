package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DestinationRules of one config state, indexed and looked up as istiod 1.8.1 does
 * (push_context.go SetDestinationRules and DestinationRule, destination_rule.go
 * mergeDestinationRule): within one namespace the DRs for the same host are merged in creation
 * order (subsets unioned, the first definition of a name winning; the first trafficPolicy set; the
 * first exportTo written), and a lookup takes the most specific host (MostSpecificHostMatch: the
 * exact host, else the longest matching wildcard). The namespaces tried are the client's (for a
 * proxy in the root namespace, only its DRs private to it), then the service's, then the root
 * namespace istio-system, the last two only among DRs exported beyond their namespace and to the
 * client.
 */
final class DestinationRules {
  static final String ROOT_NAMESPACE = "istio-system";

  /** A merged rule for one host as one client sees it. */
  record Merged(
      String host,
      String firstName,
      Map<String, Object> trafficPolicy,
      Map<String, DestinationRuleSpec.Subset> subsets) {}

  private record Entry(Resource resource, DestinationRuleSpec spec, String fqdn) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * @param destinationRules the DestinationRule objects of one config state, in any order
   */
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
   * The merged DR for {@code fqdn} seen from {@code clientNamespace}; {@code hostNamespace} is the
   * namespace of the service (null for hosts outside the registry). Null when no DR applies.
   */
  Merged lookup(String fqdn, String clientNamespace, String hostNamespace) {
    Merged m;
    if (!ROOT_NAMESPACE.equals(clientNamespace)) {
      m = mostSpecific(clientNamespace, fqdn, DestinationRules::namespaceLocal);
    } else {
      m = mostSpecific(ROOT_NAMESPACE, fqdn, DestinationRules::privateOnly);
    }
    if (m == null && hostNamespace != null) {
      m = exported(hostNamespace, fqdn, clientNamespace);
    }
    return m != null ? m : exported(ROOT_NAMESPACE, fqdn, clientNamespace);
  }

  /**
   * namespaceLocal: exported to everyone, to its own namespace (by "." or by name), or without
   * exportTo.
   */
  private static boolean namespaceLocal(Entry e) {
    List<String> x = e.spec.exportTo();
    return x.isEmpty() || x.contains("*") || x.contains(".") || x.contains(e.resource.namespace());
  }

  private static boolean privateOnly(Entry e) {
    return e.spec.exportTo().size() == 1 && e.spec.exportTo().get(0).equals(".");
  }

  private Merged exported(String namespace, String fqdn, String clientNamespace) {
    Merged m = mostSpecific(namespace, fqdn, e -> !privateOnly(e));
    if (m == null) {
      return null;
    }
    // the merged rule's exportTo: the first one written among its DRs
    List<String> exportTo = List.of();
    for (Entry e : entries) {
      if (e.resource.namespace().equals(namespace)
          && e.fqdn.equals(m.host())
          && !privateOnly(e)
          && !e.spec.exportTo().isEmpty()) {
        exportTo = e.spec.exportTo();
        break;
      }
    }
    return exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(clientNamespace)
        ? m
        : null;
  }

  /**
   * MostSpecificHostMatch over the DR hosts of one namespace's index, then the merge of that host's
   * DRs.
   */
  private Merged mostSpecific(
      String namespace, String fqdn, java.util.function.Predicate<Entry> inIndex) {
    String best = null;
    for (Entry e : entries) {
      if (!e.resource.namespace().equals(namespace) || !inIndex.test(e)) {
        continue;
      }
      if (e.fqdn.equals(fqdn)) {
        best = fqdn;
        break;
      }
      if (e.fqdn.startsWith("*")
          && HostNames.wildcardMatches(e.fqdn, fqdn)
          && moreSpecific(e.fqdn, best)) {
        best = e.fqdn;
      }
    }
    if (best == null) {
      return null;
    }
    Entry first = null;
    Map<String, Object> top = null;
    Map<String, DestinationRuleSpec.Subset> subsets = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (!e.resource.namespace().equals(namespace) || !inIndex.test(e) || !e.fqdn.equals(best)) {
        continue;
      }
      if (first == null) {
        first = e;
      }
      if (top == null && e.spec.trafficPolicy() != null) {
        top = e.spec.trafficPolicy();
      }
      for (DestinationRuleSpec.Subset s : e.spec.subsets()) {
        subsets.putIfAbsent(s.name(), s);
      }
    }
    return new Merged(fqdn, first.resource.name() + "." + first.resource.namespace(), top, subsets);
  }

  /** host.Names order: longer wildcards first, then alphabetical. */
  private static boolean moreSpecific(String candidate, String best) {
    if (best == null) {
      return true;
    }
    return candidate.length() != best.length()
        ? candidate.length() > best.length()
        : candidate.compareTo(best) < 0;
  }

  /**
   * MergeTrafficPolicy: top-level port settings first, then each of connectionPool,
   * outlierDetection, loadBalancer and tls set on the subset replaces the top-level one wholesale;
   * a matching port-level setting replaces all four (unset ones fall back to defaults, they are not
   * inherited).
   */
  static Map<String, Object> effectivePolicy(
      Map<String, Object> top, Map<String, Object> subset, int port) {
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
      // 1.8 only warns about the deprecated consecutiveErrors and never translates it: Envoy's
      // default applies.
      Map<Object, Object> copy = new LinkedHashMap<>(m);
      copy.remove("consecutiveErrors");
      out.put("outlierDetection", copy);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static final List<String> GROUPS =
      List.of("connectionPool", "outlierDetection", "loadBalancer", "tls");

  private static void applyWhole(Map<String, Object> out, Map<String, Object> policy) {
    for (String k : GROUPS) {
      if (policy.get(k) != null) {
        out.put(k, policy.get(k));
      }
    }
  }

  private static void applyPortLevel(
      Map<String, Object> out, Map<String, Object> policy, int port) {
    if (!(policy.get("portLevelSettings") instanceof List<?> settings)) {
      return;
    }
    for (Object o : settings) {
      if (o instanceof Map<?, ?> pls
          && pls.get("port") instanceof Map<?, ?> p
          && p.get("number") instanceof Number n
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
