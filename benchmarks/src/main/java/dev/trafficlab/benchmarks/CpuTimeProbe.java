package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.routing.RouteTable;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same operations as the JMH benchmarks, timed in CPU time of the measuring thread
 * (ThreadMXBean.getCurrentThreadCpuTime), so a machine shared with other busy processes still
 * yields the cost on one core. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.trafficlab.benchmarks.CpuTimeProbe}.
 */
public final class CpuTimeProbe {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private CpuTimeProbe() {}

  public static void main(String[] args) {
    System.out.printf("%-48s %14s %14s%n", "operation", "CPU us/op", "ops/CPU-s");
    for (String scenario :
        new String[] {
          "all-v1",
          "test-v2:jason",
          "test-v2:anonymous",
          "50-50",
          "200-rules:first",
          "200-rules:last"
        }) {
      RouteResolutionBenchmark b = new RouteResolutionBenchmark();
      b.scenario = scenario;
      b.setUp();
      measure("resolve " + scenario, b::resolve);
    }
    for (String config : new String[] {"all-v1", "test-v2", "50-50", "200-rules"}) {
      Snapshot s = LessonConfigs.snapshot(config);
      measure(
          "compile " + config, () -> RouteTable.compile(s.objects(), s.inventory(), s.profile()));
    }
    for (String file :
        new String[] {
          "virtual-service-all-v1.yaml",
          "virtual-service-reviews-test-v2.yaml",
          "virtual-service-reviews-50-v3.yaml",
          "virtual-service-reviews-v3.yaml",
          "virtual-service-ratings-test-delay.yaml",
          "destination-rule-all.yaml"
        }) {
      ApplyBenchmark b = new ApplyBenchmark();
      b.file = file;
      b.setUp();
      measure("apply " + file, b::applyAndCompile);
    }
    ConfigStore warm =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    sink =
        warm.apply(ApplyBenchmark.read("bookinfo-gateway.yaml"), "default", "x", ApplyMode.APPLY);
    sink = new RouteRequest("productpage-v1", "reviews", 9080, "GET", "/", Map.of());
  }

  private static void measure(String name, Supplier<Object> op) {
    run(op, 2_000_000_000L); // warm-up: 2 CPU-seconds
    long[] r = run(op, 3_000_000_000L);
    double usPerOp = r[1] / 1000.0 / r[0];
    System.out.printf("%-48s %14.3f %14.0f%n", name, usPerOp, 1e6 / usPerOp);
  }

  /** Runs op until budgetNs of this thread's CPU time is spent; returns {ops, cpuNs}. */
  private static long[] run(Supplier<Object> op, long budgetNs) {
    long start = MX.getCurrentThreadCpuTime();
    long ops = 0;
    long spent;
    do {
      for (int i = 0; i < 64; i++) {
        sink = op.get();
      }
      ops += 64;
      spent = MX.getCurrentThreadCpuTime() - start;
    } while (spent < budgetNs);
    return new long[] {ops, spent};
  }
}
