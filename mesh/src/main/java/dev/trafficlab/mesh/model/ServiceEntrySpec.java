package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/**
 * ServiceEntry spec: its hosts join the registry; HTTP ports get virtual hosts in the sidecars'
 * route tables (RouteCompiler), and the lab's simulated external hosts answer through them.
 */
public record ServiceEntrySpec(
    List<String> hosts,
    List<Map<String, Object>> ports,
    String resolution,
    String location,
    Pos pos) {

  public ServiceEntrySpec {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }
}
