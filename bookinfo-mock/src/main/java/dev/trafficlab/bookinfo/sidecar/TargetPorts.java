package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.store.Snapshot;

/**
 * The pod port behind a service port (its targetPort): where Envoy's upstream host points, e.g.
 * httpbin's 8000 is the pod's 80.
 */
final class TargetPorts {
  private TargetPorts() {}

  static int of(Snapshot snapshot, String fqdn, int servicePort) {
    if (snapshot == null || fqdn == null) {
      return servicePort;
    }
    for (Service s : snapshot.inventory().services()) {
      if (s.fqdn().equals(fqdn)) {
        for (Service.Port p : s.ports()) {
          if (p.port() == servicePort) {
            return p.targetPort();
          }
        }
      }
    }
    return servicePort;
  }
}
