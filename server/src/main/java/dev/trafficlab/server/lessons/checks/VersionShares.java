package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.Outcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which versions a routing decision sends requests to, in percent: each weighted cluster's share
 * split evenly over the pods it load-balances across (so the default route over reviews v1, v2 and
 * v3 is a third each). Requests that cannot reach any pod count under {@link #FAILED}.
 */
final class VersionShares {
  static final String FAILED = "failed";

  private VersionShares() {}

  static Map<String, Double> of(Decision decision) {
    TreeMap<String, Double> shares = new TreeMap<>();
    if (decision.outcome() != Outcome.ROUTE || decision.destinations().isEmpty()) {
      shares.put(FAILED, 100.0);
      return shares;
    }
    double total = decision.destinations().stream().mapToInt(ClusterTarget::weight).sum();
    int n = decision.destinations().size();
    for (ClusterTarget t : decision.destinations()) {
      double share = total > 0 ? 100.0 * t.weight() / total : 100.0 / n;
      if (share <= 0) {
        continue;
      }
      if (t.status() != Outcome.ROUTE || t.endpoints().isEmpty()) {
        shares.merge(FAILED, share, Double::sum);
        continue;
      }
      for (Pod pod : t.endpoints()) {
        shares.merge(pod.version(), share / t.endpoints().size(), Double::sum);
      }
    }
    return shares;
  }

  static boolean same(Map<String, Double> actual, Map<String, Integer> expected) {
    for (String v : union(actual, expected)) {
      double a = actual.getOrDefault(v, 0.0);
      double e = expected.getOrDefault(v, 0);
      if (Math.abs(a - e) >= 0.5) {
        return false;
      }
    }
    return true;
  }

  /** "v1", or "v1 50%, v3 50%"; failures read as "an error (503)". */
  static String describe(Map<String, ? extends Number> shares) {
    var nonZero =
        shares.entrySet().stream().filter(e -> e.getValue().doubleValue() >= 0.5).toList();
    if (nonZero.size() == 1) {
      return name(nonZero.get(0).getKey());
    }
    return nonZero.stream()
        .map(e -> name(e.getKey()) + " " + Math.round(e.getValue().doubleValue()) + "%")
        .collect(Collectors.joining(", "));
  }

  private static String name(String version) {
    return version.equals(FAILED) ? "an error (503)" : version;
  }

  private static java.util.Set<String> union(Map<String, Double> a, Map<String, Integer> b) {
    java.util.TreeSet<String> s = new java.util.TreeSet<>(a.keySet());
    s.addAll(b.keySet());
    return s;
  }
}
