package dev.trafficlab.bookinfo.sidecar;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy's CORS filter driven by a route's corsPolicy (Istio field names): a preflight from an
 * allowed origin is answered by the proxy itself; an actual request from an allowed origin gets the
 * allow-origin headers on its response; any other origin simply gets no CORS headers.
 */
final class Cors {
  private Cors() {}

  /**
   * True when the origin is allowed by allowOrigins (StringMatch list) or the deprecated
   * allowOrigin list.
   */
  static boolean allowed(Map<String, Object> policy, String origin) {
    if (policy == null || origin == null) {
      return false;
    }
    if (policy.get("allowOrigins") instanceof List<?> matches) {
      for (Object m : matches) {
        if (m instanceof Map<?, ?> sm && matches(sm, origin)) {
          return true;
        }
      }
    }
    if (policy.get("allowOrigin") instanceof List<?> exact) {
      for (Object o : exact) {
        if ("*".equals(o) || origin.equals(o)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(Map<?, ?> sm, String origin) {
    if (sm.get("exact") instanceof String s) {
      return s.equals("*") || s.equals(origin);
    }
    if (sm.get("prefix") instanceof String s) {
      return origin.startsWith(s);
    }
    if (sm.get("regex") instanceof String s) {
      if (dev.trafficlab.mesh.regex.Re2ProgramSize.exceedsEnvoyLimit(s)) {
        return false; // Envoy refuses such a route configuration; never build its program
      }
      try {
        return com.google.re2j.Pattern.compile(s).matches(origin);
      } catch (RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  static boolean isPreflight(String method, MultiMap headers) {
    return "OPTIONS".equals(method)
        && headers.get("origin") != null
        && headers.get("access-control-request-method") != null;
  }

  /** The headers of Envoy's own answer to an allowed preflight. */
  static MultiMap preflight(Map<String, Object> policy, String origin) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    h.set("access-control-allow-origin", origin);
    join(policy, "allowMethods", "access-control-allow-methods", h);
    join(policy, "allowHeaders", "access-control-allow-headers", h);
    join(policy, "exposeHeaders", "access-control-expose-headers", h);
    if (policy.get("maxAge") instanceof String age) {
      long seconds = seconds(age);
      if (seconds >= 0) {
        h.set("access-control-max-age", Long.toString(seconds));
      }
    }
    if (Boolean.TRUE.equals(policy.get("allowCredentials"))) {
      h.set("access-control-allow-credentials", "true");
    }
    return h;
  }

  /** Headers added to an actual response for an allowed origin. */
  static void decorate(Map<String, Object> policy, String origin, MultiMap response) {
    response.set("access-control-allow-origin", origin);
    if (Boolean.TRUE.equals(policy.get("allowCredentials"))) {
      response.set("access-control-allow-credentials", "true");
    }
    join(policy, "exposeHeaders", "access-control-expose-headers", response);
  }

  private static void join(Map<String, Object> policy, String field, String header, MultiMap h) {
    if (policy.get(field) instanceof List<?> values && !values.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (Object v : values) {
        if (b.length() > 0) {
          b.append(',');
        }
        b.append(v);
      }
      h.set(header, b.toString());
    }
  }

  /** A Go duration (24h, 1m30s, 2s) in whole seconds, -1 when it cannot be read. */
  static long seconds(String duration) {
    long totalMs = 0;
    int i = 0;
    String d = duration.trim();
    if (d.isEmpty()) {
      return -1;
    }
    while (i < d.length()) {
      int start = i;
      while (i < d.length() && (Character.isDigit(d.charAt(i)) || d.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        return -1;
      }
      double n = Double.parseDouble(d.substring(start, i));
      int unitStart = i;
      while (i < d.length() && Character.isLetter(d.charAt(i))) {
        i++;
      }
      String unit = d.substring(unitStart, i);
      double factor =
          switch (unit) {
            case "h" -> 3_600_000;
            case "m" -> 60_000;
            case "s" -> 1_000;
            case "ms" -> 1;
            default -> -1;
          };
      if (factor < 0) {
        return -1;
      }
      totalMs += (long) (n * factor);
    }
    return totalMs / 1000;
  }
}
