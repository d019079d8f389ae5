package dev.trafficlab.mesh.routing;

/** mirror target of a route and the share of requests copied (0-100). */
public record MirrorPolicy(
    String host, int port, String subset, String cluster, double percentage) {}
