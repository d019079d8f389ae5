package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/**
 * One entry of VirtualService http[]. Durations are in milliseconds (null when absent). The raw
 * maps hold the sub-objects exactly as written, with Istio's field names, for output (explain API,
 * -o yaml).
 */
public record HttpRoute(
    String name,
    List<HttpMatchRequest> match,
    List<HttpRouteDestination> route,
    HttpRedirect redirect,
    Delegate delegate,
    HttpRewrite rewrite,
    Long timeoutMs,
    HttpRetry retries,
    HttpFault fault,
    Destination mirror,
    Double mirrorPercentage,
    Integer mirrorPercent,
    Map<String, Object> corsPolicy,
    Headers headers,
    Pos pos) {

  public HttpRoute {
    match = match == null ? List.of() : List.copyOf(match);
    route = route == null ? List.of() : List.copyOf(route);
    pos = pos == null ? Pos.UNKNOWN : pos;
  }
}
