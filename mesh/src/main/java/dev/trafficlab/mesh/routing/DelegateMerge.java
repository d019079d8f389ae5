package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * istiod's delegate merge (pilot/pkg/model/virtualservice.go, 1.8): a delegate rule keeps its own
 * action and inherits the root rule's rewrite, timeout, retries, fault, mirror, corsPolicy and
 * headers when it has none; its matches are combined with the root's, and a delegate match that is
 * not within a root match is dropped.
 */
final class DelegateMerge {
  private DelegateMerge() {}

  /** The merged rule, or null when every delegate match conflicts with the root's. */
  static HttpRoute merge(HttpRoute root, HttpRoute leaf) {
    List<HttpMatchRequest> matches = mergeMatches(root.match(), leaf.match());
    if (matches == null) {
      return null;
    }
    String name =
        leaf.name() == null
            ? root.name()
            : root.name() == null ? leaf.name() : root.name() + "-" + leaf.name();
    return new HttpRoute(
        name,
        matches,
        leaf.route(),
        leaf.redirect(),
        null,
        leaf.rewrite() != null ? leaf.rewrite() : root.rewrite(),
        leaf.timeoutMs() != null ? leaf.timeoutMs() : root.timeoutMs(),
        leaf.retries() != null ? leaf.retries() : root.retries(),
        leaf.fault() != null ? leaf.fault() : root.fault(),
        leaf.mirror() != null ? leaf.mirror() : root.mirror(),
        leaf.mirrorPercentage() != null ? leaf.mirrorPercentage() : root.mirrorPercentage(),
        leaf.mirrorPercent() != null ? leaf.mirrorPercent() : root.mirrorPercent(),
        leaf.corsPolicy() != null ? leaf.corsPolicy() : root.corsPolicy(),
        leaf.headers() != null ? leaf.headers() : root.headers(),
        leaf.pos());
  }

  /**
   * mergeHTTPMatchRequests: every delegate match must lie within at least one root match (it is
   * merged with each root match it fits, delegate-major); one that fits none makes the whole
   * delegate rule conflict (null).
   */
  private static List<HttpMatchRequest> mergeMatches(
      List<HttpMatchRequest> root, List<HttpMatchRequest> leaf) {
    if (root.isEmpty()) {
      return leaf;
    }
    if (leaf.isEmpty()) {
      return root;
    }
    List<HttpMatchRequest> out = new ArrayList<>();
    for (HttpMatchRequest l : leaf) {
      boolean found = false;
      for (HttpMatchRequest r : root) {
        if (!conflicts(r, l)) {
          out.add(mergeMatch(r, l));
          found = true;
        }
      }
      if (!found) {
        return null;
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static HttpMatchRequest mergeMatch(HttpMatchRequest r, HttpMatchRequest l) {
    Map<String, StringMatch> headers = new LinkedHashMap<>(r.headers());
    headers.putAll(l.headers());
    Map<String, StringMatch> without = new LinkedHashMap<>(r.withoutHeaders());
    without.putAll(l.withoutHeaders());
    Map<String, StringMatch> query = new LinkedHashMap<>(r.queryParams());
    query.putAll(l.queryParams());
    Map<String, String> labels = new LinkedHashMap<>(r.sourceLabels());
    labels.putAll(l.sourceLabels());
    String name =
        empty(l.name()) ? r.name() : empty(r.name()) ? l.name() : r.name() + "-" + l.name();
    return new HttpMatchRequest(
        name,
        l.uri() != null ? l.uri() : r.uri(),
        l.scheme() != null ? l.scheme() : r.scheme(),
        l.method() != null ? l.method() : r.method(),
        l.authority() != null ? l.authority() : r.authority(),
        headers,
        without,
        query,
        l.port() != null ? l.port() : r.port(),
        labels,
        !empty(l.sourceNamespace()) ? l.sourceNamespace() : r.sourceNamespace(),
        l.gateways().isEmpty() ? r.gateways() : l.gateways(),
        l.ignoreUriCase() != null ? l.ignoreUriCase() : r.ignoreUriCase(),
        l.pos());
  }

  private static boolean conflicts(HttpMatchRequest r, HttpMatchRequest l) {
    if (conflict(r.uri(), l.uri())
        || conflict(r.scheme(), l.scheme())
        || conflict(r.method(), l.method())
        || conflict(r.authority(), l.authority())) {
      return true;
    }
    for (Map.Entry<String, StringMatch> e : l.headers().entrySet()) {
      if (conflict(r.headers().get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    for (Map.Entry<String, StringMatch> e : l.withoutHeaders().entrySet()) {
      if (conflict(r.withoutHeaders().get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    for (Map.Entry<String, StringMatch> e : l.queryParams().entrySet()) {
      if (conflict(r.queryParams().get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    if (!Objects.equals(
        Boolean.TRUE.equals(r.ignoreUriCase()), Boolean.TRUE.equals(l.ignoreUriCase()))) {
      return true;
    }
    if (r.port() != null
        && l.port() != null
        && r.port() > 0
        && l.port() > 0
        && !r.port().equals(l.port())) {
      return true;
    }
    if (!empty(r.sourceNamespace()) && !r.sourceNamespace().equals(l.sourceNamespace())) {
      return true;
    }
    for (Map.Entry<String, String> e : l.sourceLabels().entrySet()) {
      String rv = r.sourceLabels().get(e.getKey());
      if (rv != null && !rv.equals(e.getValue())) {
        return true;
      }
    }
    // the root's gateways must include every gateway of the delegate match
    if (!r.gateways().isEmpty()
        && !l.gateways().isEmpty()
        && !r.gateways().containsAll(l.gateways())) {
      return true;
    }
    return false;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  /**
   * stringMatchConflict: the leaf must lie within the root (exact equal, or exact/prefix under the
   * root's prefix). As in Go, an empty exact or prefix value counts as not set, so such a root
   * conflicts with any leaf.
   */
  private static boolean conflict(StringMatch root, StringMatch leaf) {
    if (root == null || leaf == null) {
      return false;
    }
    if (!value(root, StringMatch.Type.REGEX).isEmpty()
        || !value(leaf, StringMatch.Type.REGEX).isEmpty()) {
      return true;
    }
    String exact = value(root, StringMatch.Type.EXACT);
    if (!exact.isEmpty()) {
      return !value(leaf, StringMatch.Type.PREFIX).isEmpty()
          || !value(leaf, StringMatch.Type.EXACT).equals(exact);
    }
    String prefix = value(root, StringMatch.Type.PREFIX);
    if (!prefix.isEmpty()) {
      if (!value(leaf, StringMatch.Type.PREFIX).isEmpty()) {
        return !value(leaf, StringMatch.Type.PREFIX).startsWith(prefix);
      }
      if (!value(leaf, StringMatch.Type.EXACT).isEmpty()) {
        return !value(leaf, StringMatch.Type.EXACT).startsWith(prefix);
      }
    }
    return true;
  }

  /** Go's GetExact/GetPrefix/GetRegex: the value when the match is of that type, else "". */
  private static String value(StringMatch m, StringMatch.Type type) {
    return m.type() == type && m.value() != null ? m.value() : "";
  }
}
