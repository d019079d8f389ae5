package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Pod;
import java.util.Map;

/**
 * The compiled routes of one proxy: a route table per port, and for a host called without port, the port of its
 * single-port service. {@code vhostPorts} maps a bare domain to that port.
 */
record CompiledProxy(Pod pod, boolean gateway, Map<Integer, VirtualHostTable> byPort, Map<String, Integer> portless) {
}
