package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.store.Snapshot;

/**
 * What istiod would push to every proxy for one snapshot: per client proxy and service port, the ordered
 * Envoy routes. Compiled once per snapshot so that resolving a request is a lookup and a few matches.
 */
public final class RouteTable {
  private RouteTable() {}

  public static RouteTable compile(Snapshot snapshot) {
    return new RouteTable();
  }

  /** What Envoy does for this request on this table. */
  public Decision resolve(RouteRequest request) {
    throw new UnsupportedOperationException("route resolution is not built yet");
  }
}
