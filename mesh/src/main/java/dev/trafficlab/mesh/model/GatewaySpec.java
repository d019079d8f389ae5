package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/** Gateway spec: the selector of the gateway workload and its servers. */
public record GatewaySpec(Map<String, String> selector, List<Server> servers, Pos pos) {

  public GatewaySpec {
    selector = selector == null ? Map.of() : selector;
    servers = servers == null ? List.of() : List.copyOf(servers);
  }

  public record Server(
      Integer portNumber, String portName, String protocol, List<String> hosts, Pos pos) {
    public Server {
      hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
  }
}
