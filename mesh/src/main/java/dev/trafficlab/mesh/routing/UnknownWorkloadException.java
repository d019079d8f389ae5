package dev.trafficlab.mesh.routing;

/**
 * The caller named by a request is no pod or deployment with a proxy in this sandbox (a 4xx for the
 * API).
 */
public final class UnknownWorkloadException extends IllegalArgumentException {
  private final String workload;

  public UnknownWorkloadException(String workload) {
    super("pod or deployment \"" + workload + "\" not found (or it has no Istio proxy)");
    this.workload = workload;
  }

  public String workload() {
    return workload;
  }
}
