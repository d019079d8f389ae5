package dev.trafficlab.bookinfo.sidecar;

import java.util.Map;

/**
 * A DestinationRule's connectionPool as Istio 1.8.1 hands it to Envoy (applyConnectionPool): the
 * cluster's default-priority thresholds start at 2^32-1 each (Istio's, not Envoy's 1024), and only
 * fields set above zero replace them: tcp.maxConnections → max_connections,
 * http.http1MaxPendingRequests → max_pending_requests, http.http2MaxRequests → max_requests;
 * http.maxRequestsPerConnection is the cluster's max_requests_per_connection (0: unlimited).
 */
record CircuitBreaker(
    long maxConnections, long maxPendingRequests, long maxRequests, long maxRequestsPerConnection) {

  static final long UNLIMITED = 4294967295L;

  /** The local reply Envoy's router sends when the pool refuses a request (exact). */
  static final String OVERFLOW_BODY =
      "upstream connect error or disconnect/reset before headers. reset reason: overflow";

  static final CircuitBreaker NONE = new CircuitBreaker(UNLIMITED, UNLIMITED, UNLIMITED, 0);

  /** The thresholds of a cluster's traffic policy, or null when it sets no connectionPool. */
  static CircuitBreaker of(Map<String, Object> trafficPolicy) {
    if (trafficPolicy == null || !(trafficPolicy.get("connectionPool") instanceof Map<?, ?> pool)) {
      return null;
    }
    long connections = UNLIMITED;
    long pending = UNLIMITED;
    long requests = UNLIMITED;
    long perConnection = 0;
    if (pool.get("tcp") instanceof Map<?, ?> tcp) {
      connections = positive(tcp.get("maxConnections"), connections);
    }
    if (pool.get("http") instanceof Map<?, ?> http) {
      pending = positive(http.get("http1MaxPendingRequests"), pending);
      requests = positive(http.get("http2MaxRequests"), requests);
      perConnection = positive(http.get("maxRequestsPerConnection"), 0);
    }
    return new CircuitBreaker(connections, pending, requests, perConnection);
  }

  private static long positive(Object v, long otherwise) {
    return v instanceof Number n && n.longValue() > 0 ? n.longValue() : otherwise;
  }
}
