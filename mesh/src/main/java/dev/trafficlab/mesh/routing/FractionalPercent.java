package dev.trafficlab.mesh.routing;

/**
 * Envoy's FractionalPercent as istiod fills it (route.go translatePercentToFractionalPercent,
 * 1.8.1): a {@code percentage.value} becomes {@code uint32(value * 10000)} per million, so digits
 * below a ten-thousandth of a percent are cut off and 0.00001 never fires; an integer percent is
 * exact per hundred.
 */
final class FractionalPercent {
  private FractionalPercent() {}

  /** The percentage (0-100) Envoy applies for a written {@code percentage.value}. */
  static double ofPercentage(double value) {
    if (!(value > 0)) {
      return 0;
    }
    long perMillion = (long) (value * 10000); // Go's float-to-uint32 conversion truncates
    return Math.min(1_000_000, perMillion) / 10000.0;
  }
}
