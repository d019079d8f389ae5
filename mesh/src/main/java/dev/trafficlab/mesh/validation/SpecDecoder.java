package dev.trafficlab.mesh.validation;

import static dev.trafficlab.mesh.validation.Checks.bool;
import static dev.trafficlab.mesh.validation.Checks.child;
import static dev.trafficlab.mesh.validation.Checks.entries;
import static dev.trafficlab.mesh.validation.Checks.list;
import static dev.trafficlab.mesh.validation.Checks.lng;
import static dev.trafficlab.mesh.validation.Checks.num;
import static dev.trafficlab.mesh.validation.Checks.str;
import static dev.trafficlab.mesh.validation.Checks.text;

import dev.trafficlab.mesh.model.Delegate;
import dev.trafficlab.mesh.model.Destination;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.GatewaySpec;
import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.model.HttpFault;
import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRetry;
import dev.trafficlab.mesh.model.HttpRewrite;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.KubeSpec;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.ServiceEntrySpec;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.TcpRoute;
import dev.trafficlab.mesh.model.TlsRoute;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a schema-checked (pruned) spec into the typed model records, keeping each node's position.
 * Durations become milliseconds. Only call it on a spec whose {@link SchemaCheck.Result} had no
 * causes and no decode error.
 */
public final class SpecDecoder {
  private SpecDecoder() {}

  public static Object decode(ResourceKind kind, YamlNode spec) {
    YamlNode s = spec == null ? new YamlNode.Mapping(List.of(), Pos.UNKNOWN) : spec;
    return switch (kind) {
      case VIRTUAL_SERVICE -> virtualService(s);
      case DESTINATION_RULE -> destinationRule(s);
      case GATEWAY -> gateway(s);
      case SERVICE_ENTRY -> serviceEntry(s);
      default -> new KubeSpec();
    };
  }

  static VirtualServiceSpec virtualService(YamlNode s) {
    return new VirtualServiceSpec(
        strings(s, "hosts"),
        strings(s, "gateways"),
        list(s, "http").stream().map(SpecDecoder::httpRoute).toList(),
        list(s, "tcp").stream()
            .map(t -> new TcpRoute(rawList(t, "match"), routeDestinations(t), t.pos()))
            .toList(),
        list(s, "tls").stream()
            .map(t -> new TlsRoute(rawList(t, "match"), routeDestinations(t), t.pos()))
            .toList(),
        strings(s, "exportTo"),
        s.pos());
  }

  private static HttpRoute httpRoute(YamlNode h) {
    YamlNode redirect = child(h, "redirect");
    YamlNode delegate = child(h, "delegate");
    YamlNode rewrite = child(h, "rewrite");
    YamlNode retries = child(h, "retries");
    YamlNode mirrorPercentage = child(h, "mirrorPercentage");
    return new HttpRoute(
        str(h, "name"),
        list(h, "match").stream().map(SpecDecoder::match).toList(),
        routeDestinations(h),
        redirect == null
            ? null
            : new HttpRedirect(
                str(redirect, "uri"),
                str(redirect, "authority"),
                integer(redirect, "redirectCode"),
                redirect.pos()),
        delegate == null
            ? null
            : new Delegate(str(delegate, "name"), str(delegate, "namespace"), delegate.pos()),
        rewrite == null
            ? null
            : new HttpRewrite(str(rewrite, "uri"), str(rewrite, "authority"), rewrite.pos()),
        millis(h, "timeout"),
        retries == null
            ? null
            : new HttpRetry(
                integer(retries, "attempts"),
                millis(retries, "perTryTimeout"),
                str(retries, "retryOn"),
                bool(retries, "retryRemoteLocalities"),
                retries.pos()),
        fault(child(h, "fault")),
        destination(child(h, "mirror")),
        mirrorPercentage == null ? null : valueOrZero(mirrorPercentage),
        integer(h, "mirrorPercent"),
        rawMap(child(h, "corsPolicy")),
        headers(child(h, "headers")),
        h.pos());
  }

  private static Double valueOrZero(YamlNode percent) {
    Double v = num(percent, "value");
    return v == null ? 0.0 : v;
  }

  private static HttpFault fault(YamlNode f) {
    if (f == null) {
      return null;
    }
    YamlNode d = child(f, "delay");
    YamlNode a = child(f, "abort");
    HttpFault.Delay delay =
        d == null
            ? null
            : new HttpFault.Delay(
                millis(d, "fixedDelay"),
                millis(d, "exponentialDelay"),
                child(d, "percentage") == null ? null : valueOrZero(child(d, "percentage")),
                integer(d, "percent"),
                d.pos());
    HttpFault.Abort abort =
        a == null
            ? null
            : new HttpFault.Abort(
                integer(a, "httpStatus"),
                str(a, "grpcStatus"),
                str(a, "http2Error"),
                child(a, "percentage") == null ? null : valueOrZero(child(a, "percentage")),
                a.pos());
    return new HttpFault(delay, abort, f.pos());
  }

