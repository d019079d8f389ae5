package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * VirtualService header operations as the sidecar's Envoy applies them.
 *
 * <p>Istio 1.8.1 (route.go translateRoute, translateHeadersOperations) emits per level the removals
 * and then the additions: {@code set} (append false) sorted by name, then {@code add} (append true)
 * sorted by name; Envoy's HeaderParser removes first, then adds in that order. With several
 * weighted destinations the chosen destination's operations run before the route's (the enclosing
 * level wins); with a single destination istiod folds the destination's operations into the
 * route's, after the route's own, so the destination's win.
 */
final class HeaderOps {
  private HeaderOps() {}

  static void applyRequest(Decision decision, ClusterTarget target, MultiMap headers) {
    apply(decision, target, headers, Headers::request);
  }

  static void applyResponse(Decision decision, ClusterTarget target, MultiMap headers) {
    apply(decision, target, headers, Headers::response);
  }

  private static void apply(
      Decision decision,
      ClusterTarget target,
      MultiMap headers,
      Function<Headers, Headers.Operations> side) {
    Headers.Operations route = decision == null ? null : ops(decision.headers(), side);
    Headers.Operations cluster = target == null ? null : ops(target.headers(), side);
    if (cluster != null && decision != null && decision.destinations().size() == 1) {
      // one level: every removal, then the route's additions, then the destination's
      remove(route, headers);
      remove(cluster, headers);
      add(route, headers);
      add(cluster, headers);
      return;
    }
    remove(cluster, headers);
    add(cluster, headers);
    remove(route, headers);
    add(route, headers);
  }

  private static Headers.Operations ops(Headers h, Function<Headers, Headers.Operations> side) {
    return h == null ? null : side.apply(h);
  }

  private static void remove(Headers.Operations ops, MultiMap headers) {
    if (ops != null) {
      for (String name : ops.remove()) {
        headers.remove(name);
      }
    }
  }

  private static void add(Headers.Operations ops, MultiMap headers) {
    if (ops == null) {
      return;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(ops.set()).entrySet()) {
      headers.set(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
    for (Map.Entry<String, String> e : new TreeMap<>(ops.add()).entrySet()) {
      headers.add(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
  }
}
