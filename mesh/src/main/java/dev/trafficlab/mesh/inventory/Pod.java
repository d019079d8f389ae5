package dev.trafficlab.mesh.inventory;

import java.util.Map;

/** A running pod of the sandbox's cluster (read-only). {@code workload} is the Deployment name. */
public record Pod(
    String name,
    String namespace,
    String workload,
    Map<String, String> labels,
    String ip,
    String serviceAccount,
    String nodeName) {

  public String app() {
    return labels.getOrDefault("app", "");
  }

  public String version() {
    return labels.getOrDefault("version", "");
  }
}
