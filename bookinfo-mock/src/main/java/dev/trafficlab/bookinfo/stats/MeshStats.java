package dev.trafficlab.bookinfo.stats;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The Envoy statistics of one sandbox's proxies, one {@link ProxyStats} per pod (sidecars and the
 * ingress gateway). Never shared between sandboxes.
 */
public final class MeshStats {
  private final ConcurrentHashMap<String, ProxyStats> proxies = new ConcurrentHashMap<>();

  /** The proxy of a pod, created on its first request. */
  public ProxyStats proxy(String pod) {
    return proxies.computeIfAbsent(pod, k -> new ProxyStats());
  }

  /** The proxy of a pod as read by an admin request: empty stats when it has counted nothing. */
  public ProxyStats read(String pod) {
    ProxyStats p = proxies.get(pod);
    return p == null ? new ProxyStats() : p;
  }
}
