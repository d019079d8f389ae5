package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.routing.RetryPolicy;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Envoy's retry_on conditions for HTTP, parsed once per hop. gRPC-only conditions (cancelled, unavailable...)
 * never match an HTTP/1.1 response, as on a real proxy.
 */
record RetryOn(boolean fiveXx, boolean gatewayError, boolean reset, boolean connectFailure, boolean retriable4xx,
    Set<Integer> codes) {

  static final RetryOn NONE = new RetryOn(false, false, false, false, false, Set.of());

  /**
   * The conditions of a route's policy. Parsed per hop (a split of a short list, well under a microsecond): no
   * process-wide cache shared between sandboxes.
   */
  static RetryOn of(RetryPolicy policy) {
    if (policy == null || policy.attempts() <= 0 || policy.retryOn() == null) {
      return NONE;
    }
    return parse(policy);
  }

  private static RetryOn parse(RetryPolicy policy) {
    boolean fiveXx = false;
    boolean gateway = false;
    boolean reset = false;
    boolean connect = false;
    boolean r4xx = false;
    boolean statusCodes = false;
    Set<Integer> codes = new HashSet<>();
    for (String raw : policy.retryOn().split(",")) {
      String t = raw.trim().toLowerCase(Locale.ROOT);
      switch (t) {
        case "5xx" -> fiveXx = true;
        case "gateway-error" -> gateway = true;
        case "reset" -> reset = true;
        case "connect-failure" -> connect = true;
        case "retriable-4xx" -> r4xx = true;
        case "retriable-status-codes" -> statusCodes = true;
        default -> {
          if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() <= 3) {
            codes.add(Integer.parseInt(t));
          }
        }
      }
    }
    if (statusCodes && policy.retriableStatusCodes() != null) {
      codes.addAll(policy.retriableStatusCodes());
    }
    return new RetryOn(fiveXx, gateway, reset, connect, r4xx, Set.copyOf(codes));
  }

  boolean retriesStatus(int status) {
    return (fiveXx && status >= 500) || (gatewayError && (status == 502 || status == 503 || status == 504))
        || (retriable4xx && status == 409) || codes.contains(status);
  }

  /** A per-try timeout: 5xx, gateway-error and reset cover an upstream that does not answer in time. */
  boolean retriesPerTryTimeout() {
    return fiveXx || gatewayError || reset;
  }

  boolean retriesConnectFailure() {
    return connectFailure || fiveXx || gatewayError || reset;
  }
}
