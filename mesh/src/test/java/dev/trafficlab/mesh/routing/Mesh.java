package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Inventory;
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
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small builder of Istio objects as model records (what the YAML decoder would produce), so
 * routing can be tested without the parser. Objects get increasing creation timestamps in the order
 * they are added.
 */
public final class Mesh {
  private final List<Resource> objects = new ArrayList<>();
  private final Set<String> namespaces = new java.util.HashSet<>();
  private IstioProfile profile = IstioProfile.ISTIO_1_8;
  private long clock = 1_600_000_000L;

  public static Mesh bookinfo() {
    return new Mesh();
  }

  private boolean frozen;

  /**
   * Objects added from now on share one creation timestamp (ties are broken by "name.namespace").
   */
  public Mesh freezeClock() {
    frozen = true;
    return this;
  }

  public Mesh profile(IstioProfile p) {
    this.profile = p;
    return this;
  }

  public Mesh namespace(String ns) {
    namespaces.add(ns);
    return this;
  }

  public Mesh add(ResourceKind kind, String ns, String name, Object spec) {
    ObjectMeta meta =
        new ObjectMeta(
            name,
            ns,
            Map.of(),
            Map.of(),
            "uid-" + name,
            "1",
            1L,
            Instant.ofEpochSecond(frozen ? clock : clock++),
            Pos.UNKNOWN);
    objects.add(new Resource(kind, "networking.istio.io/v1alpha3", meta, spec, Map.of()));
    return this;
  }

  public Mesh vs(String name, VirtualServiceSpec spec) {
    return add(ResourceKind.VIRTUAL_SERVICE, "default", name, spec);
  }

  public Mesh vs(String ns, String name, VirtualServiceSpec spec) {
    return add(ResourceKind.VIRTUAL_SERVICE, ns, name, spec);
  }

  public Mesh dr(String name, DestinationRuleSpec spec) {
    return add(ResourceKind.DESTINATION_RULE, "default", name, spec);
  }

  public Mesh dr(String ns, String name, DestinationRuleSpec spec) {
    return add(ResourceKind.DESTINATION_RULE, ns, name, spec);
  }

  public Mesh gateway(String name, GatewaySpec spec) {
    return add(ResourceKind.GATEWAY, "default", name, spec);
  }

  /** destination-rule-all.yaml: subsets v1..; ratings also v2-mysql and v2-mysql-vm. */
  public Mesh destinationRuleAll() {
    dr("productpage", drSpec("productpage", null, subset("v1")));
    dr("reviews", drSpec("reviews", null, subset("v1"), subset("v2"), subset("v3")));
    dr(
        "ratings",
        drSpec(
            "ratings",
            null,
            subset("v1"),
            subset("v2"),
            subset("v2-mysql"),
            subset("v2-mysql-vm")));
    return dr("details", drSpec("details", null, subset("v1"), subset("v2")));
  }

  /** bookinfo-gateway.yaml. */
  public Mesh bookinfoGateway() {
    gateway(
        "bookinfo-gateway",
        new GatewaySpec(
            Map.of("istio", "ingressgateway"),
            List.of(new GatewaySpec.Server(80, "http", "HTTP", List.of("*"), Pos.UNKNOWN)),
            Pos.UNKNOWN));
    return vs(
        "bookinfo",
        new VirtualServiceSpec(
            List.of("*"),
            List.of("bookinfo-gateway"),
            List.of(
                rule(
                    List.of(
                        match().uri(StringMatch.exact("/productpage")).build(),
                        match().uri(StringMatch.prefix("/static")).build(),
                        match().uri(StringMatch.exact("/login")).build(),
                        match().uri(StringMatch.exact("/logout")).build(),
                        match().uri(StringMatch.prefix("/api/v1/products")).build()),
                    dest("productpage", null, 9080))),
            null,
            null,
            null,
            Pos.UNKNOWN));
  }

  public Snapshot snapshot() {
    return Snapshot.of(2, objects, namespaces, Inventory.bookinfo(), profile);
  }

  public RouteTable table() {
    return snapshot().routes();
  }

  // ------------------------------------------------------------------ spec helpers

  public static VirtualServiceSpec vsSpec(List<String> hosts, HttpRoute... rules) {
    return new VirtualServiceSpec(hosts, null, List.of(rules), null, null, null, Pos.UNKNOWN);
  }

  public static VirtualServiceSpec vsSpec(String host, HttpRoute... rules) {
    return vsSpec(List.of(host), rules);
  }

  public static VirtualServiceSpec gatewayVs(
      List<String> hosts, List<String> gateways, HttpRoute... rules) {
    return new VirtualServiceSpec(hosts, gateways, List.of(rules), null, null, null, Pos.UNKNOWN);
  }

  public static DestinationRuleSpec drSpec(
      String host, Map<String, Object> policy, DestinationRuleSpec.Subset... subsets) {
    return new DestinationRuleSpec(host, policy, List.of(subsets), null, Pos.UNKNOWN);
  }

  public static DestinationRuleSpec.Subset subset(String name) {
    return new DestinationRuleSpec.Subset(name, Map.of("version", name), null, Pos.UNKNOWN);
  }

  public static DestinationRuleSpec.Subset subset(String name, Map<String, Object> policy) {
    return new DestinationRuleSpec.Subset(name, Map.of("version", name), policy, Pos.UNKNOWN);
  }

  public static HttpRouteDestination dest(String host, String subset) {
    return new HttpRouteDestination(
        new Destination(host, subset, null, Pos.UNKNOWN), null, null, Pos.UNKNOWN);
  }

  public static HttpRouteDestination dest(String host, String subset, Integer port) {
    return new HttpRouteDestination(
        new Destination(host, subset, port, Pos.UNKNOWN), null, null, Pos.UNKNOWN);
  }

