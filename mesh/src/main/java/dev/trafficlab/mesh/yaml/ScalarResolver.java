package dev.trafficlab.mesh.yaml;

import java.util.Locale;
import java.util.Set;

/**
 * Types plain scalars the way kubectl's YAML-to-JSON conversion (go-yaml v2, YAML 1.1 rules) does,
 * so that `exact: yes` is a boolean and `weight: 50.0` an integer after the JSON round trip,
 * exactly as on a cluster.
 */
final class ScalarResolver {
  private ScalarResolver() {}

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES =
      Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSES =
      Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");

  /** The typed value of a plain (unquoted, untagged) scalar. */
  static Object resolvePlain(String text) {
    if (NULLS.contains(text)) {
      return null;
    }
    if (TRUES.contains(text)) {
      return Boolean.TRUE;
    }
    if (FALSES.contains(text)) {
      return Boolean.FALSE;
    }
    char c = text.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      Object n = number(text);
      if (n != null) {
        return n;
      }
    }
    return text;
  }

  static Object number(String text) {
    String plain = text.replace("_", "");
    Long l = parseGoInt(plain);
    if (l != null) {
      return l;
    }
    switch (plain) {
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      default:
        break;
    }
    if (!isDecimalFloat(plain)) {
      return null;
    }
    double d = Double.parseDouble(plain);
    // JSON has one number type: an integral float comes back from the API server as an integer.
    if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return (long) d;
    }
    return d;
  }

  /** [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? without a regex engine. */
  private static boolean isDecimalFloat(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** Go's strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b prefixes, a leading 0 means octal. */
  private static Long parseGoInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean neg = false;
    int i = 0;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      body = body.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      body = body.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      body = body.substring(2);
    } else if (body.length() > 1 && body.charAt(0) == '0') {
      radix = 8;
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0) {
        return null;
      }
    }
    try {
      long v = Long.parseLong(body, radix);
      return neg ? -v : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
