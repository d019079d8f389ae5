package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRewrite;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * What Envoy would do for one request after istiod's translation.
 *
 * @param origin the VirtualService, rule and match entry this route was compiled from; null on the
 *     default route (and for passthrough)
 * @param outcome ROUTE, NO_ROUTE (404 NR), REDIRECT, CLUSTER_NOT_FOUND (503 NC),
 *     NO_HEALTHY_UPSTREAM (503 UH) or PASSTHROUGH (unknown host, ALLOW_ANY). With several
 *     destinations the outcome is ROUTE unless every destination fails the same way; each target
 *     has its own status.
 * @param destinations weighted clusters (weights sum to 100); empty for NO_ROUTE, REDIRECT,
 *     PASSTHROUGH
 * @param fault effective fault, or null
 * @param timeoutMs route timeout, 0 = disabled
 * @param retries effective retry policy
 * @param mirror mirror policy, or null
 * @param rewrite rewrite as written, or null
 * @param redirect redirect as written, or null
 * @param headers rule-level header operations, or null
 * @param corsPolicy CORS policy as written (Istio field names), or null
 * @param matchedPrefix the uri prefix that matched (for rewrite's prefix replacement): the match's
 *     prefix, "/" for a match (or rule) without uri, null for exact and regex matches
 * @param matchedExact true when the matching uri matcher was exact or regex (rewrite.uri replaces
 *     the whole path); query strings are kept by the rewrite in both cases
 */
public record Decision(
    RouteOrigin origin,
    Outcome outcome,
    List<ClusterTarget> destinations,
    FaultPolicy fault,
    long timeoutMs,
    RetryPolicy retries,
    MirrorPolicy mirror,
    HttpRewrite rewrite,
    HttpRedirect redirect,
    Headers headers,
    Map<String, Object> corsPolicy,
    String matchedPrefix,
    boolean matchedExact) {

  public Decision {
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
  }

  /**
   * A decision that routes nowhere (no route, passthrough), naming the VirtualService when there is
   * one.
   */
  static Decision empty(RouteOrigin origin, Outcome outcome) {
    return new Decision(
        origin,
        outcome,
        List.of(),
        null,
        0,
        RetryPolicy.DISABLED,
        null,
        null,
        null,
        null,
        null,
        null,
        false);
  }

  /**
   * "name.namespace" of the VirtualService whose rule matched (istioctl's naming); null on the
   * default route.
   */
  public String virtualService() {
    return origin == null ? null : origin.displayName();
  }

  /** Index of the http rule in that VirtualService; null on the default route. */
  public Integer rule() {
    return origin == null ? null : origin.rule();
  }

  /** Index of the match entry within the rule; null when the rule has no match. */
  public Integer match() {
    return origin == null ? null : origin.match();
  }

  /** Weighted random choice among the destinations (Envoy's weighted_clusters); random in [0,1). */
  public ClusterTarget pick(DoubleSupplier random) {
    if (destinations.isEmpty()) {
      return null;
    }
    if (destinations.size() == 1) {
      return destinations.get(0);
    }
    int total = 0;
    for (ClusterTarget t : destinations) {
      total += t.weight();
    }
    double r = random.getAsDouble() * total;
    int acc = 0;
    for (ClusterTarget t : destinations) {
      acc += t.weight();
      if (r < acc) {
        return t;
      }
    }
    return destinations.get(destinations.size() - 1);
  }

  /**
   * The path the upstream receives after {@code rewrite.uri}: Envoy's prefix_rewrite replaces the
   * matched prefix (so a "/" match turns /foo into /v1foo with uri /v1), an exact or regex match is
   * replaced whole; the query string is kept. The path itself when there is no uri rewrite.
   */
  public String rewrittenPath(String path) {
    if (rewrite == null || rewrite.uri() == null || rewrite.uri().isEmpty()) {
      return path;
    }
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    String query = q < 0 ? "" : path.substring(q);
    if (matchedExact || matchedPrefix == null) {
      return rewrite.uri() + query;
    }
    return rewrite.uri() + p.substring(Math.min(matchedPrefix.length(), p.length())) + query;
  }

  /** The policy of the first destination: what explain reports as the route's trafficPolicy. */
  public Map<String, Object> trafficPolicy() {
    return destinations.isEmpty() ? null : destinations.get(0).trafficPolicy();
  }
}
