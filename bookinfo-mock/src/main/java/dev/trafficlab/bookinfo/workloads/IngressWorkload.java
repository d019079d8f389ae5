package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.sidecar.Outbound;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * istio-ingressgateway reached from inside the mesh (curl istio-ingressgateway.istio-system from a
 * pod): the gateway's Envoy routes the request again, with gateway-bound VirtualServices only.
 */
final class IngressWorkload implements Workload {
  private final Sidecar sidecar;

  IngressWorkload(Sidecar sidecar) {
    this.sidecar = sidecar;
  }

  @Override
  public void handle(Inbound in) {
    HttpServerRequest req = in.request();
    String authority = req.getHeader("host");
    String host = authority == null ? "istio-ingressgateway.istio-system" : authority;
    Integer port = 80;
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      try {
        port = Integer.parseInt(host.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = 80;
      }
      host = host.substring(0, colon);
    }
    String h = host;
    Integer p = port;
    req.body()
        .onComplete(
            ar -> {
              MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
              headers.remove("host");
              headers.remove("content-length");
              var body = ar.succeeded() && ar.result().length() > 0 ? ar.result() : null;
              sidecar
                  .send(
                      in.ctx(),
                      new Outbound(
                          in.pod().name(), h, p, req.method(), req.uri(), headers, body, 0))
                  .onSuccess(r -> HopResponses.write(req.response(), r));
            });
  }
}
