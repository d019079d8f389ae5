package dev.trafficlab.bookinfo;

import java.time.Instant;

/**
 * One request a sandbox's mesh carried (no bodies), with the routing decision that sent it where it went.
 *
 * @param fromPod       calling pod (istio-ingressgateway-... for ingress traffic)
 * @param authority     host[:port] as called
 * @param cluster       upstream cluster, or "-" when none was reached
 * @param upstreamPod   pod that answered, or null
 * @param subset        subset used, "" when none
 * @param responseFlags Envoy's flags: -, NR, NC, UH, UT, UO, FI, DI, DI,FI
 * @param virtualService name.namespace of the VS that routed it, null on the default route
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
    String virtualService,
    Integer rule,
    Integer match,
    String userAgent,
    String endUser) {
}
