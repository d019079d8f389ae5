package dev.trafficlab.terminal.net;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's fmt verbs that fortio's report uses: %g, %.Ng and time.Duration's String. */
final class GoFormat {
  private GoFormat() {}

  /** %g: the shortest decimal that reads back as v. */
  static String g(double v) {
    if (v == 0) {
      return "0";
    }
    return shape(new BigDecimal(Double.toString(v)).stripTrailingZeros(), 6, true);
  }

  /** %.Ng: N significant digits, trailing zeros dropped. */
  static String g(double v, int digits) {
    if (v == 0) {
      return "0";
    }
    BigDecimal d =
        new BigDecimal(v)
            .round(new MathContext(digits, RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    return shape(d, digits, false);
  }

  /** Go uses %e when the exponent is below -4 or at least the precision (6 for the shortest). */
  private static String shape(BigDecimal d, int precision, boolean shortest) {
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= precision) {
      String digits = d.unscaledValue().abs().toString();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.format("%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
      return (d.signum() < 0 ? "-" : "") + mantissa + "e" + e;
    }
    return d.toPlainString();
  }

  /** time.Duration.String(): 93.664105ms, 5.0016s, 1m2.5s, 850µs. */
  static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return fraction(nanos, 1_000) + "µs";
    }
    if (nanos < 1_000_000_000L) {
      return fraction(nanos, 1_000_000) + "ms";
    }
    long minutes = nanos / 60_000_000_000L;
    long rest = nanos % 60_000_000_000L;
    String seconds = fraction(rest, 1_000_000_000L) + "s";
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
