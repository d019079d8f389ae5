package dev.trafficlab.bookinfo.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A proxy's admin endpoint /stats and /stats/prometheus, as Envoy 1.16 prints them: only the stats
 * the bootstrap's matcher let through, text lines "name: value" sorted by name with histograms
 * last, Prometheus grouped by metric with one # TYPE line each, tags in extraction order.
 */
public final class EnvoyStats {
  private EnvoyStats() {}

  /** Counters every cluster has from its creation, so a grep finds them even at zero. */
  private static final List<String> CLUSTER_COUNTERS =
      List.of(
          "upstream_cx_connect_fail",
          "upstream_cx_overflow",
          "upstream_rq_completed",
          "upstream_rq_pending_failure_eject",
          "upstream_rq_pending_overflow",
          "upstream_rq_pending_total",
          "upstream_rq_per_try_timeout",
          "upstream_rq_retry",
          "upstream_rq_retry_overflow",
          "upstream_rq_retry_success",
          "upstream_rq_timeout",
          "upstream_rq_total");

  private static final List<String> CLUSTER_GAUGES =
      List.of(
          "circuit_breakers.default.cx_open",
          "circuit_breakers.default.rq_pending_open",
          "circuit_breakers.high.cx_open",
          "circuit_breakers.high.rq_pending_open",
          "outlier_detection.ejections_active",
          "upstream_cx_active",
          "upstream_rq_active",
          "upstream_rq_pending_active");

  private enum Type {
    COUNTER,
    GAUGE
  }

  /** One stat: its full Envoy name, and its Prometheus name and labels after tag extraction. */
  private record Stat(String name, Type type, long value, String metric, List<String[]> labels) {}

  public static String text(ProxyStats stats, AdminView view) {
    TreeMap<String, String> lines = new TreeMap<>();
    for (Stat s : stats(stats, view)) {
      lines.put(s.name(), Long.toString(s.value()));
    }
    StringBuilder out = new StringBuilder();
    lines.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    TreeMap<String, String> histograms = new TreeMap<>();
    for (Map.Entry<IstioSeries, ProxyStats.Istio> e : stats.istio().entrySet()) {
      String name = istioName(e.getKey(), "istio_request_duration_milliseconds");
      if (view.inclusion().includes(name)) {
        histograms.put(name, quantiles(e.getValue().duration()));
      }
    }
    histograms.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    return out.toString();
  }

  public static String prometheus(ProxyStats stats, AdminView view) {
    TreeMap<String, List<Stat>> counters = new TreeMap<>();
    TreeMap<String, List<Stat>> gauges = new TreeMap<>();
    for (Stat s : stats(stats, view)) {
      (s.type() == Type.COUNTER ? counters : gauges)
          .computeIfAbsent(s.metric(), k -> new ArrayList<>())
          .add(s);
    }
    StringBuilder out = new StringBuilder();
    metrics(out, counters, "counter");
    metrics(out, gauges, "gauge");
    List<Map.Entry<IstioSeries, ProxyStats.Istio>> hs = new ArrayList<>();
    for (Map.Entry<IstioSeries, ProxyStats.Istio> e : stats.istio().entrySet()) {
      if (view.inclusion().includes(istioName(e.getKey(), "istio_request_duration_milliseconds"))) {
        hs.add(e);
      }
    }
    if (!hs.isEmpty()) {
      hs.sort(Comparator.comparing(e -> labels(e.getKey().prometheusLabels())));
      String m = "istio_request_duration_milliseconds";
      out.append("# TYPE ").append(m).append(" histogram\n");
      for (Map.Entry<IstioSeries, ProxyStats.Istio> e : hs) {
        String l = labels(e.getKey().prometheusLabels());
        Histogram h = e.getValue().duration();
        for (int i = 0; i < Histogram.BOUNDS.length; i++) {
          out.append(m)
              .append("_bucket{")
              .append(l)
              .append(",le=\"")
              .append(number(Histogram.BOUNDS[i]))
              .append("\"} ")
              .append(h.cumulative(i))
              .append('\n');
        }
        out.append(m).append("_bucket{").append(l).append(",le=\"+Inf\"} ");
        out.append(h.count()).append('\n');
        out.append(m).append("_sum{").append(l).append("} ").append(number(h.sum())).append('\n');
        out.append(m).append("_count{").append(l).append("} ").append(h.count()).append('\n');
      }
    }
    return out.toString();
  }

  private static void metrics(StringBuilder out, TreeMap<String, List<Stat>> byMetric, String t) {
    byMetric.forEach(
        (metric, list) -> {
          out.append("# TYPE ").append(metric).append(' ').append(t).append('\n');
          list.sort(Comparator.comparing(s -> labels(s.labels())));
          for (Stat s : list) {
            out.append(metric);
            if (!s.labels().isEmpty()) {
              out.append('{').append(labels(s.labels())).append('}');
            }
            out.append(' ').append(s.value()).append('\n');
          }
        });
  }

