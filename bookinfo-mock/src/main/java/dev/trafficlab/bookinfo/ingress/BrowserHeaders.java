package dev.trafficlab.bookinfo.ingress;

import dev.trafficlab.bookinfo.workloads.HopResponses;
import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What of a mesh response may reach the browser. The product page is served on the lab's own
 * origin, so the headers a VirtualService sets there must stay inside the page: cookies are
 * rewritten to the page's own path and may not bear the lab's names, Refresh and a Location leaving
 * the page are dropped, and the lab's security headers (already on the response) cannot be
 * replaced, doubled or weakened.
 */
final class BrowserHeaders {
  private BrowserHeaders() {}

  /**
   * Headers of the lab's origin, not the page's: security policy, navigation, storage of the whole
   * origin.
   */
  private static final Set<String> LAB_ONLY =
      Set.of(
          "content-security-policy",
          "content-security-policy-report-only",
          "x-frame-options",
          "x-content-type-options",
          "referrer-policy",
          "cross-origin-opener-policy",
          "cross-origin-resource-policy",
          "cross-origin-embedder-policy",
          "permissions-policy",
          "strict-transport-security",
          "clear-site-data",
          "service-worker-allowed",
          "refresh",
          "report-to",
          "nel",
          "alt-svc",
          "origin-agent-cluster",
          "x-xss-protection",
          "set-cookie2");

  /**
   * The headers to send the browser for a page under {@code prefix} ("/bookinfo/KEY"), reached as
   * {@code host}. A same-host absolute Location is already rewritten into the page by the caller.
   */
  static MultiMap filter(MultiMap mesh, String prefix) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    if (mesh == null) {
      return out;
    }
    String pagePath = prefix + "/";
    for (Map.Entry<String, String> e : mesh) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      String value = e.getValue();
      if (HopResponses.HOP_BY_HOP.contains(name)
          || LAB_ONLY.contains(name)
          || !printable(name)
          || !printable(value)) {
        continue;
      }
      if (name.equals("set-cookie")) {
        value = cookie(value, pagePath);
      } else if (name.equals("location") || name.equals("content-location")) {
        value = insidePage(value, pagePath) ? value : null;
      }
      if (value != null) {
        out.add(e.getKey(), value);
      }
    }
    return out;
  }

  /**
   * The cookie scoped to the page (Path rewritten, Domain dropped), or null when it would bear one
   * of the lab's names (tl_*) or a prefix that demands the whole origin (__Host-, __Secure-).
   */
  static String cookie(String setCookie, String pagePath) {
    String[] parts = setCookie.split(";");
    int eq = parts[0].indexOf('=');
    String name = (eq < 0 ? parts[0] : parts[0].substring(0, eq)).trim();
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.isEmpty()
        || lower.startsWith("tl_")
        || lower.startsWith("__host-")
        || lower.startsWith("__secure-")
        || lower.startsWith("vertx-web.")) {
      return null;
    }
    StringBuilder b = new StringBuilder(parts[0].trim());
    for (int i = 1; i < parts.length; i++) {
      String attr = parts[i].trim();
      String attrName =
          (attr.contains("=") ? attr.substring(0, attr.indexOf('=')) : attr)
              .trim()
              .toLowerCase(Locale.ROOT);
      if (!attr.isEmpty() && !attrName.equals("path") && !attrName.equals("domain")) {
        b.append("; ").append(attr);
      }
    }
    return b.append("; Path=").append(pagePath).toString();
  }

  /**
   * A Location that keeps the browser in this page: a path under it, or a relative reference
   * without scheme.
   */
  static boolean insidePage(String location, String pagePath) {
    int end = location.length();
    for (char c : new char[] {'?', '#'}) {
      int at = location.indexOf(c);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    String path = location.substring(0, end).toLowerCase(Locale.ROOT);
    if (path.contains("..") || path.contains("%2e") || path.contains("\\")) {
      return false; // a dot segment (written or encoded) could climb out of the page
    }
    if (location.startsWith(pagePath)) {
      return true;
    }
    if (location.startsWith("/")) {
      return false;
    }
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    int query = location.indexOf('?');
    return colon < 0 || (slash >= 0 && slash < colon) || (query >= 0 && query < colon);
  }

  /**
   * Visible ASCII, space and tab only: anything else Vert.x or a browser might read as a second
   * header.
   */
  private static boolean printable(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return false;
      }
    }
    return true;
  }
}
