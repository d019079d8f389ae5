package dev.trafficlab.mesh.validation;

import static dev.trafficlab.mesh.validation.Checks.child;
import static dev.trafficlab.mesh.validation.Checks.entries;
import static dev.trafficlab.mesh.validation.Checks.list;
import static dev.trafficlab.mesh.validation.Checks.lng;
import static dev.trafficlab.mesh.validation.Checks.lngOrZero;
import static dev.trafficlab.mesh.validation.Checks.pos;
import static dev.trafficlab.mesh.validation.Checks.str;
import static dev.trafficlab.mesh.validation.Checks.strOrEmpty;
import static dev.trafficlab.mesh.validation.Checks.text;

import dev.trafficlab.mesh.model.GoHttpStatus;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.List;
import java.util.Set;

/**
 * Istio 1.8.1's ValidateVirtualService (pkg/config/validation), message for message and in the same
 * order.
 */
final class VirtualServiceRules {
  private VirtualServiceRules() {}

  private enum RouteType {
    INDEPENDENT,
    ROOT,
    DELEGATE
  }

  static final Set<String> RETRY_ON =
      Set.of(
          "5xx",
          "gateway-error",
          "reset",
          "connect-failure",
          "retriable-4xx",
          "refused-stream",
          "retriable-status-codes",
          "cancelled",
          "deadline-exceeded",
          "internal",
          "resource-exhausted",
          "unavailable");
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE");

  static void validate(Checks c, YamlNode spec, String namespace, IstioProfile profile) {
    List<YamlNode> hosts = list(spec, "hosts");
    List<YamlNode> gateways = list(spec, "gateways");
    List<YamlNode> http = list(spec, "http");
    List<YamlNode> tcp = list(spec, "tcp");
    List<YamlNode> tls = list(spec, "tls");
    Pos specPos = spec.pos();

    // PILOT_ENABLE_VIRTUAL_SERVICE_DELEGATE is on in 1.8: a VirtualService without hosts is a
    // delegate.
    boolean isDelegate = hosts.isEmpty();
    if (isDelegate) {
      if (!gateways.isEmpty()) {
        c.add("delegate virtual service must have no gateways specified", pos(spec, "gateways"));
      }
      if (!tls.isEmpty()) {
        c.add("delegate virtual service must have no tls route specified", pos(spec, "tls"));
      }
      if (!tcp.isEmpty()) {
        c.add("delegate virtual service must have no tcp route specified", pos(spec, "tcp"));
      }
    }

    boolean appliesToMesh = gateways.isEmpty();
    gatewayNames(c, gateways);
    for (YamlNode g : gateways) {
      if (text(g).equals("mesh")) {
        appliesToMesh = true;
      }
    }

    boolean allHostsValid = true;
    for (YamlNode h : hosts) {
      String host = text(h);
      String err = Checks.wildcardDomain(host);
      if (err != null) {
        if (!Checks.isIp(host)) {
          c.add(err, h.pos());
          allHostsValid = false;
        }
      } else if (appliesToMesh && host.equals("*")) {
        c.add(
            "wildcard host * is not allowed for virtual services bound to the mesh gateway",
            h.pos());
        allHostsValid = false;
      }
    }
    if (allHostsValid) {
      for (int i = 0; i < hosts.size(); i++) {
        String hi = text(hosts.get(i));
        for (int j = i + 1; j < hosts.size(); j++) {
          String hj = text(hosts.get(j));
          if (hostMatches(hi, hj)) {
            c.add("duplicate hosts in virtual service: " + hi + " & " + hj, hosts.get(j).pos());
          }
        }
      }
    }

    if (http.isEmpty() && tcp.isEmpty() && tls.isEmpty()) {
      c.add(GoErr.of("http, tcp or tls must be provided in virtual service", specPos));
    }
    for (YamlNode route : http) {
      httpRoute(c, route, isDelegate, profile);
    }
    for (YamlNode route : tls) {
      tlsRoute(c, route, hosts, profile);
    }
    for (YamlNode route : tcp) {
      tcpRoute(c, route, profile);
    }
    c.add(Checks.exportTo(namespace, list(spec, "exportTo"), false));
  }

