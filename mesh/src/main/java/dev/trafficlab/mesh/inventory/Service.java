package dev.trafficlab.mesh.inventory;

import java.util.List;
import java.util.Map;

/** A Kubernetes Service: its ports (name, number) and pod selector. */
public record Service(String name, String namespace, String clusterIp, List<Port> ports, Map<String, String> selector,
    Map<String, String> labels) {

  public record Port(String name, int port, int targetPort, String protocol) {
  }

  public String fqdn() {
    return name + "." + namespace + ".svc.cluster.local";
  }
}
