package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.images.ContainerLogs;
import dev.trafficlab.mesh.inventory.Pod;
import io.vertx.core.http.HttpServerRequest;

/**
 * A request that reached a workload: which sandbox, which pod, and the HTTP exchange to answer.
 *
 * @param caller the pod the request came from (null when unknown: a benchmark's direct call)
 * @param logs the sandbox's application container logs (null in tests that need none)
 */
public record Inbound(
    MeshContext ctx, Pod pod, HttpServerRequest request, Pod caller, ContainerLogs logs) {

  public Inbound(MeshContext ctx, Pod pod, HttpServerRequest request) {
    this(ctx, pod, request, null, null);
  }

  /** The path without its query string. */
  public String path() {
    return request.path();
  }

  public void reply(int status, String contentType, String body) {
    var r = request.response().setStatusCode(status);
    if (contentType != null) {
      r.putHeader("content-type", contentType);
    }
    r.end(body);
  }

  public void json(int status, String body) {
    reply(status, "application/json", body);
  }

  /** True when the caller's own Envoy sent this request (a sidecar or a gateway). */
  public boolean fromEnvoy() {
    return caller != null && (caller.sidecar() || isGateway(caller));
  }

  static boolean isGateway(Pod p) {
    String istio = p.labels().get("istio");
    return "ingressgateway".equals(istio) || "egressgateway".equals(istio);
  }

  /** Appends a line to this pod's container log, when the sandbox keeps logs. */
  public void log(String line) {
    if (logs != null) {
      logs.append(pod.name(), line);
    }
  }
}
