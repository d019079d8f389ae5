package dev.trafficlab.mesh.routing;

/**
 * The effective fault of a route. A part is null when it never fires (absent, or no percentage given, as in
 * 1.8). Percentages are 0-100.
 */
public record FaultPolicy(Delay delay, Abort abort) {
  public record Delay(long fixedDelayMs, double percentage) {
  }

  public record Abort(int httpStatus, double percentage) {
  }
}
