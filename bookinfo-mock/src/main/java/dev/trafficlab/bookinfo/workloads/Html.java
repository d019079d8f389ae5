package dev.trafficlab.bookinfo.workloads;

/**
 * HTML escaping for text and attribute values: everything a user or an upstream sent is escaped.
 */
final class Html {
  private Html() {}

  static String escape(Object o) {
    if (o == null) {
      return "";
    }
    String s = o.toString();
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }
}