  /** host.Name.Matches: equal names, or a wildcard covering the other. */
  static boolean hostMatches(String n, String o) {
    boolean nw = n.startsWith("*");
    boolean ow = o.startsWith("*");
    if (nw) {
      if (ow) {
        return n.length() < o.length()
            ? o.substring(1).endsWith(n.substring(1))
            : n.substring(1).endsWith(o.substring(1));
      }
      return o.endsWith(n.substring(1));
    }
    if (ow) {
      return n.endsWith(o.substring(1));
    }
    return n.equals(o);
  }

  static void gatewayNames(Checks c, List<YamlNode> gateways) {
    for (YamlNode g : gateways) {
      String name = text(g);
      int slash = name.indexOf('/');
      if (slash < 0) {
        if (name.contains(".")) {
          String[] parts = name.split("\\.", -1);
          c.warn(
              "using legacy gatewayName format \""
                  + name
                  + "\"; prefer the <namespace>/<name> format: \""
                  + parts[1]
                  + "/"
                  + parts[0]
                  + "\"",
              g.pos());
        }
        String err = Checks.fqdn(name);
        if (err != null) {
          c.add(err, g.pos());
        }
        // Istio 1.8.1 stops checking the list after the first legacy-style name.
        return;
      }
      String ns = name.substring(0, slash);
      String gw = name.substring(slash + 1);
      if (ns.isEmpty() || gw.isEmpty()) {
        c.add("config namespace and gateway name cannot be empty", g.pos());
      }
      if (!Checks.isDns1123Label(ns)) {
        c.add("invalid value for namespace: \"" + ns + "\"", g.pos());
      }
      if (!Checks.isDns1123Label(gw)) {
        c.add("invalid value for gateway name: \"" + gw + "\"", g.pos());
      }
    }
  }

  private static void httpRoute(Checks c, YamlNode http, boolean delegate, IstioProfile profile) {
    RouteType type =
        delegate
            ? RouteType.DELEGATE
            : child(http, "delegate") != null ? RouteType.ROOT : RouteType.INDEPENDENT;
    String name = strOrEmpty(http, "name");
    YamlNode redirect = child(http, "redirect");
    YamlNode route = child(http, "route");
    List<YamlNode> routes = list(http, "route");
    if (type == RouteType.ROOT) {
      if (redirect != null) {
        c.add("root HTTP route " + name + " must not specify redirect", redirect.pos());
      }
      if (route != null) {
        c.add("root HTTP route " + name + " must not specify route", route.pos());
      }
    } else {
      if (type == RouteType.DELEGATE && child(http, "delegate") != null) {
        c.add("delegate HTTP route cannot contain delegate", pos(http, "delegate"));
      }
      if (redirect != null) {
        if (!routes.isEmpty()) {
          c.add("HTTP route cannot contain both route and redirect", redirect.pos());
        }
        if (child(http, "fault") != null) {
          c.add("HTTP route cannot contain both fault and redirect", pos(http, "fault"));
        }
        if (child(http, "rewrite") != null) {
          c.add("HTTP route rule cannot contain both rewrite and redirect", pos(http, "rewrite"));
        }
      } else if (routes.isEmpty()) {
        c.add("HTTP route or redirect is required", http.pos());
      }
    }

    matches(c, http, type);

    headerOperations(c, child(http, "headers"));
    cors(c, child(http, "corsPolicy"));
    fault(c, child(http, "fault"));

    YamlNode mirrorPercent = child(http, "mirrorPercent");
    if (mirrorPercent != null) {
      long v = lngOrZero(http, "mirrorPercent");
      if (v > 100) {
        c.add(
            "mirror_percent must have a max value of 100 (it has " + v + ")", mirrorPercent.pos());
      }
      c.warn(
          "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead",
          mirrorPercent.pos());
    }
    YamlNode mirrorPercentage = child(http, "mirrorPercentage");
    if (mirrorPercentage != null) {
      Double v = Checks.num(mirrorPercentage, "value");
      if (v != null && v > 100) {
        c.add(
            "mirror_percentage must have a max value of 100 (it has " + GoFormat.f(v) + ")",
            pos(mirrorPercentage, "value"));
      }
    }
    c.add(destination(child(http, "mirror")));
    c.add(redirect(redirect));
    retries(c, child(http, "retries"));
    YamlNode rewrite = child(http, "rewrite");
    if (rewrite != null
        && strOrEmpty(rewrite, "uri").isEmpty()
        && strOrEmpty(rewrite, "authority").isEmpty()) {
      c.add("rewrite must specify URI, authority, or both", rewrite.pos());
    }
    c.add(routeDestinations(routes, profile));
    c.add(Checks.duration(child(http, "timeout")));
  }

