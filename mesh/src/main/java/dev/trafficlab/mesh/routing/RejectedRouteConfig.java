package dev.trafficlab.mesh.routing;

/**
 * A route configuration that a proxy's Envoy refused (a NACK): the proxy keeps serving the routes
 * it had, and istioctl proxy-status shows its RDS as STALE until a valid configuration arrives.
 *
 * @param name the RDS name, "9080" or "http.80"
 * @param message Envoy's reason, as its log line "gRPC config for ...RouteConfiguration rejected:
 *     ..." gives it
 */
public record RejectedRouteConfig(String name, String message) {}
