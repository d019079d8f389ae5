package dev.trafficlab.mesh.model;

import java.util.Map;

/**
 * One object as the API server holds it.
 *
 * @param apiVersion as written (networking.istio.io/v1alpha3 or v1beta1 for Istio kinds)
 * @param spec the typed spec: {@link VirtualServiceSpec}, {@link DestinationRuleSpec}, {@link
 *     GatewaySpec}, {@link ServiceEntrySpec}, or {@link KubeSpec} for the Kubernetes kinds (whose
 *     content lives in rawSpec and body)
 * @param rawSpec the spec exactly as given (JSON-like: LinkedHashMap, List, String, Long, Double,
 *     Boolean, null), kept for kubectl -o yaml/json and for comparing specs on apply
 * @param body the other top-level fields as given (a ConfigMap's data, a Role's rules, a Secret's
 *     type...), everything but apiVersion, kind, metadata, spec and status; empty for most kinds
 * @param type the kind as served; {@link ApiType#of(ResourceKind)} for the kinds with behaviour
 */
public record Resource(
    ResourceKind kind,
    String apiVersion,
    ObjectMeta meta,
    Object spec,
    Map<String, Object> rawSpec,
    Map<String, Object> body,
    ApiType type) {

  public Resource {
    body = body == null ? Map.of() : body;
    type = type == null ? ApiTypes.of(kind) : type;
  }

  public Resource(
      ResourceKind kind,
      String apiVersion,
      ObjectMeta meta,
      Object spec,
      Map<String, Object> rawSpec) {
    this(kind, apiVersion, meta, spec, rawSpec, Map.of(), null);
  }

  public ResourceKey key() {
    return new ResourceKey(
        kind,
        type.namespaced() ? meta.namespace() : "",
        meta.name(),
        kind == ResourceKind.GENERIC ? type.resource() : "");
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }
}
