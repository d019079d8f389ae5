package dev.trafficlab.mesh.routing;

/**
 * The HTTP/2 pseudo-headers Envoy's header matchers see, in one place for matching and for the
 * proxy-config view.
 *
 * <p>Istio 1.8.1 (route.go translateRouteMatch, translateHeaderMatch) turns a match's {@code
 * method}, {@code authority} and {@code scheme} into header matchers on {@code :method}, {@code
 * :authority}, {@code :scheme}, appended after the {@code headers}/{@code withoutHeaders} matchers
 * sorted by name. Keys of {@code headers} are passed through unfiltered: the API docs say the keys
 * uri, scheme, method and authority "will be ignored", but 1.8.1 emits a matcher on a request
 * header literally named {@code uri} (and so on), and a key such as {@code :path} or {@code
 * :authority} matches the pseudo-header itself.
 */
final class PseudoHeaders {
  static final String METHOD = ":method";
  static final String AUTHORITY = ":authority";
  static final String SCHEME = ":scheme";
  static final String PATH = ":path";

  private PseudoHeaders() {}

  /**
   * The value Envoy's header matcher sees for this lower-case name: a pseudo-header from the
   * request line ({@code :path} keeps its query string), otherwise the request header, or null when
   * absent.
   */
  static String value(RouteRequest r, String lowerName) {
    if (lowerName.isEmpty() || lowerName.charAt(0) != ':') {
      return r.headers().get(lowerName);
    }
    return switch (lowerName) {
      case METHOD -> r.method();
      case AUTHORITY -> r.host() == null ? "" : r.host();
      case SCHEME -> scheme(r);
      case PATH -> r.path();
      default -> null;
    };
  }

  /**
   * The scheme the sidecar saw: what a front proxy forwarded, otherwise plain http inside the mesh.
   */
  private static String scheme(RouteRequest r) {
    String forwarded = r.headers().get("x-forwarded-proto");
    return forwarded == null ? "http" : forwarded;
  }
}
