package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/** tcp[] entry; stored and validated, not routed by the HTTP data plane. */
public record TcpRoute(
    List<Map<String, Object>> match, List<HttpRouteDestination> route, Pos pos) {}