  private static void matches(Checks c, YamlNode http, RouteType type) {
    for (YamlNode match : list(http, "match")) {
      if (type == RouteType.INDEPENDENT) {
        for (YamlNode.Entry h : entries(match, "headers")) {
          c.add(headerName(h.key(), h.keyPos()));
          c.add(regex(h.value(), "headers"));
        }
        c.add(regex(child(match, "uri"), "uri"));
        c.add(regex(child(match, "scheme"), "scheme"));
        c.add(regex(child(match, "method"), "method"));
        c.add(regex(child(match, "authority"), "authority"));
        for (YamlNode.Entry q : entries(match, "queryParams")) {
          c.add(regex(q.value(), "queryParams"));
        }
      } else {
        noRegex(c, child(match, "uri"), "url match does not support regex match for delegating");
        noRegex(
            c, child(match, "scheme"), "scheme match does not support regex match for delegating");
        noRegex(
            c, child(match, "method"), "method match does not support regex match for delegating");
        noRegex(
            c,
            child(match, "authority"),
            "authority match does not support regex match for delegating");
        for (YamlNode.Entry h : entries(match, "headers")) {
          noRegex(
              c,
              h.value(),
              "header match " + h.key() + " does not support regex match for delegating");
          c.add(headerName(h.key(), h.keyPos()));
        }
        for (YamlNode.Entry q : entries(match, "queryParams")) {
          noRegex(
              c,
              q.value(),
              "query param match " + q.key() + " does not support regex match for delegating");
        }
        for (YamlNode.Entry h : entries(match, "withoutHeaders")) {
          noRegex(
              c,
              h.value(),
              "withoutHeaders match " + h.key() + " does not support regex match for delegating");
          c.add(headerName(h.key(), h.keyPos()));
        }
      }
    }
    for (YamlNode match : list(http, "match")) {
      Long port = lng(match, "port");
      if (port != null && port != 0) {
        c.add(Checks.port(port, pos(match, "port")));
      }
      c.add(Checks.labels(entries(match, "sourceLabels")));
      gatewayNames(c, list(match, "gateways"));
      String sourceNamespace = str(match, "sourceNamespace");
      if (sourceNamespace != null
          && !sourceNamespace.isEmpty()
          && !Checks.isDns1123Label(sourceNamespace)) {
        c.add(
            "sourceNamespace match " + sourceNamespace + " is invalid",
            pos(match, "sourceNamespace"));
      }
    }
  }

  private static void noRegex(Checks c, YamlNode stringMatch, String message) {
    if (stringMatch != null && !strOrEmpty(stringMatch, "regex").isEmpty()) {
      c.add(message, pos(stringMatch, "regex"));
    }
  }

  static GoErr headerName(String name, Pos pos) {
    return name.isEmpty() ? GoErr.of("header name cannot be empty", pos) : null;
  }

