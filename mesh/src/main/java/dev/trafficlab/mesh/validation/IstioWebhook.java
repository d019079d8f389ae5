package dev.trafficlab.mesh.validation;

import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.List;

/**
 * The "validation.istio.io" admission webhook of Istio 1.8.1: decodes the (already pruned) spec and
 * runs the kind's validation. Its answer is what kubectl shows after "admission webhook
 * "validation.istio.io" denied the request: ".
 */
public final class IstioWebhook {
  private IstioWebhook() {}

  public static final String NAME = "validation.istio.io";

  /**
   * @param denial the webhook's message when it denies ("configuration is invalid: ..." or "error
   *     decoding configuration: ..."), null when it allows
   * @param errors every validation error on its own, with the position of the offending node
   * @param warnings warnings (returned only when the object is allowed, as Istio does)
   */
  public record Verdict(String denial, List<Problem> errors, List<Problem> warnings) {
    public boolean allowed() {
      return denial == null;
    }
  }

  public static Verdict review(
      ResourceKind kind,
      String name,
      String namespace,
      SchemaCheck.Result schema,
      IstioProfile profile) {
    if (schema.decodeError() != null) {
      return new Verdict(
          "error decoding configuration: " + schema.decodeError(),
          List.of(new Problem(schema.decodeError(), schema.decodeErrorPos())),
          List.of());
    }
    YamlNode spec =
        schema.pruned() == null ? new YamlNode.Mapping(List.of(), Pos.UNKNOWN) : schema.pruned();
    Checks c = new Checks();
    switch (kind) {
      case VIRTUAL_SERVICE -> VirtualServiceRules.validate(c, spec, namespace, profile);
      case DESTINATION_RULE -> DestinationRuleRules.validate(c, spec, namespace, profile);
      case GATEWAY -> GatewayRules.gateway(c, spec, name);
      case SERVICE_ENTRY -> GatewayRules.serviceEntry(c, spec, namespace);
      default -> {}
    }
    if (c.err != null) {
      return new Verdict("configuration is invalid: " + c.err.message(), c.err.items, List.of());
    }
    return new Verdict(null, List.of(), List.copyOf(c.warnings));
  }

  /**
   * The API server's schema step for a spec: pruning, types, enums, oneOf, and the webhook's
   * decoding.
   */
  public static SchemaCheck.Result schema(ResourceKind kind, YamlNode spec) {
    return SchemaCheck.check(spec, CrdSchemas.spec(kind), "spec");
  }
}
