package dev.trafficlab.bookinfo.workloads;

/**
 * Header names as httpbin prints them: Werkzeug rebuilds them from the WSGI environment with
 * Python's str.title(), so HTTP_X_B3_TRACEID reads X-B3-Traceid. Shared by the httpbin image and
 * the simulated httpbin.org, which run the same code.
 */
public final class WerkzeugHeaderNames {
  private WerkzeugHeaderNames() {}

  /** Python's str.title() on a lower-case header name. */
  public static String titleCase(String lower) {
    StringBuilder sb = new StringBuilder(lower.length());
    boolean up = true;
    for (char c : lower.toCharArray()) {
      sb.append(up ? Character.toUpperCase(c) : c);
      up = !Character.isLetter(c);
    }
    return sb.toString();
  }
}
