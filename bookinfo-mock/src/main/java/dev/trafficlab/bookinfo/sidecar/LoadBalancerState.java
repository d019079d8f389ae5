package dev.trafficlab.bookinfo.sidecar;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The balancing state of one sandbox's proxies: round-robin positions per (client proxy, cluster),
 * as each Envoy keeps its own, and requests in flight per pod for LEAST_CONN. Never shared between
 * sandboxes.
 */
public final class LoadBalancerState {
  private final ConcurrentHashMap<String, AtomicLong> positions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> active = new ConcurrentHashMap<>();

  long next(String fromPod, String cluster) {
    return positions
        .computeIfAbsent(fromPod + '|' + cluster, k -> new AtomicLong())
        .getAndIncrement();
  }

  /** Requests a client proxy has in flight to a cluster (its circuit breaker's count). */
  AtomicInteger inflight(String fromPod, String cluster) {
    return active.computeIfAbsent(fromPod + '|' + cluster, k -> new AtomicInteger());
  }

  AtomicInteger active(String pod) {
    return active.computeIfAbsent(pod, k -> new AtomicInteger());
  }

  public int activeRequests(String pod) {
    AtomicInteger a = active.get(pod);
    return a == null ? 0 : a.get();
  }
}
