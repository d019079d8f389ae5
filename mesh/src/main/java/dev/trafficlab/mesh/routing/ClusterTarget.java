package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.Headers;
import java.util.List;
import java.util.Map;

/**
 * One weighted destination of a decision, resolved to an Envoy cluster.
 *
 * @param host the destination FQDN (reviews.default.svc.cluster.local)
 * @param subset the subset name, "" when none
 * @param cluster outbound|9080|v2|reviews.default.svc.cluster.local
 * @param status ROUTE when the cluster exists and has endpoints, CLUSTER_NOT_FOUND (undefined
 *     subset or unknown host: 503 NC) or NO_HEALTHY_UPSTREAM (no pod selected: 503 UH)
 * @param endpoints the pods the cluster load-balances over (empty unless status is ROUTE)
 * @param trafficPolicy the effective DestinationRule policy for this cluster (subset policy
 *     replaces the top-level one per field group), Istio field names; empty map when none
 * @param headers destination-level header operations, or null
 *     <p>The data plane picks an endpoint with {@link #loadBalancer()}: ROUND_ROBIN (the 1.8
 *     default) rotates over {@code endpoints}; RANDOM and LEAST_CONN may be approximated by a
 *     random pick.
 */
public record ClusterTarget(
    String host,
    int port,
    String subset,
    int weight,
    String cluster,
    Outcome status,
    List<Pod> endpoints,
    Map<String, Object> trafficPolicy,
    Headers headers) {

  /**
   * The effective loadBalancer.simple of this cluster; ROUND_ROBIN (1.8's default) when not set or
   * consistentHash.
   */
  public String loadBalancer() {
    if (trafficPolicy != null
        && trafficPolicy.get("loadBalancer") instanceof Map<?, ?> lb
        && lb.get("simple") instanceof String s) {
      return s;
    }
    return "ROUND_ROBIN";
  }
}
