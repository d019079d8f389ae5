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
 * @param earlierTries the tries the caller's sidecar gave up on before the last one (retries), in
 *     order: each reached a pod, whose own sidecar logged it
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
    String endUser,
    java.util.List<Try> earlierTries) {

  public TrafficRecord {
    earlierTries = earlierTries == null ? java.util.List.of() : java.util.List.copyOf(earlierTries);
  }

  /** A record without retries. */
  public TrafficRecord(
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
    this(
        start,
        requestId,
        fromPod,
        method,
        authority,
        path,
        protocol,
        status,
        responseFlags,
        bytesSent,
        durationMs,
        cluster,
        upstreamHost,
        upstreamPod,
        subset,
        origin,
        userAgent,
        endUser,
        java.util.List.of());
  }

  /**
   * One try that was retried: the pod it reached, that pod's address, what the pod answered (0 when
   * the caller's sidecar reset it at a per-try timeout) and how long it took.
   */
  public record Try(
      Instant start, String pod, String upstreamHost, int status, double durationMs) {}

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
