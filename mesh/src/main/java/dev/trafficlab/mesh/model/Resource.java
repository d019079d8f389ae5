package dev.trafficlab.mesh.model;

import java.util.Map;

/**
 * One object as the API server holds it.
 *
 * @param apiVersion as written (networking.istio.io/v1alpha3 or v1beta1 for Istio kinds)
 * @param spec the typed spec: {@link VirtualServiceSpec}, {@link DestinationRuleSpec}, {@link
 *     GatewaySpec}, {@link ServiceEntrySpec}, or {@link KubeSpec} for the read-only Kubernetes
 *     kinds
 * @param rawSpec the spec exactly as given (JSON-like: LinkedHashMap, List, String, Long, Double,
 *     Boolean, null), kept for kubectl -o yaml/json and for comparing specs on apply
 */
public record Resource(
    ResourceKind kind,
    String apiVersion,
    ObjectMeta meta,
    Object spec,
    Map<String, Object> rawSpec) {

  public ResourceKey key() {
    return new ResourceKey(kind, kind.namespaced() ? meta.namespace() : "", meta.name());
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }
}
