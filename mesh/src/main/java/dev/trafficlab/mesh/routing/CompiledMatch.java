package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTPMatchRequest translated to an Envoy route match: every part must hold (AND). The
 * build-time parts (port, sourceLabels, sourceNamespace, gateways) are not here: they decide
 * whether the route exists at all.
 */
final class CompiledMatch {
  /**
   * uri matcher on the path without its query string; null when the match has no uri (Envoy prefix
   * "/").
   */
  final StringMatcher uri;

  final StringMatcher method;
  final StringMatcher scheme;
  final StringMatcher authority;
  final HeaderMatcher[] headers;
  final QueryMatcher[] queryParams;

  private CompiledMatch(
      StringMatcher uri,
      StringMatcher method,
      StringMatcher scheme,
      StringMatcher authority,
      HeaderMatcher[] headers,
      QueryMatcher[] queryParams) {
    this.uri = uri;
    this.method = method;
    this.scheme = scheme;
    this.authority = authority;
    this.headers = headers;
    this.queryParams = queryParams;
  }

  /** A query parameter matcher; a null matcher means presence (1.8 translates a prefix to that). */
  record QueryMatcher(String name, StringMatcher matcher) {}

  static final CompiledMatch ALL =
      new CompiledMatch(null, null, null, null, new HeaderMatcher[0], new QueryMatcher[0]);

  static CompiledMatch of(HttpMatchRequest m, IstioProfile profile) {
    if (m == null) {
      return ALL;
    }
    boolean ignoreCase = Boolean.TRUE.equals(m.ignoreUriCase());
    List<HeaderMatcher> hs = new ArrayList<>();
    // keys pass through unfiltered, as in 1.8.1: see PseudoHeaders
    for (Map.Entry<String, StringMatch> e : m.headers().entrySet()) {
      hs.add(new HeaderMatcher(e.getKey(), StringMatcher.of(e.getValue(), false), false, false));
    }
    for (Map.Entry<String, StringMatch> e : m.withoutHeaders().entrySet()) {
      hs.add(
          new HeaderMatcher(
              e.getKey(),
              StringMatcher.of(e.getValue(), false),
              true,
              profile.withoutHeadersMatchesMissingHeader()));
    }
    List<QueryMatcher> qs = new ArrayList<>();
    for (Map.Entry<String, StringMatch> e : m.queryParams().entrySet()) {
      StringMatch sm = e.getValue();
      boolean supported =
          sm != null
              && sm.type() != null
              && (sm.type() == StringMatch.Type.EXACT
                  || sm.type() == StringMatch.Type.REGEX
                  || (sm.type() == StringMatch.Type.PREFIX && profile.queryParamPrefixSupported()));
      qs.add(new QueryMatcher(e.getKey(), supported ? StringMatcher.of(sm, false) : null));
    }
    return new CompiledMatch(
        m.uri() == null ? null : StringMatcher.of(m.uri(), ignoreCase),
        m.method() == null ? null : StringMatcher.of(m.method(), false),
        m.scheme() == null ? null : StringMatcher.of(m.scheme(), false),
        m.authority() == null ? null : StringMatcher.of(m.authority(), false),
        hs.toArray(new HeaderMatcher[0]),
        qs.toArray(new QueryMatcher[0]));
  }

  /**
   * @param pathEnd index of '?' in the path, or its length: URI matching ignores the query string
   */
  boolean matches(RouteRequest r, int pathEnd) {
    if (uri != null && !uri.matches(r.path(), pathEnd)) {
      return false;
    }
    if (method != null && !method.matches(PseudoHeaders.value(r, PseudoHeaders.METHOD))) {
      return false;
    }
    if (scheme != null && !scheme.matches(PseudoHeaders.value(r, PseudoHeaders.SCHEME))) {
      return false;
    }
    if (authority != null && !authority.matches(PseudoHeaders.value(r, PseudoHeaders.AUTHORITY))) {
      return false;
    }
    for (HeaderMatcher m : headers) {
      if (!m.matches(PseudoHeaders.value(r, m.name))) {
        return false;
      }
    }
    if (queryParams.length > 0) {
      String path = r.path();
      for (QueryMatcher q : queryParams) {
        String v = queryValue(path, pathEnd, q.name());
        if (v == null) {
          return false;
        }
        if (q.matcher() != null && !q.matcher().matches(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The (undecoded) value of the first occurrence of name in the query string; "" for "?name"; null
   * when absent.
   */
  static String queryValue(String path, int queryStart, String name) {
    int i = queryStart + 1;
    int n = path.length();
    while (i < n) {
      int amp = path.indexOf('&', i);
      int end = amp < 0 ? n : amp;
      int eq = path.indexOf('=', i);
      int keyEnd = eq >= 0 && eq < end ? eq : end;
      if (keyEnd - i == name.length() && path.regionMatches(i, name, 0, name.length())) {
        return keyEnd == end ? "" : path.substring(keyEnd + 1, end);
      }
      i = end + 1;
    }
    return null;
  }
}
