package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * kubectl apply -f of one lesson file onto the lesson start state (bookinfo-gateway +
 * destination-rule-all): parse, validate, store and compile the new snapshot's route table (target:
 * under 1 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApplyBenchmark {
  @Param({
    "virtual-service-all-v1.yaml",
    "virtual-service-reviews-test-v2.yaml",
    "virtual-service-reviews-50-v3.yaml",
    "virtual-service-reviews-v3.yaml",
    "virtual-service-ratings-test-delay.yaml",
    "destination-rule-all.yaml"
  })
  public String file;

  private Snapshot start;
  private String text;

  @Setup
  public void setUp() {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    for (String f : new String[] {"bookinfo-gateway.yaml", "destination-rule-all.yaml"}) {
      ApplyReport r = store.apply(read(f), "default", f, ApplyMode.APPLY);
      if (!r.ok()) {
        throw new IllegalStateException("lesson start did not apply: " + r.output());
      }
    }
    start = store.current();
    text = read(file);
  }

  @Benchmark
  public Snapshot applyAndCompile() {
    ConfigStore store = new ConfigStore(start);
    store.apply(text, "default", file, ApplyMode.APPLY);
    return store.current();
  }

  static String read(String name) {
    try (InputStream in =
        ApplyBenchmark.class.getResourceAsStream("/bookinfo-networking/" + name)) {
      if (in == null) {
        throw new IllegalStateException("sample file missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
