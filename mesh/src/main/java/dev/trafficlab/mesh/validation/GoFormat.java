package dev.trafficlab.mesh.validation;

import java.math.BigDecimal;

/** Go's fmt verbs for the numbers that appear in Istio's messages. */
final class GoFormat {
  private GoFormat() {}

  /**
   * %v of a float64: shortest representation, exponent form below 1e-4 and from 1e21 (e.g. 150,
   * 0.5, 1e-05).
   */
  static String v(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return "0";
    }
    double abs = Math.abs(d);
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-4 && abs < 1e21) {
      return bd.toPlainString();
    }
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = String.format("%02d", Math.abs(exp));
    return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + e;
  }

  /** %f of a float64: six decimals. */
  static String f(double d) {
    return String.format(java.util.Locale.ROOT, "%.6f", d);
  }
}