  /** validateStringMatchRegexp: RE2 syntax, with Go's error words. */
  static GoErr regex(YamlNode stringMatch, String where) {
    String re = strOrEmpty(stringMatch, "regex");
    if (re.isEmpty()) {
      return null;
    }
    String err = GoRegexp.compileError(re);
    if (err == null) {
      return null;
    }
    return GoErr.of(
        "\""
            + where
            + "\": "
            + err
            + "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)",
        pos(stringMatch, "regex"));
  }

  private static void headerOperations(Checks c, YamlNode headers) {
    for (String side : List.of("request", "response")) {
      YamlNode ops = child(headers, side);
      for (String kind : List.of("add", "set")) {
        for (YamlNode.Entry e : entries(ops, kind)) {
          c.add(headerName(e.key(), e.keyPos()));
          String v = text(e.value());
          if (v.chars().filter(ch -> ch == '%').count() % 2 != 0) {
            c.add(
                "single % not allowed.  Escape by doubling to %% or encase Envoy variable name in pair of %",
                e.value().pos());
          }
        }
      }
      for (YamlNode r : list(ops, "remove")) {
        c.add(headerName(text(r), r.pos()));
      }
    }
  }

  private static void cors(Checks c, YamlNode policy) {
    if (policy == null) {
      return;
    }
    for (YamlNode origin : list(policy, "allowOrigins")) {
      String match = "";
      for (String k : List.of("exact", "prefix", "regex")) {
        if (str(origin, k) != null) {
          match = str(origin, k);
        }
      }
      if (match.isEmpty()) {
        c.add("'" + match + "' is not a valid match type for CORS allow origins", origin.pos());
      } else {
        c.add(regex(origin, "corsPolicy.allowOrigins"));
      }
    }
    for (YamlNode m : list(policy, "allowMethods")) {
      if (!METHODS.contains(text(m))) {
        c.add("\"" + text(m) + "\" is not a supported HTTP method", m.pos());
      }
    }
    for (YamlNode h : list(policy, "allowHeaders")) {
      c.add(headerName(text(h), h.pos()));
    }
    for (YamlNode h : list(policy, "exposeHeaders")) {
      c.add(headerName(text(h), h.pos()));
    }
    YamlNode maxAge = child(policy, "maxAge");
    if (maxAge != null) {
      c.add(Checks.duration(maxAge));
      try {
        if (GoDuration.parseNanos(text(maxAge)) % 1_000_000_000L != 0) {
          c.addMulti("max_age duration is accurate only to seconds precision", maxAge.pos());
        }
      } catch (GoDuration.BadDuration ignored) {
        // reported as a decode error before validation
      }
    }
  }

  private static void fault(Checks c, YamlNode fault) {
    if (fault == null) {
      return;
    }
    YamlNode abort = child(fault, "abort");
    YamlNode delay = child(fault, "delay");
    GoErr errs = null;
    if (abort == null && delay == null) {
      errs =
          GoErr.multi(
              null,
              GoErr.of("HTTP fault injection must have an abort and/or a delay", fault.pos()));
    }
    if (abort != null) {
      GoErr a = Checks.percentage(child(abort, "percentage"));
      if (child(abort, "grpcStatus") != null) {
        a =
            GoErr.multi(
                a,
                GoErr.of("gRPC abort fault injection not supported yet", pos(abort, "grpcStatus")));
      } else if (child(abort, "http2Error") != null) {
        a =
            GoErr.multi(
                a,
                GoErr.of(
                    "HTTP/2 abort fault injection not supported yet", pos(abort, "http2Error")));
      } else if (child(abort, "httpStatus") != null) {
        long status = lngOrZero(abort, "httpStatus");
        if (status < 200 || status > 600) {
          a =
              GoErr.append(
                  a,
                  GoErr.of(
                      "HTTP status " + status + " is not in range 200-599",
                      pos(abort, "httpStatus")));
        }
      }
      errs = GoErr.append(errs, a);
    }
    if (delay != null) {
      GoErr d = Checks.percentage(child(delay, "percentage"));
      if (child(delay, "fixedDelay") != null) {
        d = GoErr.append(d, Checks.duration(child(delay, "fixedDelay")));
      } else if (child(delay, "exponentialDelay") != null) {
        d = GoErr.append(d, Checks.duration(child(delay, "exponentialDelay")));
        d =
            GoErr.multi(
                d, GoErr.of("exponentialDelay not supported yet", pos(delay, "exponentialDelay")));
      }
      errs = GoErr.append(errs, d);
    }
    c.add(errs);
  }

