package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Service;
import java.util.Locale;
import java.util.Optional;

/**
 * Cluster DNS for a pod: a service by its short name (in the pod's own namespace), name.namespace,
 * name.namespace.svc, its FQDN, or its cluster IP.
 */
public final class ServiceLookup {
  private ServiceLookup() {}

  public static Optional<Service> find(Inventory inventory, String host, String clientNamespace) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (Service s : inventory.services()) {
      String ns = s.namespace();
      if (h.equals(s.clusterIp())
          || h.equals(s.fqdn())
          || h.equals(s.name() + "." + ns)
          || h.equals(s.name() + "." + ns + ".svc")
          || (h.equals(s.name()) && ns.equals(clientNamespace))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
