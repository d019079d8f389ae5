package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Envoy view of a match (translateRouteMatch): what istioctl proxy-config route prints. */
final class RouteViews {
  private RouteViews() {}

  static ProxyConfig.RouteMatch match(HttpMatchRequest m, IstioProfile profile) {
    if (m == null) {
      return new ProxyConfig.RouteMatch("/", null, null, true, List.of(), List.of());
    }
    String prefix = null;
    String path = null;
    String regex = null;
    StringMatch uri = m.uri();
    if (uri == null || uri.type() == StringMatch.Type.PRESENCE) {
      prefix = "/";
    } else if (uri.type() == StringMatch.Type.EXACT) {
      path = uri.value();
    } else if (uri.type() == StringMatch.Type.PREFIX) {
      prefix = uri.value();
    } else {
      regex = uri.value();
    }
    // 1.8.1 translateRouteMatch: headers and withoutHeaders sorted by name, then :method,
    // :authority, :scheme
    List<ProxyConfig.HeaderMatch> headers = new ArrayList<>();
    for (Map.Entry<String, StringMatch> e : m.headers().entrySet()) {
      header(headers, e.getKey(), e.getValue(), false);
    }
    for (Map.Entry<String, StringMatch> e : m.withoutHeaders().entrySet()) {
      header(headers, e.getKey(), e.getValue(), true);
    }
    headers.sort(Comparator.comparing(ProxyConfig.HeaderMatch::name));
    pseudo(headers, PseudoHeaders.METHOD, m.method());
    pseudo(headers, PseudoHeaders.AUTHORITY, m.authority());
    pseudo(headers, PseudoHeaders.SCHEME, m.scheme());
    List<ProxyConfig.QueryParameterMatch> query = new ArrayList<>();
    for (Map.Entry<String, StringMatch> e : m.queryParams().entrySet()) {
      StringMatch sm = e.getValue();
      if (sm != null
          && (sm.type() == StringMatch.Type.EXACT
              || sm.type() == StringMatch.Type.REGEX
              || (sm.type() == StringMatch.Type.PREFIX && profile.queryParamPrefixSupported()))) {
        query.add(new ProxyConfig.QueryParameterMatch(e.getKey(), typeName(sm.type()), sm.value()));
      } else {
        query.add(new ProxyConfig.QueryParameterMatch(e.getKey(), "present", null));
      }
    }
    return new ProxyConfig.RouteMatch(
        prefix,
        path,
        regex,
        !Boolean.TRUE.equals(m.ignoreUriCase()),
        List.copyOf(headers),
        List.copyOf(query));
  }

  private static void pseudo(List<ProxyConfig.HeaderMatch> out, String name, StringMatch sm) {
    if (sm != null) {
      header(out, name, sm, false);
    }
  }

  private static void header(
      List<ProxyConfig.HeaderMatch> out, String name, StringMatch sm, boolean invert) {
    String n = name.toLowerCase(Locale.ROOT);
    if (sm == null || sm.type() == null || sm.type() == StringMatch.Type.PRESENCE) {
      out.add(new ProxyConfig.HeaderMatch(n, "present", null, invert));
    } else {
      out.add(new ProxyConfig.HeaderMatch(n, typeName(sm.type()), sm.value(), invert));
    }
  }

  private static String typeName(StringMatch.Type t) {
    return t.name().toLowerCase(Locale.ROOT);
  }
}
