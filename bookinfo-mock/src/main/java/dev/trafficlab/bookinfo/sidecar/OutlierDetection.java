package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.validation.GoDuration;
import java.util.Map;

/**
 * A DestinationRule's outlierDetection as Istio 1.8.1 hands it to Envoy (applyOutlierDetection):
 * consecutive5xxErrors and consecutiveGatewayErrors are enforced (100%) when set above zero and off
 * when set to zero; left out, Envoy's defaults apply (5 consecutive 5xx enforced, gateway errors
 * counted but not enforced). The deprecated consecutiveErrors never reaches Envoy (the route table
 * drops it). interval 10s, baseEjectionTime 30s and maxEjectionPercent 10 are Envoy's defaults.
 */
record OutlierDetection(
    int consecutive5xx,
    int consecutiveGateway,
    long intervalNanos,
    long baseEjectionNanos,
    int maxEjectionPercent) {

  /** The policy's outlier detection, or null when it has none. */
  static OutlierDetection of(Map<String, Object> trafficPolicy) {
    if (trafficPolicy == null || !(trafficPolicy.get("outlierDetection") instanceof Map<?, ?> od)) {
      return null;
    }
    int c5xx = od.get("consecutive5xxErrors") instanceof Number n ? n.intValue() : 5;
    int gateway = od.get("consecutiveGatewayErrors") instanceof Number n ? n.intValue() : 0;
    long interval = duration(od.get("interval"), 10_000_000_000L);
    long base = duration(od.get("baseEjectionTime"), 30_000_000_000L);
    int max =
        od.get("maxEjectionPercent") instanceof Number n && n.intValue() > 0
            ? Math.min(100, n.intValue())
            : 10;
    return new OutlierDetection(Math.max(0, c5xx), Math.max(0, gateway), interval, base, max);
  }

  private static long duration(Object v, long otherwise) {
    if (v instanceof String s) {
      try {
        long n = GoDuration.parseNanos(s.trim());
        return n > 0 ? n : otherwise;
      } catch (GoDuration.BadDuration e) {
        return otherwise;
      }
    }
    return otherwise;
  }
}
