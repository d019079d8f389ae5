package dev.trafficlab.bookinfo.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stats_matcher Istio 1.8.1's bootstrap gives Envoy: names starting with "reporter=" (Istio's
 * metrics), the pod's {@code sidecar.istio.io/statsInclusionPrefixes} (or nothing) plus the
 * prefixes the agent's readiness checks need, and "component" (istio_build). Everything else Envoy
 * counts is dropped before it is ever stored.
 */
public record StatsInclusion(List<String> prefixes) {
  public static final String ANNOTATION = "sidecar.istio.io/statsInclusionPrefixes";

  /** pkg/bootstrap's requiredEnvoyStatsMatcherInclusionPrefixes. */
  static final List<String> REQUIRED =
      List.of("cluster_manager", "listener_manager", "server", "cluster.xds-grpc", "wasm");

  public StatsInclusion {
    prefixes = List.copyOf(prefixes);
  }

  /** The matcher of a pod with these annotations. */
  public static StatsInclusion forPod(Map<String, String> annotations) {
    List<String> p = new ArrayList<>();
    p.add("reporter=");
    String a = annotations == null ? null : annotations.get(ANNOTATION);
    if (a != null && !a.isEmpty()) {
      for (String s : a.split(",")) {
        p.add(s);
      }
    }
    p.addAll(REQUIRED);
    p.add("component");
    return new StatsInclusion(p);
  }

  public boolean includes(String statName) {
    for (String p : prefixes) {
      if (statName.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
