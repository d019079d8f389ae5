package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.routing.RouteTable;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** RouteTable.compile of a whole snapshot: what every apply pays after parsing and validation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompileBenchmark {
  @Param({"all-v1", "test-v2", "50-50", "200-rules"})
  public String config;

  private Snapshot snapshot;

  @Setup
  public void setUp() {
    snapshot = LessonConfigs.snapshot(config);
  }

  @Benchmark
  public RouteTable compile() {
    return RouteTable.compile(snapshot.objects(), snapshot.inventory(), snapshot.profile());
  }
}