  public static HttpRouteDestination weighted(String host, String subset, int weight) {
    return new HttpRouteDestination(
        new Destination(host, subset, null, Pos.UNKNOWN), weight, null, Pos.UNKNOWN);
  }

  public static HttpRoute rule(List<HttpMatchRequest> match, HttpRouteDestination... route) {
    return new Rule().match(match).route(route).build();
  }

  public static HttpRoute rule(HttpRouteDestination... route) {
    return new Rule().route(route).build();
  }

  public static Rule ruleBuilder() {
    return new Rule();
  }

  public static Match match() {
    return new Match();
  }

  /** A rule matching header end-user exactly. */
  public static HttpMatchRequest endUser(String value) {
    return match().header("end-user", StringMatch.exact(value)).build();
  }

  public static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A mutable builder of HttpRoute. */
  public static final class Rule {
    String name;
    List<HttpMatchRequest> match = List.of();
    List<HttpRouteDestination> route = List.of();
    HttpRedirect redirect;
    Delegate delegate;
    HttpRewrite rewrite;
    Long timeoutMs;
    HttpRetry retries;
    HttpFault fault;
    Destination mirror;
    Double mirrorPercentage;
    Integer mirrorPercent;
    Map<String, Object> cors;
    Headers headers;

    public Rule name(String n) {
      name = n;
      return this;
    }

    public Rule match(List<HttpMatchRequest> m) {
      match = m;
      return this;
    }

    public Rule match(HttpMatchRequest... m) {
      match = Arrays.asList(m);
      return this;
    }

    public Rule route(HttpRouteDestination... r) {
      route = List.of(r);
      return this;
    }

    public Rule redirect(HttpRedirect r) {
      redirect = r;
      return this;
    }

    public Rule delegate(String name, String ns) {
      delegate = new Delegate(name, ns, Pos.UNKNOWN);
      return this;
    }

    public Rule rewrite(String uri) {
      rewrite = new HttpRewrite(uri, null, Pos.UNKNOWN);
      return this;
    }

    public Rule timeoutMs(long t) {
      timeoutMs = t;
      return this;
    }

    public Rule retries(Integer attempts, Long perTryMs, String retryOn) {
      retries = new HttpRetry(attempts, perTryMs, retryOn, null, Pos.UNKNOWN);
      return this;
    }

    public Rule delay(Long ms, Double percentage, Integer percent) {
      fault =
          new HttpFault(
              new HttpFault.Delay(ms, null, percentage, percent, Pos.UNKNOWN),
              fault == null ? null : fault.abort(),
              Pos.UNKNOWN);
      return this;
    }

    public Rule abort(Integer status, Double percentage) {
      fault =
          new HttpFault(
              fault == null ? null : fault.delay(),
              new HttpFault.Abort(status, null, null, percentage, Pos.UNKNOWN),
              Pos.UNKNOWN);
      return this;
    }

    public Rule mirror(String host, String subset, Double percentage, Integer percent) {
      mirror = new Destination(host, subset, null, Pos.UNKNOWN);
      mirrorPercentage = percentage;
      mirrorPercent = percent;
      return this;
    }

    public Rule cors(Map<String, Object> c) {
      cors = c;
      return this;
    }

    public Rule headers(Headers h) {
      headers = h;
      return this;
    }

    public HttpRoute build() {
      return new HttpRoute(
          name,
          match,
          route,
          redirect,
          delegate,
          rewrite,
          timeoutMs,
          retries,
          fault,
          mirror,
          mirrorPercentage,
          mirrorPercent,
          cors,
          headers,
          Pos.UNKNOWN);
    }
  }

  /** A mutable builder of HttpMatchRequest. */
  public static final class Match {
    String name;
    StringMatch uri;
    StringMatch scheme;
    StringMatch method;
    StringMatch authority;
    Map<String, StringMatch> headers = new LinkedHashMap<>();
    Map<String, StringMatch> withoutHeaders = new LinkedHashMap<>();
    Map<String, StringMatch> queryParams = new LinkedHashMap<>();
    Integer port;
    Map<String, String> sourceLabels = new LinkedHashMap<>();
    String sourceNamespace;
    List<String> gateways = new ArrayList<>();
    Boolean ignoreUriCase;

    public Match uri(StringMatch m) {
      uri = m;
      return this;
    }

    public Match method(StringMatch m) {
      method = m;
      return this;
    }

    public Match scheme(StringMatch m) {
      scheme = m;
      return this;
    }

    public Match authority(StringMatch m) {
      authority = m;
      return this;
    }

    public Match header(String name, StringMatch m) {
      headers.put(name, m);
      return this;
    }

    public Match withoutHeader(String name, StringMatch m) {
      withoutHeaders.put(name, m);
      return this;
    }

    public Match query(String name, StringMatch m) {
      queryParams.put(name, m);
      return this;
    }

    public Match port(int p) {
      port = p;
      return this;
    }

    public Match sourceLabel(String k, String v) {
      sourceLabels.put(k, v);
      return this;
    }

    public Match sourceNamespace(String ns) {
      sourceNamespace = ns;
      return this;
    }

    public Match gateway(String g) {
      gateways.add(g);
      return this;
    }

    public Match ignoreUriCase() {
      ignoreUriCase = true;
      return this;
    }

    public HttpMatchRequest build() {
      return new HttpMatchRequest(
          name,
          uri,
          scheme,
          method,
          authority,
          headers,
          withoutHeaders,
          queryParams,
          port,
          sourceLabels,
          sourceNamespace,
          gateways,
          ignoreUriCase,
          Pos.UNKNOWN);
    }
  }

  public static final StringMatch PRESENT =
      new StringMatch(StringMatch.Type.PRESENCE, null, Pos.UNKNOWN);
}
