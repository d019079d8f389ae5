package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.routing.RouteTable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RouteTable.resolve on the lesson configurations: decisions per second on one thread (target:
 * 1,000,000). The request is built once: the benchmark measures what a sidecar hop asks of the
 * engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouteResolutionBenchmark {

  /**
   * config/request: all-v1, test-v2 as jason and anonymous, 50-50, 200 rules (first and last rule
   * matching).
   */
  @Param({
    "all-v1",
    "test-v2:jason",
    "test-v2:anonymous",
    "50-50",
    "200-rules:first",
    "200-rules:last"
  })
  public String scenario;

  private RouteTable table;
  private RouteRequest request;

  @Setup
  public void setUp() {
    String[] parts = scenario.split(":");
    table = LessonConfigs.snapshot(parts[0]).routes();
    String variant = parts.length > 1 ? parts[1] : "";
    request =
        switch (variant) {
          case "jason" ->
              new RouteRequest(
                  "productpage-v1",
                  "reviews:9080",
                  null,
                  "GET",
                  "/reviews/0",
                  Map.of(
                      "end-user",
                      "jason",
                      "x-request-id",
                      "abc",
                      "user-agent",
                      "python-requests/2.21.0"));
          case "first" ->
              new RouteRequest(
                  "productpage-v1",
                  "reviews:9080",
                  null,
                  "GET",
                  "/api/0/x",
                  Map.of("x-tenant", "tenant-0"));
          case "last" ->
              new RouteRequest(
                  "productpage-v1",
                  "reviews:9080",
                  null,
                  "GET",
                  "/api/198/x",
                  Map.of("x-tenant", "tenant-198"));
          default ->
              new RouteRequest(
                  "productpage-v1",
                  "reviews:9080",
                  null,
                  "GET",
                  "/reviews/0",
                  Map.of("x-request-id", "abc", "user-agent", "python-requests/2.21.0"));
        };
  }

  @Benchmark
  public Decision resolve() {
    return table.resolve(request);
  }
}
