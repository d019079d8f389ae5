package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.Cookies;
import dev.trafficlab.mesh.inventory.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Envoy's choice of an endpoint inside one cluster, per the DestinationRule's loadBalancer:
 * ROUND_ROBIN (1.8's default), RANDOM, LEAST_CONN (Envoy's least-request: the less busy of two
 * random picks) and consistentHash.
 */
final class LoadBalancer {
  private LoadBalancer() {}

  /**
   * @param tried pods already tried by earlier attempts: avoided while others remain (the
   *     previous_hosts retry predicate Istio sets)
   * @param header request header lookup, for consistentHash on a header or cookie (":path" gives
   *     the path)
   */
  static Pod choose(
      LoadBalancerState state,
      String fromPod,
      String cluster,
      List<Pod> endpoints,
      Map<String, Object> trafficPolicy,
      Set<String> tried,
      DoubleSupplier random,
      Function<String, String> header) {
    List<Pod> eps = endpoints;
    if (!tried.isEmpty() && eps.size() > 1) {
      List<Pod> fresh = new ArrayList<>(eps.size());
      for (Pod p : eps) {
        if (!tried.contains(p.name())) {
          fresh.add(p);
        }
      }
      if (!fresh.isEmpty()) {
        eps = fresh;
      }
    }
    if (eps.isEmpty()) {
      return null;
    }
    if (eps.size() == 1) {
      return eps.get(0);
    }
    Object lb = trafficPolicy == null ? null : trafficPolicy.get("loadBalancer");
    String simple = "ROUND_ROBIN";
    Map<?, ?> hash = null;
    if (lb instanceof Map<?, ?> m) {
      if (m.get("simple") instanceof String s) {
        simple = s;
      } else if (m.get("consistentHash") instanceof Map<?, ?> h) {
        hash = h;
      }
    }
    if (hash != null) {
      String key = hashKey(hash, fromPod, header);
      // Envoy's ring hash: a request that yields no hash (header, cookie or parameter absent) gets
      // a random host
      return key == null
          ? eps.get(index(random, eps.size()))
          : eps.get(Math.floorMod(key.hashCode(), eps.size()));
    }
    switch (simple) {
      case "RANDOM":
        return eps.get(index(random, eps.size()));
      case "LEAST_CONN":
        {
          Pod a = eps.get(index(random, eps.size()));
          Pod b = eps.get(index(random, eps.size()));
          return state.activeRequests(b.name()) < state.activeRequests(a.name()) ? b : a;
        }
      default:
        return eps.get((int) Math.floorMod(state.next(fromPod, cluster), (long) eps.size()));
    }
  }

  /** The value the route's hash policy hashes, or null when the request has none. */
  private static String hashKey(Map<?, ?> hash, String fromPod, Function<String, String> header) {
    if (hash.get("httpHeaderName") instanceof String name) {
      return header.apply(name);
    }
    if (hash.get("httpCookie") instanceof Map<?, ?> cookie
        && cookie.get("name") instanceof String name) {
      return Cookies.value(header.apply("cookie"), name);
    }
    if (hash.get("httpQueryParameterName") instanceof String name) {
      return queryValue(header.apply(":path"), name);
    }
    return fromPod;
  }

  static String queryValue(String path, String name) {
    int q = path == null ? -1 : path.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : path.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if ((eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
        return eq < 0 ? "" : pair.substring(eq + 1);
      }
    }
    return null;
  }

  private static int index(DoubleSupplier random, int n) {
    return Math.min(n - 1, (int) (random.getAsDouble() * n));
  }
}
