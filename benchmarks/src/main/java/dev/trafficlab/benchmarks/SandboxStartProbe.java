package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What creating a sandbox costs in the mesh engine, and what a Bookinfo-only sandbox keeps: the
 * lesson's start state is built once (as the server does at boot), then each sandbox is a store
 * over it. Prints the start build, creation p50/p99 and the retained heap per sandbox. Uses only
 * APIs older than the open cluster, so the same file measures the code before it. Run from the
 * repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.trafficlab.benchmarks.SandboxStartProbe}.
 */
public final class SandboxStartProbe {
  private SandboxStartProbe() {}

  private static volatile Object sink;

  public static void main(String[] args) throws Exception {
    Path networking = Path.of("scenarios/assets/istio-1.8.1/samples/bookinfo/networking");
    List<ConfigStore.SourceText> files =
        List.of(
            new ConfigStore.SourceText(
                "bookinfo-gateway.yaml",
                Files.readString(networking.resolve("bookinfo-gateway.yaml"))),
            new ConfigStore.SourceText(
                "destination-rule-all.yaml",
                Files.readString(networking.resolve("destination-rule-all.yaml"))));
    long t0 = System.nanoTime();
    Snapshot start =
        ConfigStore.startState(
            files,
            Inventory.bookinfo(),
            IstioProfile.ISTIO_1_8,
            Instant.parse("2026-12-06T00:00:00Z"));
    System.out.printf("lesson start built once: %.1f ms%n", (System.nanoTime() - t0) / 1e6);

    int n = 20_000;
    long[] ns = new long[n];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        ConfigStore s = new ConfigStore(start, Clock.systemUTC());
        ns[i] = System.nanoTime() - a;
        sink = s;
      }
    }
    Arrays.sort(ns);
    System.out.printf(
        "store per sandbox: p50 %.1f us, p99 %.1f us%n", ns[n / 2] / 1e3, ns[n * 99 / 100] / 1e3);

    int held = 2_000;
    ConfigStore[] stores = new ConfigStore[held];
    long before = used();
    for (int i = 0; i < held; i++) {
      stores[i] = new ConfigStore(start, Clock.systemUTC());
    }
    long after = used();
    System.out.printf(
        "retained per Bookinfo-only sandbox: %.0f bytes%n", (after - before) / (double) held);
    sink = stores;

    ConfigStore one = new ConfigStore(start, Clock.systemUTC());
    String vs = Files.readString(networking.resolve("virtual-service-all-v1.yaml"));
    long[] applies = new long[200];
    for (int i = 0; i < applies.length; i++) {
      long a = System.nanoTime();
      one.apply(
          i % 2 == 0 ? vs : vs.replace("subset: v1", "subset: v2"),
          "default",
          "f",
          ApplyMode.APPLY);
      applies[i] = System.nanoTime() - a;
    }
    Arrays.sort(applies);
    System.out.printf(
        "apply virtual-service-all-v1.yaml (changing): p50 %.2f ms%n", applies[100] / 1e6);
  }

  private static long used() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return r.totalMemory() - r.freeMemory();
  }
}
