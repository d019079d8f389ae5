package dev.trafficlab.bookinfo;

import dev.trafficlab.mesh.routing.RouteOrigin;
import java.time.Instant;

/**
 * One request a sandbox's mesh carried (no bodies), with the routing decision that sent it where it
 * went.
 *
 * @param fromPod calling pod (istio-ingressgateway-... for ingress traffic)
 * @param authority host[:port] as called
 * @param cluster upstream cluster, or "-" when none was reached
 * @param upstreamPod pod that answered, or null
 * @param subset subset used, "" when none
 * @param responseFlags Envoy's flags: -, NR, NC, UH, UT, UO, FI, DI, DI,FI
 * @param origin the VirtualService rule that routed it, as it was compiled then; null on the
 *     default route
 */
public record TrafficRecord(
    Instant start,
    String requestId,
    String fromPod,
    String method,
    String authority,
    String path,
    String protocol,
    int status,
    String responseFlags,
    long bytesSent,
    double durationMs,
    String cluster,
    String upstreamHost,
    String upstreamPod,
    String subset,
    RouteOrigin origin,
    String userAgent,
    String endUser) {

  /**
   * "name.namespace" of the VirtualService that routed it (as Envoy names it), null on the default
   * route.
   */
  public String virtualService() {
    return origin == null ? null : origin.displayName();
  }

  /** Index of the http rule in that VirtualService, or null. */
  public Integer rule() {
    return origin == null ? null : origin.rule();
  }

  /** Index of the match entry in the rule, or null. */
  public Integer match() {
    return origin == null ? null : origin.match();
  }
}
