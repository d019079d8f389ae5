package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Pod;
import java.util.Map;

/**
 * The compiled routes of one proxy: a route table per port (looked up without boxing the port), and
 * for a host called without port, the port of its single-port service ({@code portless}, keyed by
 * lower-case domain).
 */
final class CompiledProxy {
  private final Pod pod;
  private final boolean gateway;
  private final Map<Integer, VirtualHostTable> byPort;
  private final Map<String, Integer> portless;
  private final int[] ports;
  private final VirtualHostTable[] tables;

  CompiledProxy(
      Pod pod,
      boolean gateway,
      Map<Integer, VirtualHostTable> byPort,
      Map<String, Integer> portless) {
    this.pod = pod;
    this.gateway = gateway;
    this.byPort = byPort;
    this.portless = portless;
    this.ports = new int[byPort.size()];
    this.tables = new VirtualHostTable[byPort.size()];
    int i = 0;
    for (Map.Entry<Integer, VirtualHostTable> e : byPort.entrySet()) {
      ports[i] = e.getKey();
      tables[i++] = e.getValue();
    }
  }

  Pod pod() {
    return pod;
  }

  boolean gateway() {
    return gateway;
  }

  Map<Integer, VirtualHostTable> byPort() {
    return byPort;
  }

  Map<String, Integer> portless() {
    return portless;
  }

  VirtualHostTable table(int port) {
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] == port) {
        return tables[i];
      }
    }
    return null;
  }
}
