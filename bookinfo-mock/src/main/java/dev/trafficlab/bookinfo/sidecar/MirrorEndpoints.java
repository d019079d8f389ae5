package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.MirrorPolicy;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods behind a mirror cluster. A mirror copy is not routed by VirtualServices: it goes
 * straight to outbound|port|subset|host, whose endpoints are the service's pods narrowed by the
 * DestinationRule subset. An undefined subset means the cluster does not exist and the copy goes
 * nowhere, as in Envoy.
 */
final class MirrorEndpoints {
  private MirrorEndpoints() {}

  static List<Pod> of(Snapshot snapshot, MirrorPolicy mirror) {
    Optional<Service> service = snapshot.inventory().serviceByFqdn(mirror.host());
    if (service.isEmpty()) {
      return List.of();
    }
    if (mirror.subset() == null || mirror.subset().isEmpty()) {
      return snapshot.inventory().endpoints(service.get(), Map.of());
    }
    for (Resource r : snapshot.list(ResourceKind.DESTINATION_RULE, null)) {
      if (r.spec() instanceof DestinationRuleSpec dr
          && fqdn(dr.host(), r.namespace()).equals(mirror.host())) {
        for (DestinationRuleSpec.Subset s : dr.subsets()) {
          if (mirror.subset().equals(s.name())) {
            return snapshot.inventory().endpoints(service.get(), s.labels());
          }
        }
      }
    }
    return List.of();
  }

  private static String fqdn(String host, String namespace) {
    if (host == null) {
      return "";
    }
    return host.contains(".") ? host : host + "." + namespace + ".svc.cluster.local";
  }
}
