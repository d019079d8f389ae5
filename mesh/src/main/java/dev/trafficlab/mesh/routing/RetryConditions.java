package dev.trafficlab.mesh.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Envoy's retry_on conditions for HTTP, as the data plane reads them. Parsed once when the route is
 * compiled, so the parse lives as long as the route table that holds it. gRPC-only conditions
 * (cancelled, unavailable...) never match an HTTP/1.1 response, as on a real proxy.
 */
public record RetryConditions(
    boolean fiveXx,
    boolean gatewayError,
    boolean reset,
    boolean connectFailure,
    boolean retriable4xx,
    Set<Integer> codes) {

  public static final RetryConditions NONE =
      new RetryConditions(false, false, false, false, false, Set.of());

  public RetryConditions {
    codes = Set.copyOf(codes);
  }

  /** The conditions of a policy: none when it retries nothing (attempts 0 or no retry_on). */
  static RetryConditions of(int attempts, String retryOn, List<Integer> retriableStatusCodes) {
    if (attempts <= 0 || retryOn == null) {
      return NONE;
    }
    boolean fiveXx = false;
    boolean gateway = false;
    boolean reset = false;
    boolean connect = false;
    boolean r4xx = false;
    boolean statusCodes = false;
    Set<Integer> codes = new HashSet<>();
    for (String raw : retryOn.split(",")) {
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
    if (statusCodes && retriableStatusCodes != null) {
      codes.addAll(retriableStatusCodes);
    }
    return new RetryConditions(fiveXx, gateway, reset, connect, r4xx, codes);
  }

  public boolean retriesStatus(int status) {
    return (fiveXx && status >= 500)
        || (gatewayError && (status == 502 || status == 503 || status == 504))
        || (retriable4xx && status == 409)
        || codes.contains(status);
  }

  /**
   * A per-try timeout: 5xx, gateway-error and reset cover an upstream that does not answer in time.
   */
  public boolean retriesPerTryTimeout() {
    return fiveXx || gatewayError || reset;
  }

  public boolean retriesConnectFailure() {
    return connectFailure || fiveXx || gatewayError || reset;
  }
}
