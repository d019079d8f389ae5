package dev.trafficlab.mesh.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled Envoy RouteConfiguration: virtual hosts indexed by domain. Envoy's order of
 * preference is an exact domain, then the longest suffix wildcard ("*.example.com"), then "*".
 */
final class VirtualHostTable {
  /**
   * A compiled virtual host. {@code noRoute} is the decision when none of its routes matches (404
   * NR).
   */
  record VHost(String name, List<String> domains, CompiledRoute[] routes, Decision noRoute) {}

  final String name;
  final int port;
  final List<VHost> virtualHosts;
  private final Map<String, VHost> exact = new HashMap<>();
  private final List<Map.Entry<String, VHost>> suffixes = new ArrayList<>();
  private VHost star;

  VirtualHostTable(String name, int port, List<VHost> virtualHosts) {
    this.name = name;
    this.port = port;
    this.virtualHosts = List.copyOf(virtualHosts);
    for (VHost v : virtualHosts) {
      for (String d : v.domains()) {
        if (d.equals("*")) {
          if (star == null) {
            star = v;
          }
        } else if (d.startsWith("*")) {
          suffixes.add(Map.entry(d.substring(1), v));
        } else {
          exact.putIfAbsent(
              d, v); // a later vhost claiming the same domain is dropped ("duplicate domain")
        }
      }
    }
    suffixes.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
  }

  /** host is lower case, as called (with or without port). */
  VHost find(String host) {
    VHost v = exact.get(host);
    if (v != null) {
      return v;
    }
    for (int i = 0; i < suffixes.size(); i++) {
      Map.Entry<String, VHost> e = suffixes.get(i);
      if (host.length() > e.getKey().length() && host.endsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return star;
  }
}
