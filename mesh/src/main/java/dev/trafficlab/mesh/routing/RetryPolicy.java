package dev.trafficlab.mesh.routing;

import java.util.List;

/** The effective retry policy of a route (1.8 defaults when retries is absent). attempts 0 = no retries. */
public record RetryPolicy(int attempts, String retryOn, List<Integer> retriableStatusCodes, long perTryTimeoutMs) {
}
