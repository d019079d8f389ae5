package dev.trafficlab.bookinfo.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one Envoy counted: Istio's standard metrics per series and the router's counters per
 * upstream cluster. Counters are created on first use and only ever grow, as Envoy's do.
 */
public final class ProxyStats {
  /** Series of istio_requests_total and its duration histogram. */
  record Istio(LongAdder requests, Histogram duration) {}

  private final ConcurrentHashMap<IstioSeries, Istio> istio = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, ConcurrentHashMap<String, LongAdder>> clusters =
      new ConcurrentSkipListMap<>();

  /**
   * Series one proxy keeps at most: a learner can curl any host name, and each unknown one would
   * otherwise add a series (destination_service falls back to the Host header) for ever.
   */
  static final int MAX_SERIES = 1000;

  public void request(IstioSeries series, double durationMs) {
    Istio s = istio.get(series);
    if (s == null) {
      if (istio.size() >= MAX_SERIES) {
        return;
      }
      s = istio.computeIfAbsent(series, k -> new Istio(new LongAdder(), new Histogram()));
    }
    s.requests().increment();
    s.duration().record(durationMs);
  }

  /** Adds one to cluster.CLUSTER.COUNTER (upstream_rq_total, upstream_rq_retry...). */
  public void count(String cluster, String counter) {
    clusters
        .computeIfAbsent(cluster, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(counter, k -> new LongAdder())
        .increment();
  }

  /**
   * Charges an upstream response code the way Envoy's router does: the code, its class, and one
   * completed request.
   */
  public void upstreamCode(String cluster, int status) {
    boolean known = status >= 100 && status < 600;
    count(cluster, known ? CODE_NAMES[status] : "upstream_rq_" + status);
    count(cluster, known ? CLASS_NAMES[status / 100] : "upstream_rq_" + status / 100 + "xx");
    count(cluster, "upstream_rq_completed");
  }

  /** Counter names per status code, built once so a hop does not concatenate strings. */
  private static final String[] CODE_NAMES = new String[600];

  private static final String[] CLASS_NAMES = new String[6];

  static {
    for (int i = 100; i < 600; i++) {
      CODE_NAMES[i] = "upstream_rq_" + i;
    }
    for (int i = 1; i < 6; i++) {
      CLASS_NAMES[i] = "upstream_rq_" + i + "xx";
    }
  }

  /** One upstream host's counters as /clusters shows them. */
  public record Host(LongAdder total, LongAdder success, LongAdder error, LongAdder timeout) {
    Host() {
      this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Host>> hosts =
      new ConcurrentHashMap<>();

  /** The counters of one endpoint (by pod name) of a cluster, created on first use. */
  public Host host(String cluster, String pod) {
    return hosts
        .computeIfAbsent(cluster, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(pod, k -> new Host());
  }

  /** The counters of one endpoint, or null when it was never sent a request. */
  public Host readHost(String cluster, String pod) {
    Map<String, Host> c = hosts.get(cluster);
    return c == null ? null : c.get(pod);
  }

  /** A cluster's live gauges (its connection pool's), by stat name; 0 for any it does not keep. */
  public interface Gauges {
    long value(String gauge);
  }

  private final ConcurrentHashMap<String, java.util.List<Gauges>> gauges =
      new ConcurrentHashMap<>();

  /**
   * Attaches live gauges of a cluster (its connection pool's, its outlier detector's); a gauge's
   * value is the sum over what is attached.
   */
  public void gauges(String cluster, Gauges g) {
    gauges.computeIfAbsent(cluster, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(g);
  }

  /** The value of gauge cluster.CLUSTER.NAME now, 0 when nothing keeps it. */
  public long gauge(String cluster, String name) {
    java.util.List<Gauges> gs = gauges.get(cluster);
    long v = 0;
    if (gs != null) {
      for (Gauges g : gs) {
        v += g.value(name);
      }
    }
    return v;
  }

  /** Whether the proxy's outlier detection has ejected a host of a cluster. */
  public interface Ejections {
    boolean ejected(String pod);
  }

  private final ConcurrentHashMap<String, Ejections> ejections = new ConcurrentHashMap<>();

  /** Attaches a cluster's outlier detection (once per client proxy and cluster). */
  public void ejections(String cluster, Ejections e) {
    ejections.put(cluster, e);
  }

  /** Whether {@code pod} is ejected from {@code cluster} by this proxy now. */
  public boolean ejected(String cluster, String pod) {
    Ejections e = ejections.get(cluster);
    return e != null && e.ejected(pod);
  }

  /** The value of cluster.CLUSTER.COUNTER, 0 when never counted. */
  public long counter(String cluster, String counter) {
    Map<String, LongAdder> c = clusters.get(cluster);
    LongAdder a = c == null ? null : c.get(counter);
    return a == null ? 0 : a.sum();
  }

  /** The istio_requests_total of one series, 0 when never counted. */
  public long requests(IstioSeries series) {
    Istio s = istio.get(series);
    return s == null ? 0 : s.requests().sum();
  }

  Map<IstioSeries, Istio> istio() {
    return istio;
  }

  Map<String, ConcurrentHashMap<String, LongAdder>> clusters() {
    return clusters;
  }
}
