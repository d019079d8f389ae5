package dev.trafficlab.mesh.inventory;

import java.util.List;
import java.util.Map;

/** A Kubernetes Service: its ports (name, number) and pod selector. */
public record Service(
    String name,
    String namespace,
    String clusterIp,
    List<Port> ports,
    Map<String, String> selector,
    Map<String, String> labels) {

  public record Port(String name, int port, int targetPort, String protocol) {

    /**
     * The NodePort the lab's cluster gives this port on a LoadBalancer service: fixed per port
     * number, in the 30000-32767 range, so kubectl's listing and curl to the node's IP agree.
     */
    public int nodePort() {
      return 30000 + (port * 7 + 31) % 2767;
    }
  }

  public String fqdn() {
    return name + "." + namespace + ".svc.cluster.local";
  }
}
