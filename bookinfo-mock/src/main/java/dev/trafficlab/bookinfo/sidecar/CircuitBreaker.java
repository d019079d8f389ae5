package dev.trafficlab.bookinfo.sidecar;

import java.util.Map;

/**
 * The DestinationRule connectionPool as Envoy's circuit breakers, approximated: a client proxy may
 * have at most maxConnections + http1MaxPendingRequests requests in flight to one cluster (one
 * request per HTTP/1.1 connection plus the pending queue), and at most http2MaxRequests; beyond
 * that the request overflows (503 UO). Queued requests are not delayed here, only counted.
 */
final class CircuitBreaker {
  private CircuitBreaker() {}

  static final String OVERFLOW_BODY =
      "upstream connect error or disconnect/reset before headers. reset reason: overflow";

  /** The most requests in flight the policy allows, or Integer.MAX_VALUE when it sets no limit. */
  static int limit(Map<String, Object> trafficPolicy) {
    if (trafficPolicy == null || !(trafficPolicy.get("connectionPool") instanceof Map<?, ?> pool)) {
      return Integer.MAX_VALUE;
    }
    long connections = Long.MAX_VALUE;
    long pending = Long.MAX_VALUE;
    long requests = Long.MAX_VALUE;
    if (pool.get("tcp") instanceof Map<?, ?> tcp
        && tcp.get("maxConnections") instanceof Number n
        && n.longValue() > 0) {
      connections = n.longValue();
    }
    if (pool.get("http") instanceof Map<?, ?> http) {
      if (http.get("http1MaxPendingRequests") instanceof Number n && n.longValue() > 0) {
        pending = n.longValue();
      }
      if (http.get("http2MaxRequests") instanceof Number n && n.longValue() > 0) {
        requests = n.longValue();
      }
    }
    long limit = requests;
    if (connections != Long.MAX_VALUE) {
      limit = Math.min(limit, pending == Long.MAX_VALUE ? Long.MAX_VALUE : connections + pending);
      if (pending == Long.MAX_VALUE) {
        // Envoy's default pending queue (1024 in Istio's translation) rarely overflows before
        // connections do.
        limit = Math.min(limit, connections + 1024);
      }
    } else if (pending != Long.MAX_VALUE) {
      limit = Math.min(limit, 1024 + pending);
    }
    return limit >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) limit;
  }
}
