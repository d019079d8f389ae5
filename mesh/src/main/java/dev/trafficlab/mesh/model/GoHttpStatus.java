package dev.trafficlab.mesh.model;

import java.util.Set;

/**
 * How istiod (Go 1.15) decides that a retryOn entry is an HTTP status code: {@code i, _ :=
 * strconv.Atoi(part)} and then {@code http.StatusText(i) != ""}. Used by validation and by the
 * retry translation alike.
 */
public final class GoHttpStatus {
  /** The codes net/http names (StatusText is non-empty). */
  private static final Set<Integer> NAMED =
      Set.of(
          100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303,
          304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413,
          414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
          503, 504, 505, 506, 507, 508, 510, 511);

  private GoHttpStatus() {}

  /**
   * Go's strconv.Atoi with its error ignored: an optional sign and ASCII digits only (no spaces, no
   * other digits); 0 for anything else; an overflowing number gives a value no status code has.
   */
  public static int atoi(String s) {
    int i = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (i == s.length()) {
      return 0;
    }
    long v = 0;
    for (int k = i; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return 0;
      }
      v = Math.min(v * 10 + (c - '0'), Integer.MAX_VALUE);
    }
    return (int) (s.charAt(0) == '-' ? -v : v);
  }

  /**
   * The retryOn entry as a status code istiod accepts, or -1 when it is a policy name (or not valid
   * at all).
   */
  public static int statusCode(String retryOnEntry) {
    int code = atoi(retryOnEntry);
    return NAMED.contains(code) ? code : -1;
  }
}
