package dev.trafficlab.benchmarks;

import dev.trafficlab.bookinfo.stats.AdminView;
import dev.trafficlab.bookinfo.stats.EnvoyStats;
import dev.trafficlab.bookinfo.stats.IstioSeries;
import dev.trafficlab.bookinfo.stats.MeshStats;
import dev.trafficlab.bookinfo.stats.StatsInclusion;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the sidecar's stats cost: one hop's recording (a source and a destination series, the
 * client's cluster counters, as Hop does for a routed 200) and one /stats/prometheus rendering of a
 * proxy that has seen Bookinfo's calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProxyStatsBenchmark {
  private static final String CLUSTER = "outbound|9080|v1|reviews.default.svc.cluster.local";
  private static final IstioSeries.Peer PRODUCTPAGE =
      new IstioSeries.Peer(
          "productpage-v1", "default", "bookinfo-productpage", "productpage", "v1");
  private static final IstioSeries.Peer[] REVIEWS = {
    new IstioSeries.Peer("reviews-v1", "default", "bookinfo-reviews", "reviews", "v1"),
    new IstioSeries.Peer("reviews-v2", "default", "bookinfo-reviews", "reviews", "v2"),
    new IstioSeries.Peer("reviews-v3", "default", "bookinfo-reviews", "reviews", "v3")
  };
  private static final AdminView VIEW = new AdminView(StatsInclusion.forPod(Map.of()), 14, 8, 3600);

  private MeshStats stats;
  private int n;

  @Setup
  public void setUp() {
    stats = new MeshStats();
    for (int i = 0; i < 300; i++) {
      hop();
    }
  }

  @Benchmark
  public MeshStats recordHop() {
    hop();
    return stats;
  }

  @Benchmark
  public String renderPrometheus() {
    return EnvoyStats.prometheus(stats.read("productpage-v1-1"), VIEW);
  }

  private void hop() {
    IstioSeries.Peer dest = REVIEWS[n++ % 3];
    String host = "reviews.default.svc.cluster.local";
    var client = stats.proxy("productpage-v1-1");
    client.count(CLUSTER, "upstream_rq_total");
    client.upstreamCode(CLUSTER, 200);
    client.request(new IstioSeries("source", PRODUCTPAGE, dest, host, 200, "-"), 12.5);
    stats
        .proxy(dest.workload() + "-1")
        .request(new IstioSeries("destination", PRODUCTPAGE, dest, host, 200, "-"), 11.0);
  }
}
