package dev.trafficlab.mesh.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service: its ports (name, number) and pod selector.
 *
 * @param type ClusterIP, NodePort or LoadBalancer
 * @param created when it was created ({@link Instant#EPOCH} for the lab's platform)
 */
public record Service(
    String name,
    String namespace,
    String clusterIp,
    List<Port> ports,
    Map<String, String> selector,
    Map<String, String> labels,
    String type,
    Instant created) {

  public Service {
    ports = List.copyOf(ports);
    selector = Map.copyOf(selector);
    labels = Map.copyOf(labels);
    type = type == null ? "ClusterIP" : type;
    created = created == null ? Instant.EPOCH : created;
  }

  public Service(
      String name,
      String namespace,
      String clusterIp,
      List<Port> ports,
      Map<String, String> selector,
      Map<String, String> labels) {
    this(name, namespace, clusterIp, ports, selector, labels, "ClusterIP", Instant.EPOCH);
  }

  /**
   * One port. {@code nodePort} is 0 on a ClusterIP service.
   *
   * @param targetPortName the named targetPort as written (resolved to {@code targetPort} from the
   *     pods' container ports), empty when it was a number
   */
  public record Port(
      String name, int port, int targetPort, String protocol, int nodePort, String targetPortName) {

    public Port {
      name = name == null ? "" : name;
      protocol = protocol == null ? "TCP" : protocol;
      targetPortName = targetPortName == null ? "" : targetPortName;
    }

    /**
     * A port whose node port (on a NodePort or LoadBalancer service) is fixed per port number, in
     * the 30000-32767 range, so kubectl's listing and curl to the node's IP agree.
     */
    public Port(String name, int port, int targetPort, String protocol) {
      this(name, port, targetPort, protocol, defaultNodePort(port), "");
    }

    public static int defaultNodePort(int port) {
      return 30000 + (port * 7 + 31) % 2767;
    }
  }

  public String fqdn() {
    return name + "." + namespace + ".svc.cluster.local";
  }

  /** True for NodePort and LoadBalancer services, whose ports are open on the node. */
  public boolean exposedOnNode() {
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }
}
