package dev.trafficlab.bookinfo.sidecar;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One request as an application hands it to its sidecar.
 *
 * @param fromPod the calling pod's full name (istio-ingressgateway-... at the ingress)
 * @param host the host as called, without port (reviews, istio-ingressgateway.istio-system,
 *     localhost)
 * @param port the port as called, null when none was given
 * @param path path with query string
 * @param body request body, or null
 * @param callerTimeoutMs the application's own timeout for this call (0 = none): when it passes the
 *     caller has hung up, the hop ends with status 0 (Envoy's DC) and the upstream connection is
 *     closed
 */
public record Outbound(
    String fromPod,
    String host,
    Integer port,
    HttpMethod method,
    String path,
    MultiMap headers,
    Buffer body,
    long callerTimeoutMs) {

  public String authority() {
    return port == null ? host : host + ":" + port;
  }
}
