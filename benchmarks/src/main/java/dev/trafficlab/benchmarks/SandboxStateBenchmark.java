package dev.trafficlab.benchmarks;

import dev.trafficlab.server.durable.SandboxStateCodec;
import dev.trafficlab.server.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Saving and restoring one sandbox (issue 16): {@code captureAndEncode} is what a save costs the
 * sandbox's worker before the bytes go to the store; {@code decodeAndRestore} is what a restore
 * costs (parse, rebuild the objects, compile the route table once). Two typical sandboxes: after
 * the request-routing lesson and after the circuit-breaking task ({@link LearnerSandboxes}). {@link
 * #main} prints their encoded sizes. Run from the repository root: {@code java -jar
 * benchmarks/target/benchmarks.jar SandboxState -f 1 -wi 3 -i 5 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SandboxStateBenchmark {
  @Param({"request-routing", "circuit-breaking"})
  public String sandbox;

  private LearnerSandboxes learners;
  private SandboxStateCodec codec;
  private Sandbox live;
  private byte[] saved;

  @Setup
  public void setUp() {
    learners = new LearnerSandboxes();
    codec = new SandboxStateCodec(learners.lessons);
    live = made(learners, sandbox);
    saved = codec.encode(live.image());
  }

  static Sandbox made(LearnerSandboxes learners, String which) {
    return which.equals("request-routing")
        ? learners.after(LearnerSandboxes.REQUEST_ROUTING, true)
        : learners.after(LearnerSandboxes.CIRCUIT_BREAKING, false);
  }

  @TearDown
  public void tearDown() {
    learners.close();
  }

  @Benchmark
  public byte[] captureAndEncode() {
    return codec.encode(live.image());
  }

  @Benchmark
  public Sandbox decodeAndRestore() {
    return codec.restore(saved, learners.mesh, learners.clock);
  }

  /**
   * Prints each typical sandbox's encoded size, what its parts take, and the CPU time of a save and
   * of a restore (2,000 each after as many for warm-up); with an argument naming one
   * (request-routing, circuit-breaking), its state too.
   */
  public static void main(String[] args) throws IOException {
    try (LearnerSandboxes learners = new LearnerSandboxes()) {
      SandboxStateCodec codec = new SandboxStateCodec(learners.lessons);
      for (String which : new String[] {"request-routing", "circuit-breaking"}) {
        byte[] state = codec.encode(made(learners, which).image());
        if (args.length > 0 && args[0].equals(which)) {
          System.out.println(new String(state, java.nio.charset.StandardCharsets.UTF_8));
        }
        io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(new String(state));
        System.out.printf(
            "%s: %d bytes (gzip %d); config %d, files %d, shell %d, terminals %d%n",
            which,
            state.length,
            gzipped(state),
            o.getJsonObject("config").encode().length(),
            o.getJsonObject("files").encode().length(),
            o.getJsonObject("shell").encode().length(),
            o.getJsonObject("terminals").encode().length());
        Sandbox live = made(learners, which);
        cpuTimes(which + " capture+encode", () -> codec.encode(live.image()));
        cpuTimes(
            which + " decode+restore", () -> codec.restore(state, learners.mesh, learners.clock));
      }
    }
  }

  private static volatile Object sink;

  /**
   * The thread CPU time per operation (p50, p99): unlike wall time, it holds still while other
   * processes share the cores.
   */
  private static void cpuTimes(String what, java.util.function.Supplier<Object> op) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    int n = 2_000;
    long[] ns = new long[n];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        long a = threads.getCurrentThreadCpuTime();
        sink = op.get();
        ns[i] = threads.getCurrentThreadCpuTime() - a;
      }
    }
    java.util.Arrays.sort(ns);
    System.out.printf(
        "  %s: CPU p50 %.0f us, p99 %.0f us%n", what, ns[n / 2] / 1e3, ns[n * 99 / 100] / 1e3);
  }

  private static int gzipped(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.size();
  }
}
