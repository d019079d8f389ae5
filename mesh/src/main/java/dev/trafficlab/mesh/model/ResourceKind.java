package dev.trafficlab.mesh.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind the sandbox gives behaviour to, with the names kubectl accepts for it. Istio kinds and
 * the Kubernetes workload kinds are writable; ReplicaSets, Endpoints, Events and the Node are
 * derived by the lab's controller. Any other kind is {@link #GENERIC}: stored and listed, described
 * by an {@link ApiType}.
 */
public enum ResourceKind {
  VIRTUAL_SERVICE(
      "VirtualService",
      "virtualservices",
      "virtualservice",
      "networking.istio.io",
      true,
      true,
      "vs"),
  DESTINATION_RULE(
      "DestinationRule",
      "destinationrules",
      "destinationrule",
      "networking.istio.io",
      true,
      true,
      "dr"),
  GATEWAY("Gateway", "gateways", "gateway", "networking.istio.io", true, true, "gw"),
  SERVICE_ENTRY(
      "ServiceEntry", "serviceentries", "serviceentry", "networking.istio.io", true, true, "se"),
  NAMESPACE("Namespace", "namespaces", "namespace", "", false, false, "ns"),
  SERVICE("Service", "services", "service", "", true, false, "svc"),
  DEPLOYMENT("Deployment", "deployments", "deployment", "apps", true, false, "deploy"),
  POD("Pod", "pods", "pod", "", true, false, "po"),
  SERVICE_ACCOUNT("ServiceAccount", "serviceaccounts", "serviceaccount", "", true, false, "sa"),
  CONFIG_MAP("ConfigMap", "configmaps", "configmap", "", true, false, "cm"),
  SECRET("Secret", "secrets", "secret", "", true, false, ""),
  /** Derived from Deployments by the lab's controller; listable, never applied. */
  REPLICA_SET("ReplicaSet", "replicasets", "replicaset", "apps", true, false, "rs"),
  /** Derived from Services and ready pods; listable, never applied. */
  ENDPOINTS("Endpoints", "endpoints", "endpoints", "", true, false, "ep"),
  /** Recorded by the controller and computed from pod lifecycles; listable, never applied. */
  EVENT("Event", "events", "event", "", true, false, "ev"),
  /** The one node of the lab's cluster. */
  NODE("Node", "nodes", "node", "", false, false, "no"),
  /**
   * Any other kind (RBAC, webhooks, CRDs and their custom resources...): stored and listed, with no
   * behaviour. The object's own {@link ApiType} says which kind it is.
   */
  GENERIC("", "", "", "", true, false, "");

  private final String kind;
  private final String plural;
  private final String singular;
  private final String group;
  private final boolean namespaced;
  private final boolean istio;
  private final String shortName;

  ResourceKind(
      String kind,
      String plural,
      String singular,
      String group,
      boolean namespaced,
      boolean istio,
      String shortName) {
    this.kind = kind;
    this.plural = plural;
    this.singular = singular;
    this.group = group;
    this.namespaced = namespaced;
    this.istio = istio;
    this.shortName = shortName;
  }

  /** The `kind:` field value, e.g. VirtualService. */
  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String singular() {
    return singular;
  }

  /** API group; empty for the core group. */
  public String group() {
    return group;
  }

  public boolean namespaced() {
    return namespaced;
  }

  /** True for networking.istio.io kinds, which the learner may apply and delete. */
  public boolean istio() {
    return istio;
  }

  /**
   * True for the kinds the lab's controller derives (ReplicaSet, Endpoints, Event, Node): listable
   * but never applied.
   */
  public boolean derived() {
    return this == REPLICA_SET || this == ENDPOINTS || this == EVENT || this == NODE;
  }

  /** True for the kinds kubectl apply may write: every kind but the derived ones. */
  public boolean writable() {
    return !derived();
  }

  public String shortName() {
    return shortName;
  }

  /**
   * kubectl's "resource.group" form used in output lines: virtualservice.networking.istio.io, pod,
   * deployment.apps.
   */
  public String qualifiedSingular() {
    return group.isEmpty() ? singular : singular + "." + group;
  }

  /**
   * kubectl's "resources.group" form used in NotFound errors: virtualservices.networking.istio.io.
   */
  public String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  public List<String> apiVersions() {
    return switch (this) {
      case VIRTUAL_SERVICE, DESTINATION_RULE, GATEWAY, SERVICE_ENTRY ->
          List.of("networking.istio.io/v1alpha3", "networking.istio.io/v1beta1");
      case DEPLOYMENT, REPLICA_SET -> List.of("apps/v1");
      case GENERIC -> List.of();
      default -> List.of("v1");
    };
  }

  /** The kind named by a `kind:` field (exact, as the API server requires). */
  public static Optional<ResourceKind> byKind(String kind) {
    return Arrays.stream(values()).filter(k -> k != GENERIC && k.kind.equals(kind)).findFirst();
  }

  /**
   * The kind named on a kubectl command line: plural, singular, short name or Kind, any case,
   * optionally with its group (virtualservices.networking.istio.io).
   */
  public static Optional<ResourceKind> byCommandLineName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k != GENERIC && !n.isEmpty())
        .filter(
            k ->
                n.equals(k.plural)
                    || n.equals(k.singular)
                    || (!k.shortName.isEmpty() && n.equals(k.shortName))
                    || n.equals(k.kind.toLowerCase(Locale.ROOT))
                    || (!k.group.isEmpty()
                        && (n.equals(k.plural + "." + k.group)
                            || n.equals(k.singular + "." + k.group))))
        .findFirst();
  }
}
