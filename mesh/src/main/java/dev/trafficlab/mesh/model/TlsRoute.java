package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/** tls[] entry; stored and validated, not routed by the HTTP data plane. */
public record TlsRoute(
    List<Map<String, Object>> match, List<HttpRouteDestination> route, Pos pos) {}
