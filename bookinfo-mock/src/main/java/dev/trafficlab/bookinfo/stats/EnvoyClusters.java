package dev.trafficlab.bookinfo.stats;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ProxyConfig;
import java.util.List;
import java.util.Map;

/**
 * A proxy's admin /clusters, as Envoy 1.16 prints it: per cluster its circuit-breaker thresholds
 * (Istio's defaults, or the DestinationRule's connectionPool) and per endpoint its request counters
 * and health.
 */
public final class EnvoyClusters {
  private EnvoyClusters() {}

  private static final long UNLIMITED = 4294967295L;

  public static String text(ProxyStats stats, List<ProxyConfig.Cluster> clusters) {
    StringBuilder out = new StringBuilder();
    for (ProxyConfig.Cluster c : clusters) {
      String n = c.name();
      Map<?, ?> http = group(c.trafficPolicy(), "http");
      Map<?, ?> tcp = group(c.trafficPolicy(), "tcp");
      line(out, n, "default_priority::max_connections", threshold(tcp, "maxConnections"));
      line(
          out,
          n,
          "default_priority::max_pending_requests",
          threshold(http, "http1MaxPendingRequests"));
      line(out, n, "default_priority::max_requests", threshold(http, "http2MaxRequests"));
      line(out, n, "default_priority::max_retries", threshold(http, "maxRetries"));
      // Istio sets only the default priority; the high one keeps Envoy's own defaults.
      line(out, n, "high_priority::max_connections", "1024");
      line(out, n, "high_priority::max_pending_requests", "1024");
      line(out, n, "high_priority::max_requests", "1024");
      line(out, n, "high_priority::max_retries", "3");
      line(out, n, "added_via_api", "true");
      for (Pod p : c.endpoints()) {
        String h = n + "::" + p.ip() + ":" + c.port();
        ProxyStats.Host s = stats.readHost(n, p.name());
        line(out, h, "cx_active", "0");
        line(out, h, "cx_connect_fail", "0");
        line(out, h, "cx_total", s == null || s.total().sum() == 0 ? "0" : "1");
        line(out, h, "rq_active", "0");
        line(out, h, "rq_error", count(s == null ? null : s.error()));
        line(out, h, "rq_success", count(s == null ? null : s.success()));
        line(out, h, "rq_timeout", count(s == null ? null : s.timeout()));
        line(out, h, "rq_total", count(s == null ? null : s.total()));
        line(out, h, "hostname", "");
        line(
            out,
            h,
            "health_flags",
            stats.ejected(n, p.name()) ? "/failed_outlier_check" : "healthy");
        line(out, h, "weight", "1");
        line(out, h, "region", "");
        line(out, h, "zone", "");
        line(out, h, "sub_zone", "");
        line(out, h, "canary", "false");
        line(out, h, "priority", "0");
        line(out, h, "success_rate", "-1.0");
        line(out, h, "local_origin_success_rate", "-1.0");
      }
    }
    return out.toString();
  }

  private static Map<?, ?> group(Map<String, Object> policy, String name) {
    if (policy != null
        && policy.get("connectionPool") instanceof Map<?, ?> pool
        && pool.get(name) instanceof Map<?, ?> g) {
      return g;
    }
    return Map.of();
  }

  /** The connectionPool value when set above zero (zero means unset to Istio), else unlimited. */
  private static String threshold(Map<?, ?> group, String field) {
    if (group.get(field) instanceof Number v && v.longValue() > 0) {
      return Long.toString(v.longValue());
    }
    return Long.toString(UNLIMITED);
  }

  private static String count(java.util.concurrent.atomic.LongAdder a) {
    return a == null ? "0" : Long.toString(a.sum());
  }

  private static void line(StringBuilder out, String prefix, String key, String value) {
    out.append(prefix).append("::").append(key).append("::").append(value).append('\n');
  }
}
