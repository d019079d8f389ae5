package dev.trafficlab.mesh.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthand for route requests in tests. */
final class Requests {
  private Requests() {}

  static RouteRequest get(String from, String host, String path, String... headerPairs) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      h.put(headerPairs[i], headerPairs[i + 1]);
    }
    return new RouteRequest(from, host, null, "GET", path, h);
  }

  static RouteRequest reviews(String... headerPairs) {
    return get("productpage-v1", "reviews:9080", "/reviews/0", headerPairs);
  }

  static RouteRequest ratingsFrom(String from, String... headerPairs) {
    return get(from, "ratings:9080", "/ratings/0", headerPairs);
  }

  static String subsetOf(Decision d) {
    return d.destinations().size() == 1 ? d.destinations().get(0).subset() : null;
  }
}
