package dev.trafficlab.mesh.routing;

import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the caller's sidecar sees it.
 *
 * @param from the calling pod or deployment name (productpage-v1, reviews-v2-7d79d5bd5d-8zzqd), or
 *     istio-ingressgateway for traffic entering through the ingress
 * @param host the authority as called: reviews, reviews:9080, reviews.default.svc.cluster.local, or
 *     any host
 * @param port the port called; null when the host has no port and the service has a single port
 * @param path the path with its query string (the query is ignored for URI matching)
 * @param headers request headers; names are case-insensitive
 */
public record RouteRequest(
    String from,
    String host,
    Integer port,
    String method,
    String path,
    Map<String, String> headers) {

  public RouteRequest {
    method = method == null ? "GET" : method;
    path = path == null || path.isEmpty() ? "/" : path;
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      h.putAll(headers);
    }
    headers = java.util.Collections.unmodifiableMap(h);
  }

  /** The header value (case-insensitive name), or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
