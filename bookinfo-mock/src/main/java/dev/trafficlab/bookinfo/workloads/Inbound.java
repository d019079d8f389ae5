package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.mesh.inventory.Pod;
import io.vertx.core.http.HttpServerRequest;

/** A request that reached a workload: which sandbox, which pod, and the HTTP exchange to answer. */
public record Inbound(MeshContext ctx, Pod pod, HttpServerRequest request) {

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
}
