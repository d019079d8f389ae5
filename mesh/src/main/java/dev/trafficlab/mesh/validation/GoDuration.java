package dev.trafficlab.mesh.validation;

/**
 * Go's time.ParseDuration, which Istio's webhook uses (through gogo jsonpb) to read every Duration
 * field: "7s", "0.5s", "100ms", "1m", "1h30m". Errors carry Go's exact words.
 */
public final class GoDuration {
  private GoDuration() {}

  /** Thrown with Go's message, e.g. {@code time: missing unit in duration "10"}. */
  public static final class BadDuration extends Exception {
    BadDuration(String message) {
      super(message, null, false, false);
    }
  }

  /** The duration in nanoseconds. */
  public static long parseNanos(String s) throws BadDuration {
    String orig = s;
    int i = 0;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    if (s.substring(i).equals("0")) {
      return 0;
    }
    if (i == s.length()) {
      throw invalid(orig);
    }
    double total = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(orig);
      }
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      boolean pre = i > start;
      String whole = s.substring(start, i);
      String frac = "";
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fs = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        frac = s.substring(fs, i);
        post = i > fs;
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int us = i;
      while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
        i++;
      }
      if (us == i) {
        throw new BadDuration("time: missing unit in duration " + quote(orig));
      }
      String unit = s.substring(us, i);
      long scale =
          switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default ->
                throw new BadDuration(
                    "time: unknown unit " + quote(unit) + " in duration " + quote(orig));
          };
      java.math.BigDecimal v =
          new java.math.BigDecimal(
                  (whole.isEmpty() ? "0" : whole) + (frac.isEmpty() ? "" : "." + frac))
              .multiply(java.math.BigDecimal.valueOf(scale));
      total += v.doubleValue();
      if (total > 9.223372036854775807E18) {
        throw invalid(orig);
      }
    }
    long nanos = (long) total;
    return neg ? -nanos : nanos;
  }

  private static BadDuration invalid(String orig) {
    return new BadDuration("time: invalid duration " + quote(orig));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
