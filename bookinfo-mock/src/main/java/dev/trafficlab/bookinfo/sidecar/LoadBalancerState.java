package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.stats.ProxyStats;
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

  private final ConcurrentHashMap<String, ConnectionPool> pools = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, OutlierDetector> detectors = new ConcurrentHashMap<>();

  /**
   * The outlier detection of a client proxy for a cluster, created on first use (its interval ticks
   * count from then) with its ejections visible in the proxy's stats.
   */
  OutlierDetector detector(String fromPod, String cluster, ProxyStats stats) {
    return detectors.computeIfAbsent(
        fromPod + '|' + cluster,
        k -> {
          OutlierDetector d = new OutlierDetector(System.nanoTime(), c -> stats.count(cluster, c));
          stats.gauges(
              cluster,
              g ->
                  g.equals("outlier_detection.ejections_active") ? d.active(System.nanoTime()) : 0);
          stats.ejections(cluster, pod -> d.ejected(pod, System.nanoTime()));
          return d;
        });
  }

  /**
   * The connection pool of a client proxy to a cluster, created on first use with its gauges
   * attached to the proxy's stats.
   */
  ConnectionPool pool(
      String fromPod,
      String cluster,
      io.vertx.core.Vertx vertx,
      java.util.function.DoubleSupplier random,
      ProxyStats stats) {
    return pools.computeIfAbsent(
        fromPod + '|' + cluster,
        k -> {
          ConnectionPool p = new ConnectionPool(vertx, random, c -> stats.count(cluster, c));
          stats.gauges(
              cluster,
              g ->
                  switch (g) {
                    case "upstream_rq_pending_active" -> p.pendingActive();
                    case "upstream_rq_active" -> p.requestsActive();
                    case "upstream_cx_active" -> p.connectionsActive();
                    case "circuit_breakers.default.rq_pending_open" -> p.pendingOpen();
                    case "circuit_breakers.default.cx_open" -> p.connectionsOpen();
                    default -> 0;
                  });
          return p;
        });
  }

  AtomicInteger active(String pod) {
    return active.computeIfAbsent(pod, k -> new AtomicInteger());
  }

  public int activeRequests(String pod) {
    AtomicInteger a = active.get(pod);
    return a == null ? 0 : a.get();
  }
}
