package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.HttpFault;

/**
 * The effective fault of a route, injected by the caller's sidecar. A part is null when it never
 * fires (absent, or no percentage given, as in 1.8). Percentages are 0-100.
 */
public record FaultPolicy(Delay delay, Abort abort) {
  public record Delay(long fixedDelayMs, double percentage) {}

  public record Abort(int httpStatus, double percentage) {}

  /**
   * What istiod emits for a written fault: a delay needs fixedDelay and a percentage
   * (percentage.value, else the deprecated integer percent); an abort needs httpStatus and
   * percentage.value (Envoy's default fraction is 0, so an abort without percentage never fires,
   * istio#36303). A percentage.value counts in millionths, cut off as istiod does
   * (FractionalPercent); a part with 0% is dropped. Null when nothing fires.
   */
  public static FaultPolicy of(HttpFault f) {
    if (f == null) {
      return null;
    }
    Delay delay = null;
    HttpFault.Delay d = f.delay();
    if (d != null && d.fixedDelayMs() != null) {
      double pct =
          d.percentage() != null
              ? FractionalPercent.ofPercentage(d.percentage())
              : d.percent() != null ? d.percent() : 0;
      if (pct > 0) {
        delay = new Delay(d.fixedDelayMs(), Math.min(100.0, pct));
      }
    }
    Abort abort = null;
    HttpFault.Abort a = f.abort();
    double abortPct =
        a == null || a.percentage() == null ? 0 : FractionalPercent.ofPercentage(a.percentage());
    if (a != null && a.httpStatus() != null && abortPct > 0) {
      abort = new Abort(a.httpStatus(), abortPct);
    }
    return delay == null && abort == null ? null : new FaultPolicy(delay, abort);
  }
}
