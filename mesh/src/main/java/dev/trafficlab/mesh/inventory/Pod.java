package dev.trafficlab.mesh.inventory;

import java.util.Map;

/**
 * A pod of the sandbox's cluster. {@code workload} is the Deployment name; {@code image} is the
 * image of its application container (what the data plane runs as its behaviour); {@code sidecar}
 * says whether an istio-proxy was injected (a pod without one is outside the mesh).
 */
public record Pod(
    String name,
    String namespace,
    String workload,
    Map<String, String> labels,
    String ip,
    String serviceAccount,
    String nodeName,
    String image,
    boolean sidecar) {

  public String app() {
    return labels.getOrDefault("app", "");
  }

  public String version() {
    return labels.getOrDefault("version", "");
  }
}
