package dev.trafficlab.mesh.model;

/** fault injection; delay and abort are independent. */
public record HttpFault(Delay delay, Abort abort, Pos pos) {

  /**
   * percentage is percentage.value; percent is the deprecated integer field (used only when
   * percentage is null).
   */
  public record Delay(
      Long fixedDelayMs, Long exponentialDelayMs, Double percentage, Integer percent, Pos pos) {}

  public record Abort(
      Integer httpStatus, String grpcStatus, String http2Error, Double percentage, Pos pos) {}
}