  private static HttpMatchRequest match(YamlNode m) {
    return new HttpMatchRequest(
        str(m, "name"),
        stringMatch(child(m, "uri")),
        stringMatch(child(m, "scheme")),
        stringMatch(child(m, "method")),
        stringMatch(child(m, "authority")),
        stringMatches(m, "headers"),
        stringMatches(m, "withoutHeaders"),
        stringMatches(m, "queryParams"),
        integer(m, "port"),
        stringMap(m, "sourceLabels"),
        str(m, "sourceNamespace"),
        strings(m, "gateways"),
        bool(m, "ignoreUriCase"),
        m.pos());
  }

  static StringMatch stringMatch(YamlNode n) {
    if (n == null) {
      return null;
    }
    YamlNode v;
    if ((v = child(n, "exact")) != null) {
      return new StringMatch(StringMatch.Type.EXACT, text(v), v.pos());
    }
    if ((v = child(n, "prefix")) != null) {
      return new StringMatch(StringMatch.Type.PREFIX, text(v), v.pos());
    }
    if ((v = child(n, "regex")) != null) {
      return new StringMatch(StringMatch.Type.REGEX, text(v), v.pos());
    }
    return new StringMatch(StringMatch.Type.PRESENCE, null, n.pos());
  }

  private static Map<String, StringMatch> stringMatches(YamlNode m, String key) {
    Map<String, StringMatch> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : entries(m, key)) {
      out.put(e.key(), stringMatch(e.value()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<HttpRouteDestination> routeDestinations(YamlNode h) {
    List<HttpRouteDestination> out = new ArrayList<>();
    for (YamlNode r : list(h, "route")) {
      out.add(
          new HttpRouteDestination(
              destination(child(r, "destination")),
              integer(r, "weight"),
              headers(child(r, "headers")),
              r.pos()));
    }
    return List.copyOf(out);
  }

  private static Destination destination(YamlNode d) {
    if (d == null) {
      return null;
    }
    return new Destination(
        str(d, "host"), str(d, "subset"), integer(child(d, "port"), "number"), d.pos());
  }

  private static Headers headers(YamlNode h) {
    if (h == null) {
      return null;
    }
    return new Headers(operations(child(h, "request")), operations(child(h, "response")));
  }

  private static Headers.Operations operations(YamlNode o) {
    if (o == null) {
      return null;
    }
    return new Headers.Operations(stringMap(o, "set"), stringMap(o, "add"), strings(o, "remove"));
  }

  static DestinationRuleSpec destinationRule(YamlNode s) {
    List<DestinationRuleSpec.Subset> subsets = new ArrayList<>();
    for (YamlNode sub : list(s, "subsets")) {
      subsets.add(
          new DestinationRuleSpec.Subset(
              str(sub, "name"),
              stringMap(sub, "labels"),
              rawMap(child(sub, "trafficPolicy")),
              sub.pos()));
    }
    return new DestinationRuleSpec(
        str(s, "host"),
        rawMap(child(s, "trafficPolicy")),
        subsets,
        strings(s, "exportTo"),
        s.pos());
  }

  static GatewaySpec gateway(YamlNode s) {
    List<GatewaySpec.Server> servers = new ArrayList<>();
    for (YamlNode srv : list(s, "servers")) {
      YamlNode port = child(srv, "port");
      servers.add(
          new GatewaySpec.Server(
              integer(port, "number"),
              str(port, "name"),
              str(port, "protocol"),
              strings(srv, "hosts"),
              srv.pos()));
    }
    return new GatewaySpec(stringMap(s, "selector"), servers, s.pos());
  }

  @SuppressWarnings("unchecked")
  static ServiceEntrySpec serviceEntry(YamlNode s) {
    List<Map<String, Object>> ports = new ArrayList<>();
    for (YamlNode p : list(s, "ports")) {
      ports.add((Map<String, Object>) SchemaCheck.toJson(p));
    }
    return new ServiceEntrySpec(
        strings(s, "hosts"), ports, str(s, "resolution"), str(s, "location"), s.pos());
  }

  // ---- helpers ----

  private static List<String> strings(YamlNode n, String key) {
    return list(n, key).stream().map(Checks::text).toList();
  }

  private static Map<String, String> stringMap(YamlNode n, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : entries(n, key)) {
      out.put(e.key(), text(e.value()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Integer integer(YamlNode n, String key) {
    Long l = lng(n, key);
    return l == null ? null : (int) (long) l;
  }

  private static Long millis(YamlNode n, String key) {
    String s = str(n, key);
    if (s == null) {
      return null;
    }
    try {
      return GoDuration.parseNanos(s) / 1_000_000L;
    } catch (GoDuration.BadDuration e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rawMap(YamlNode n) {
    return n == null
        ? null
        : Collections.unmodifiableMap((Map<String, Object>) SchemaCheck.toJson(n));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rawList(YamlNode n, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (YamlNode item : list(n, key)) {
      out.add((Map<String, Object>) SchemaCheck.toJson(item));
    }
    return List.copyOf(out);
  }
}
