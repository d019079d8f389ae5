package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.Snapshot;

/**
 * Where a sidecar gets what Envoy would do with a request, on the snapshot the hop read once.
 * Injectable so the sidecar can be tested with hand-made decisions.
 */
@FunctionalInterface
public interface DecisionSource {
  Decision decide(Snapshot snapshot, RouteRequest request);

  /** The real one: the snapshot's compiled route table. */
  static DecisionSource routeTable() {
    return (snapshot, request) -> snapshot.routes().resolve(request);
  }
}