  /** Every stat the proxy holds after the inclusion matcher, histograms aside. */
  private static List<Stat> stats(ProxyStats stats, AdminView view) {
    List<Stat> all = new ArrayList<>();
    for (Map.Entry<IstioSeries, ProxyStats.Istio> e : stats.istio().entrySet()) {
      all.add(
          new Stat(
              istioName(e.getKey(), "istio_requests_total"),
              Type.COUNTER,
              e.getValue().requests().sum(),
              "istio_requests_total",
              e.getKey().prometheusLabels()));
    }
    all.add(
        new Stat(
            "component.proxy.tag.1.8.1;.istio_build",
            Type.GAUGE,
            1,
            "istio_build",
            List.of(new String[] {"component", "proxy"}, new String[] {"tag", "1.8.1"})));
    for (Map.Entry<String, java.util.concurrent.ConcurrentHashMap<String, LongAdder>> c :
        stats.clusters().entrySet()) {
      String cluster = c.getKey();
      TreeMap<String, Long> counters = new TreeMap<>();
      CLUSTER_COUNTERS.forEach(n -> counters.put(n, 0L));
      c.getValue().forEach((n, v) -> counters.put(n, v.sum()));
      counters.forEach((n, v) -> all.add(cluster(cluster, n, Type.COUNTER, v)));
      CLUSTER_GAUGES.forEach(
          n -> all.add(cluster(cluster, n, Type.GAUGE, stats.gauge(cluster, n))));
    }
    all.add(cluster("xds-grpc", "upstream_cx_total", Type.COUNTER, 1));
    all.add(cluster("xds-grpc", "upstream_cx_active", Type.GAUGE, 1));
    all.add(cluster("xds-grpc", "upstream_rq_total", Type.COUNTER, 1));
    all.add(plain("cluster_manager.active_clusters", Type.GAUGE, view.clusters()));
    all.add(plain("cluster_manager.cluster_added", Type.COUNTER, view.clusters()));
    all.add(plain("cluster_manager.cluster_removed", Type.COUNTER, 0));
    all.add(plain("cluster_manager.warming_clusters", Type.GAUGE, 0));
    all.add(plain("cluster_manager.cds.update_success", Type.COUNTER, 1));
    all.add(plain("cluster_manager.cds.update_rejected", Type.COUNTER, 0));
    all.add(plain("listener_manager.total_listeners_active", Type.GAUGE, view.listeners()));
    all.add(plain("listener_manager.listener_added", Type.COUNTER, view.listeners()));
    all.add(plain("listener_manager.total_listeners_warming", Type.GAUGE, 0));
    all.add(plain("listener_manager.lds.update_success", Type.COUNTER, 1));
    all.add(plain("listener_manager.lds.update_rejected", Type.COUNTER, 0));
    all.add(plain("server.live", Type.GAUGE, 1));
    all.add(plain("server.state", Type.GAUGE, 0));
    all.add(plain("server.concurrency", Type.GAUGE, 2));
    all.add(plain("server.uptime", Type.GAUGE, view.uptimeSeconds()));
    all.removeIf(s -> !view.inclusion().includes(s.name()));
    return all;
  }

  private static Stat plain(String name, Type type, long value) {
    return new Stat(name, type, value, "envoy_" + name.replace('.', '_'), List.of());
  }

  /**
   * cluster.NAME.COUNTER; the response_code(_class) rules come before cluster_name in extraction
   * order, and take the code off the metric's name.
   */
  private static Stat cluster(String cluster, String counter, Type type, long value) {
    String name = "cluster." + cluster + "." + counter;
    List<String[]> labels = new ArrayList<>(2);
    String metric = counter;
    if (counter.matches("upstream_rq_\\d{3}")) {
      labels.add(new String[] {"response_code", counter.substring(12)});
      metric = "upstream_rq";
    } else if (counter.matches("upstream_rq_\\dxx")) {
      labels.add(new String[] {"response_code_class", counter.substring(12)});
      metric = "upstream_rq";
    }
    labels.add(new String[] {"cluster_name", cluster});
    return new Stat(
        name, type, value, "envoy_cluster_" + metric.replace('.', '_'), List.copyOf(labels));
  }

  /** Istio's metrics carry their labels in the stat's own name, in the filter's order. */
  private static String istioName(IstioSeries s, String metric) {
    StringBuilder b = new StringBuilder();
    for (String[] kv : s.dimensions()) {
      b.append(kv[0]).append("=.=").append(kv[1]).append(";.;");
    }
    return b.append(metric).toString();
  }

  private static String labels(List<String[]> labels) {
    StringBuilder b = new StringBuilder();
    for (String[] kv : labels) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(kv[0]).append("=\"").append(kv[1].replace("\\", "\\\\").replace("\"", "\\\""));
      b.append('"');
    }
    return b.toString();
  }

  /** Envoy's text histogram: P0..P100 as (interval,cumulative); the lab keeps no intervals. */
  private static String quantiles(Histogram h) {
    double[] qs = {0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 1};
    String[] names = {"P0", "P25", "P50", "P75", "P90", "P95", "P99", "P99.5", "P99.9", "P100"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < qs.length; i++) {
      if (i > 0) {
        b.append(' ');
      }
      double v = h.quantile(qs[i]);
      b.append(names[i]).append("(nan,").append(Double.isNaN(v) ? "nan" : number(v)).append(')');
    }
    return b.toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
