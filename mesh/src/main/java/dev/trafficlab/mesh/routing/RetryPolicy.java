package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.GoHttpStatus;
import dev.trafficlab.mesh.model.HttpRetry;
import dev.trafficlab.mesh.model.IstioProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective retry policy of a route (1.8 defaults when retries is absent). attempts 0 = no
 * retries (then retryOn is "" and there are no status codes).
 *
 * @param attempts Envoy num_retries
 * @param retryOn Envoy retry_on, comma separated
 * @param retriableStatusCodes Envoy retriable_status_codes
 * @param perTryTimeoutMs 0 = not set (each try may use the whole route timeout)
 * @param conditions retryOn and the status codes as the data plane reads them; always derived from
 *     the other components (a value passed in is replaced), so equal policies stay equal
 */
public record RetryPolicy(
    int attempts,
    String retryOn,
    List<Integer> retriableStatusCodes,
    long perTryTimeoutMs,
    RetryConditions conditions) {

  public RetryPolicy {
    retriableStatusCodes =
        retriableStatusCodes == null ? List.of() : List.copyOf(retriableStatusCodes);
    conditions = RetryConditions.of(attempts, retryOn, retriableStatusCodes);
  }

  public RetryPolicy(
      int attempts, String retryOn, List<Integer> retriableStatusCodes, long perTryTimeoutMs) {
    this(attempts, retryOn, retriableStatusCodes, perTryTimeoutMs, null);
  }

  /** No retries: what {@code attempts: 0} (or retries without attempts) yields. */
  public static final RetryPolicy DISABLED = new RetryPolicy(0, "", List.of(), 0);

  public boolean enabled() {
    return attempts > 0;
  }

  /**
   * istiod's DefaultPolicy: 2 attempts on connect failures, refused streams, gRPC
   * unavailable/cancelled and 503 (1.8).
   */
  public static RetryPolicy defaults(IstioProfile profile) {
    return new RetryPolicy(
        2, profile.defaultRetryOn(), profile.defaultRetryOn503() ? List.of(503) : List.of(), 0);
  }

  /**
   * retry.ConvertPolicy (pilot/pkg/networking/core/v1alpha3/route/retry/retry.go, 1.8.1): absent =
   * defaults; attempts <= 0 = disabled; otherwise the defaults with the given attempts, and a
   * written retryOn replaces the list (parseRetryOn: trimmed entries, those that Go reads as a
   * named HTTP status become retriable status codes). Only later Istio adds retriable-status-codes
   * when codes are given without it (see the profile).
   */
  public static RetryPolicy of(HttpRetry in, IstioProfile profile) {
    if (in == null) {
      return defaults(profile);
    }
    if (in.attempts() == null || in.attempts() <= 0) {
      return DISABLED;
    }
    RetryPolicy d = defaults(profile);
    String retryOn = d.retryOn();
    List<Integer> codes = d.retriableStatusCodes();
    if (in.retryOn() != null && !in.retryOn().isEmpty()) {
      List<String> policies = new ArrayList<>();
      List<Integer> statuses = new ArrayList<>();
      for (String part : in.retryOn().split(",")) {
        String t = part.strip();
        if (t.isEmpty()) {
          continue;
        }
        int code = GoHttpStatus.statusCode(t);
        if (code > 0) {
          statuses.add(code);
        } else {
          policies.add(t);
        }
      }
      retryOn = String.join(",", policies);
      codes = statuses;
      if (profile.retryOnAddsRetriableStatusCodes()
          && !codes.isEmpty()
          && !retryOn.contains("retriable-status-codes")) {
        retryOn = retryOn + ",retriable-status-codes";
      }
    }
    long perTry = in.perTryTimeoutMs() == null ? 0 : in.perTryTimeoutMs();
    return new RetryPolicy(in.attempts(), retryOn, codes, perTry);
  }
}
