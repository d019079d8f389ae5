package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * istiod's host name rules (ResolveShortnameToFQDN) and the domains of a service's virtual host.
 */
public final class HostNames {
  public static final String DOMAIN_SUFFIX = "svc.cluster.local";

  private HostNames() {}

  /**
   * A name without a dot becomes name.namespace.svc.cluster.local, in the namespace of the object
   * that wrote it (not the service's). Anything containing a dot, and wildcards, are taken as
   * written: reviews.default is NOT expanded.
   */
  public static String fqdn(String host, String namespace) {
    if (host == null || host.isEmpty()) {
      return host;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("*") || h.indexOf('.') >= 0) {
      return h;
    }
    return h + "." + namespace + "." + DOMAIN_SUFFIX;
  }

  /**
   * "*" matches everything, "*.foo.com" matches any name ending in ".foo.com"; else equality
   * (case-insensitive).
   */
  public static boolean wildcardMatches(String pattern, String host) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.startsWith("*")) {
      String suffix = pattern.substring(1);
      return host.length() > suffix.length()
          && host.regionMatches(true, host.length() - suffix.length(), suffix, 0, suffix.length());
    }
    return pattern.equalsIgnoreCase(host);
  }

  /**
   * The domains istiod lists for a service port's virtual host, as seen from a client in {@code
   * clientNamespace}: FQDN, the shorter forms the client's search path allows (the bare name only
   * from the same namespace), and the ClusterIP; each with and without the port.
   */
  static List<String> serviceDomains(Service s, int port, String clientNamespace) {
    List<String> names = new ArrayList<>();
    names.add(s.fqdn());
    if (s.namespace().equals(clientNamespace)) {
      names.add(s.name());
    }
    names.add(s.name() + "." + s.namespace() + ".svc.cluster");
    names.add(s.name() + "." + s.namespace() + ".svc");
    names.add(s.name() + "." + s.namespace());
    if (s.clusterIp() != null && !s.clusterIp().isEmpty()) {
      names.add(s.clusterIp());
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(n.toLowerCase(Locale.ROOT));
      out.add(n.toLowerCase(Locale.ROOT) + ":" + port);
    }
    return List.copyOf(out);
  }

  /** The Envoy cluster name: outbound|port|subset|fqdn (subset empty when none). */
  public static String clusterName(int port, String subset, String fqdn) {
    return "outbound|" + port + "|" + (subset == null ? "" : subset) + "|" + fqdn;
  }
}
