package dev.trafficlab.mesh.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's json.Marshal of an unstructured object, as kubectl uses it for the
 * last-applied-configuration annotation and for patches: map keys sorted, HTML characters escaped,
 * Go's float formatting.
 */
final class GoJson {
  private GoJson() {}

  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      b.append(v);
    } else if (v instanceof Double d) {
      b.append(number(d));
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) m).entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(b, e.getKey());
        b.append(':');
        write(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(b, l.get(i));
      }
      b.append(']');
    } else {
      string(b, String.valueOf(v));
    }
  }

  /**
   * Go's encoding/json floatEncoder for a float64: the shortest decimal that reads back as the same
   * double (strconv.AppendFloat with precision -1), in 'f' format unless 0 < |d| < 1e-6 or |d| >=
   * 1e21, then in 'e' format, where Go pads the exponent to two digits and json then cleans "e-07"
   * to "e-7" (but leaves "e+21").
   */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal shortest = shortest(d);
    double abs = Math.abs(d);
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    String digits = shortest.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - shortest.scale();
    String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = exp < 0 ? "e-" : "e+";
    int absExp = Math.abs(exp);
    // strconv pads the exponent to two digits; the cleanup undoes that for negative ones only
    String expDigits = absExp < 10 && exp > 0 ? "0" + absExp : Integer.toString(absExp);
    return (d < 0 ? "-" : "") + mant + e + expDigits;
  }

  /**
   * The fewest significant digits that round-trip, nearest to the exact binary value (as strconv
   * chooses).
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        return r.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