  static GoErr destination(YamlNode destination) {
    if (destination == null) {
      return null;
    }
    GoErr errs = null;
    String host = strOrEmpty(destination, "host");
    Pos hostPos = pos(destination, "host");
    if (host.equals("*")) {
      errs = GoErr.append(errs, GoErr.of("invalid destination host *", hostPos));
    } else {
      String e = Checks.wildcardDomain(host);
      errs = GoErr.append(errs, e == null ? null : GoErr.of(e, hostPos));
    }
    String subset = str(destination, "subset");
    if (subset != null && !subset.isEmpty()) {
      errs = GoErr.append(errs, subsetName(subset, pos(destination, "subset")));
    }
    YamlNode port = child(destination, "port");
    if (port != null) {
      errs = GoErr.append(errs, Checks.port(lngOrZero(port, "number"), pos(port, "number")));
    }
    return errs;
  }

  static GoErr subsetName(String name, Pos pos) {
    if (name.isEmpty()) {
      return GoErr.of("subset name cannot be empty", pos);
    }
    if (!Checks.isDns1123Label(name)) {
      return GoErr.of("subset name is invalid: " + name, pos);
    }
    return null;
  }

  private static GoErr redirect(YamlNode redirect) {
    if (redirect == null) {
      return null;
    }
    if (strOrEmpty(redirect, "uri").isEmpty() && strOrEmpty(redirect, "authority").isEmpty()) {
      return GoErr.of("redirect must specify URI, authority, or both", redirect.pos());
    }
    long code = lngOrZero(redirect, "redirectCode");
    if (code != 0 && (code < 300 || code > 399)) {
      return GoErr.of(
          code + " is not a valid redirect code, must be 3xx", pos(redirect, "redirectCode"));
    }
    return null;
  }

  private static void retries(Checks c, YamlNode retries) {
    if (retries == null) {
      return;
    }
    long attempts = lngOrZero(retries, "attempts");
    if (attempts < 0) {
      c.addMulti("attempts cannot be negative", pos(retries, "attempts"));
    }
    YamlNode perTry = child(retries, "perTryTimeout");
    String retryOn = strOrEmpty(retries, "retryOn");
    if (attempts == 0
        && (perTry != null
            || !retryOn.isEmpty()
            || child(retries, "retryRemoteLocalities") != null)) {
      c.add("http retry policy configured when attempts are set to 0 (disabled)", retries.pos());
    }
    c.add(Checks.duration(perTry));
    if (!retryOn.isEmpty()) {
      for (String policy : retryOn.split(",", -1)) {
        if (GoHttpStatus.statusCode(policy) < 0 && !RETRY_ON.contains(policy)) {
          c.add("\"" + policy + "\" is not a valid retryOn policy", pos(retries, "retryOn"));
        }
      }
    }
  }

