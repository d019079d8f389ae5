package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.inventory.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client proxy's outlier detection for one cluster, as Envoy 1.16 runs it: each host's
 * consecutive 5xx (and gateway errors, 502/503/504) are counted from the answers it gave and from
 * resets (a timeout counts as 504, a connect failure as 503); reaching the threshold ejects the
 * host at once unless maxEjectionPercent is already reached. An ejected host comes back at the
 * first interval tick after baseEjectionTime × its ejections: worked out from instants when asked,
 * never by a timer. Overflows (UO) never reach a host and so never count.
 */
final class OutlierDetector {
  private static final class Host {
    int consecutive5xx;
    int consecutiveGateway;
    int ejections;
    long ejectedAt;
    boolean ejected;
  }

  private final long startNanos;
  private final Map<String, Host> hosts = new HashMap<>();
  private final Counter counter;
  private volatile OutlierDetection policy;

  /** Where the detector counts its ejections (the client proxy's cluster counters). */
  interface Counter {
    void count(String counter);
  }

  OutlierDetector(long startNanos, Counter counter) {
    this.startNanos = startNanos;
    this.counter = counter;
  }

  /** The endpoints not ejected now, in their order (empty when all are). */
  synchronized List<Pod> healthy(List<Pod> endpoints, OutlierDetection policy, long now) {
    this.policy = policy;
    List<Pod> out = null;
    for (int i = 0; i < endpoints.size(); i++) {
      Pod p = endpoints.get(i);
      if (ejected(p.name(), now)) {
        if (out == null) {
          out = new ArrayList<>(endpoints.subList(0, i));
        }
      } else if (out != null) {
        out.add(p);
      }
    }
    return out == null ? endpoints : out;
  }

  /** Whether a host is ejected at {@code now}; an ejection whose time is up ends here. */
  synchronized boolean ejected(String pod, long now) {
    Host h = hosts.get(pod);
    if (h == null || !h.ejected) {
      return false;
    }
    OutlierDetection p = policy;
    long due = h.ejectedAt + p.baseEjectionNanos() * h.ejections - startNanos;
    long ticks = Math.max(1, (due + p.intervalNanos() - 1) / p.intervalNanos());
    if (now - startNanos >= ticks * p.intervalNanos()) {
      h.ejected = false;
      // Envoy resets both counts so that a returning host is not ejected again on one error.
      h.consecutive5xx = 0;
      h.consecutiveGateway = 0;
      return false;
    }
    return true;
  }

  /** An answer (or reset, as its status) from {@code pod}, one of {@code hostCount} endpoints. */
  synchronized void result(String pod, int status, int hostCount, long now) {
    OutlierDetection p = policy;
    if (p == null) {
      return;
    }
    Host h = hosts.computeIfAbsent(pod, k -> new Host());
    if (status < 500 || status > 599) {
      h.consecutive5xx = 0;
      h.consecutiveGateway = 0;
      return;
    }
    boolean gateway = status >= 502 && status <= 504;
    if (gateway) {
      h.consecutiveGateway++;
      if (p.consecutiveGateway() > 0 && h.consecutiveGateway == p.consecutiveGateway()) {
        eject(h, "consecutive_gateway_failure", hostCount, now);
      }
    } else {
      h.consecutiveGateway = 0;
    }
    h.consecutive5xx++;
    if (p.consecutive5xx() > 0 && h.consecutive5xx == p.consecutive5xx()) {
      eject(h, "consecutive_5xx", hostCount, now);
    }
  }

  private void eject(Host h, String type, int hostCount, long now) {
    if (h.ejected) {
      return;
    }
    counter.count("outlier_detection.ejections_detected_" + type);
    double percent = hostCount == 0 ? 100 : 100.0 * active(now) / hostCount;
    if (percent >= policy.maxEjectionPercent()) {
      counter.count("outlier_detection.ejections_overflow");
      return;
    }
    h.ejected = true;
    h.ejections++;
    h.ejectedAt = now;
    counter.count("outlier_detection.ejections_enforced_total");
    counter.count("outlier_detection.ejections_enforced_" + type);
  }

  /** Hosts ejected now (Envoy's outlier_detection.ejections_active). */
  synchronized int active(long now) {
    int n = 0;
    for (String pod : new ArrayList<>(hosts.keySet())) {
      if (ejected(pod, now)) {
        n++;
      }
    }
    return n;
  }
}
