package dev.trafficlab.bookinfo;

/**
 * Reading a Cookie request header: the ingress's session, productpage's user and consistent-hash
 * cookies.
 */
public final class Cookies {
  private Cookies() {}

  /**
   * The value of the first cookie called {@code name} in a Cookie header, or null (also for a null
   * header).
   */
  public static String value(String cookieHeader, String name) {
    if (cookieHeader == null) {
      return null;
    }
    for (String part : cookieHeader.split(";")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).equals(name)) {
        return p.substring(eq + 1);
      }
    }
    return null;
  }
}
