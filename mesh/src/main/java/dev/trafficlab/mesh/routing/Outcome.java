package dev.trafficlab.mesh.routing;

/**
 * What Envoy does with a request; the JSON names are the lower-case forms (no_route,
 * cluster_not_found...).
 */
public enum Outcome {
  ROUTE,
  NO_ROUTE,
  REDIRECT,
  CLUSTER_NOT_FOUND,
  NO_HEALTHY_UPSTREAM,
  PASSTHROUGH;

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
