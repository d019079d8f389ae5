package dev.trafficlab.bookinfo;

import dev.trafficlab.bookinfo.sidecar.DecisionSource;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRewrite;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.FaultPolicy;
import dev.trafficlab.mesh.routing.MirrorPolicy;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RetryPolicy;
import dev.trafficlab.mesh.routing.RouteOrigin;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Hand-made decisions for sidecar tests, standing in for the route table: per service (short name
 * of the called host) and optionally per snapshot revision, a function from the request to a
 * Decision. Services without a rule get Istio's default route (all pods, ROUND_ROBIN, 1.8's default
 * retries).
 */
final class Routes implements DecisionSource {
  static final RetryPolicy DEFAULT_RETRIES =
      new RetryPolicy(
          2,
          "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
          List.of(503),
          0);
  static final Inventory INVENTORY = Inventory.bookinfo();

  private final Map<String, BiFunction<Snapshot, RouteRequest, Decision>> rules =
      new ConcurrentHashMap<>();
  final List<RouteRequest> seen = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile boolean recordSeen;

  Routes rule(String service, BiFunction<Snapshot, RouteRequest, Decision> f) {
    rules.put(service, f);
    return this;
  }

  Routes rule(String service, Decision d) {
    return rule(service, (s, r) -> d);
  }

  @Override
  public Decision decide(Snapshot snapshot, RouteRequest request) {
    if (recordSeen) {
      seen.add(request);
    }
    String host = request.host();
    String svc =
        request.from().startsWith("istio-ingressgateway")
            ? "gateway"
            : host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    var f = rules.get(svc);
    if (f != null) {
      return f.apply(snapshot, request);
    }
    if (svc.equals("gateway")) {
      return route(target("productpage", "", 100)).build();
    }
    if (INVENTORY.service("default", svc).isPresent()) {
      return route(target(svc, "", 100)).build();
    }
    if (svc.equals("istio-ingressgateway")) {
      Service s = INVENTORY.service("istio-system", "istio-ingressgateway").orElseThrow();
      List<Pod> eps = INVENTORY.endpoints(s, Map.of());
      return route(
              new ClusterTarget(
                  s.fqdn(),
                  80,
                  "",
                  100,
                  "outbound|80||" + s.fqdn(),
                  Outcome.ROUTE,
                  eps,
                  Map.of(),
                  null))
          .build();
    }
    return new B(Outcome.PASSTHROUGH, List.of()).build();
  }

  static ClusterTarget target(String svc, String subset, int weight) {
    return target(svc, subset, weight, Map.of(), null);
  }

  static ClusterTarget target(
      String svc, String subset, int weight, Map<String, Object> policy, Headers headers) {
    Service s = INVENTORY.service("default", svc).orElseThrow();
    List<Pod> eps = INVENTORY.endpoints(s, subset.isEmpty() ? Map.of() : Map.of("version", subset));
    return new ClusterTarget(
        s.fqdn(),
        9080,
        subset,
        weight,
        "outbound|9080|" + subset + "|" + s.fqdn(),
        eps.isEmpty() ? Outcome.NO_HEALTHY_UPSTREAM : Outcome.ROUTE,
        eps,
        policy,
        headers);
  }

  static ClusterTarget missingSubset(String svc, String subset) {
    Service s = INVENTORY.service("default", svc).orElseThrow();
    return new ClusterTarget(
        s.fqdn(),
        9080,
        subset,
        100,
        "outbound|9080|" + subset + "|" + s.fqdn(),
        Outcome.CLUSTER_NOT_FOUND,
        List.of(),
        Map.of(),
        null);
  }

  static B route(ClusterTarget... targets) {
    return new B(Outcome.ROUTE, List.of(targets));
  }

  static B outcome(Outcome o, ClusterTarget... targets) {
    return new B(o, List.of(targets));
  }

  /** A Decision builder. */
  static final class B {
    Outcome outcome;
    List<ClusterTarget> targets;
    FaultPolicy fault;
    long timeoutMs;
    RetryPolicy retries = DEFAULT_RETRIES;
    MirrorPolicy mirror;
    HttpRewrite rewrite;
    HttpRedirect redirect;
    Headers headers;
    String matchedPrefix;
    boolean matchedExact;
    Map<String, Object> cors;

    B cors(Map<String, Object> policy) {
      cors = policy;
      return this;
    }

    B(Outcome outcome, List<ClusterTarget> targets) {
      this.outcome = outcome;
      this.targets = targets;
    }

    B delay(long ms, double pct) {
      fault = new FaultPolicy(new FaultPolicy.Delay(ms, pct), fault == null ? null : fault.abort());
      return this;
    }

    B abort(int status, double pct) {
      fault =
          new FaultPolicy(fault == null ? null : fault.delay(), new FaultPolicy.Abort(status, pct));
      return this;
    }

    B timeout(long ms) {
      timeoutMs = ms;
      return this;
    }

    B retries(RetryPolicy r) {
      retries = r;
      return this;
    }

    B mirror(MirrorPolicy m) {
      mirror = m;
      return this;
    }

    B rewrite(String uri, String authority, String matchedPrefix, boolean exact) {
      rewrite = new HttpRewrite(uri, authority, null);
      this.matchedPrefix = matchedPrefix;
      this.matchedExact = exact;
      return this;
    }

    B redirect(String uri, String authority, Integer code) {
      outcome = Outcome.REDIRECT;
      redirect = new HttpRedirect(uri, authority, code, null);
      return this;
    }

    B headers(Headers h) {
      headers = h;
      return this;
    }

    Decision build() {
      RouteOrigin origin =
          outcome == Outcome.ROUTE || outcome == Outcome.REDIRECT
              ? new RouteOrigin(
                  ResourceKind.VIRTUAL_SERVICE,
                  "default",
                  "test",
                  outcome == Outcome.ROUTE ? 0 : null,
                  null,
                  "Rule #0 of VirtualService test.default.")
              : null;
      return new Decision(
          origin,
          outcome,
          targets,
          fault,
          timeoutMs,
          retries,
          mirror,
          rewrite,
          redirect,
          headers,
          cors,
          matchedPrefix,
          matchedExact);
    }
  }
}