  static GoErr routeDestinations(List<YamlNode> routes, IstioProfile profile) {
    GoErr errs = null;
    long total = 0;
    for (YamlNode r : routes) {
      YamlNode destination = child(r, "destination");
      if (destination == null) {
        errs = GoErr.multi(errs, GoErr.of("destination is required", r.pos()));
      }
      YamlNode headers = child(r, "headers");
      for (String side : List.of("request", "response")) {
        YamlNode ops = child(headers, side);
        for (String kind : List.of("add", "set")) {
          for (YamlNode.Entry e : entries(ops, kind)) {
            errs = GoErr.append(errs, headerName(e.key(), e.keyPos()));
            String v = text(e.value());
            if (v.chars().filter(ch -> ch == '%').count() % 2 != 0) {
              errs =
                  GoErr.append(
                      errs,
                      GoErr.of(
                          "single % not allowed.  Escape by doubling to %% or encase Envoy variable name in pair of %",
                          e.value().pos()));
            }
          }
        }
        for (YamlNode rm : list(ops, "remove")) {
          errs = GoErr.append(errs, headerName(text(rm), rm.pos()));
        }
      }
      errs = GoErr.append(errs, destination(destination));
      long weight = lngOrZero(r, "weight");
      if (profile.relativeWeights()) {
        if (weight < 0) {
          errs = GoErr.append(errs, GoErr.of("weight " + weight + " < 0", pos(r, "weight")));
        }
      } else {
        errs = GoErr.append(errs, Checks.percent(weight, pos(r, "weight")));
      }
      total += weight;
    }
    // The sum is the route's fault, but the editor should mark a line the learner edits: the first
    // weight.
    Pos sumPos = routes.isEmpty() ? Pos.UNKNOWN : pos(routes.get(0), "weight");
    if (routes.size() > 1 && profile.relativeWeights() && total == 0) {
      errs = GoErr.append(errs, GoErr.of("total destination weight = 0", sumPos));
    } else if (routes.size() > 1 && !profile.relativeWeights() && total != 100) {
      errs = GoErr.append(errs, GoErr.of("total destination weight " + total + " != 100", sumPos));
    }
    return errs;
  }

  private static void tlsRoute(Checks c, YamlNode tls, List<YamlNode> hosts, IstioProfile profile) {
    List<YamlNode> match = list(tls, "match");
    if (match.isEmpty()) {
      c.add("TLS route must have at least one match condition", tls.pos());
    }
    for (YamlNode m : match) {
      List<YamlNode> sni = list(m, "sniHosts");
      if (sni.isEmpty()) {
        c.add("TLS match must have at least one SNI host", m.pos());
      }
      for (YamlNode s : sni) {
        String host = text(s);
        String err = Checks.wildcardDomain(host);
        if (err != null && !Checks.isIp(host)) {
          c.add(err, s.pos());
          continue;
        }
        boolean compatible = hosts.stream().anyMatch(h -> subsetOf(host, text(h)));
        if (!compatible) {
          c.add(
              "SNI host \""
                  + host
                  + "\" is not a compatible subset of any of the virtual service hosts: ["
                  + String.join(", ", hosts.stream().map(Checks::text).toList())
                  + "]",
              s.pos());
        }
      }
      l4Match(c, m);
    }
    if (list(tls, "route").isEmpty()) {
      c.add("TLS route is required", tls.pos());
    }
    c.add(routeDestinations(list(tls, "route"), profile));
  }

  private static boolean subsetOf(String n, String o) {
    if (o.startsWith("*")) {
      return n.startsWith("*")
          ? n.substring(1).endsWith(o.substring(1))
          : n.endsWith(o.substring(1));
    }
    return !n.startsWith("*") && n.equals(o);
  }

  private static void tcpRoute(Checks c, YamlNode tcp, IstioProfile profile) {
    for (YamlNode m : list(tcp, "match")) {
      l4Match(c, m);
    }
    if (list(tcp, "route").isEmpty()) {
      c.add("TCP route is required", tcp.pos());
    }
    c.add(routeDestinations(list(tcp, "route"), profile));
  }

  private static void l4Match(Checks c, YamlNode m) {
    Long port = lng(m, "port");
    if (port != null && port != 0) {
      c.add(Checks.port(port, pos(m, "port")));
    }
    c.add(Checks.labels(entries(m, "sourceLabels")));
    gatewayNames(c, list(m, "gateways"));
  }
}
