package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Issue 10 item 1: applies of a small VirtualService whose URI regexes nest repeats (a 65 MB
 * program each before the fix), and of one whose regex Go accepts but Envoy refuses (RE2 program
 * size over 1024). Prints the wall time of each apply and the heap in use after a GC, keeping every
 * store alive as a sandbox would. Run with a 1 GB heap: {@code java -Xmx1g -cp
 * benchmarks/target/benchmarks.jar dev.trafficlab.benchmarks.RegexAttackProbe}.
 */
public final class RegexAttackProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private RegexAttackProbe() {}

  static String attack(String n) {
    return "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: evil"
        + n
        + "\n"
        + "spec:\n  hosts: [reviews]\n  http:\n  - match:\n"
        + "    - uri: {regex: \"((a{1000}){1000})a0\"}\n    - uri: {regex: \"((b{1000}){1000})b1\"}\n"
        + "    - uri: {regex: \"((c{1000}){1000})c2\"}\n    - uri: {regex: \"((d{1000}){1000})d3\"}\n"
        + "    route:\n    - destination: {host: reviews}\n";
  }

  static String oversized(String n) {
    return "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: big"
        + n
        + "\n"
        + "spec:\n  hosts: [reviews]\n  http:\n  - match:\n"
        + "    - uri: {regex: \"(/[a-z]{1,20}){50}\"}\n"
        + "    route:\n    - destination: {host: reviews}\n";
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    ConfigStore[] keep = new ConfigStore[rounds * 2];
    System.out.printf(
        "%-34s %10s %12s  %s%n", "apply", "ms", "heap MB", "first line of the answer");
    report("(baseline)", 0, null);
    for (int i = 0; i < rounds; i++) {
      for (int kind = 0; kind < 2; kind++) {
        ConfigStore store =
            new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
        keep[i * 2 + kind] = store;
        String text = kind == 0 ? attack(Integer.toString(i)) : oversized(Integer.toString(i));
        long t0 = System.nanoTime();
        ApplyReport r;
        try {
          r = store.apply(text, "default", "evil.yaml", ApplyMode.APPLY);
        } catch (OutOfMemoryError e) {
          report(
              (kind == 0 ? "nested repeats #" : "program > 1024 #") + (i + 1),
              t0,
              "OutOfMemoryError");
          return;
        }
        report(
            (kind == 0 ? "nested repeats #" : "program > 1024 #") + (i + 1),
            t0,
            r.output().lines().findFirst().orElse(""));
      }
    }
    System.out.println("stores kept: " + keep.length);
  }

  private static void report(String name, long t0, String answer) {
    double ms = t0 == 0 ? 0 : (System.nanoTime() - t0) / 1e6;
    System.gc();
    double heapMb = MEMORY.getHeapMemoryUsage().getUsed() / 1048576.0;
    String a =
        answer == null ? "" : answer.length() > 110 ? answer.substring(0, 110) + "..." : answer;
    System.out.printf("%-34s %10.1f %12.1f  %s%n", name, ms, heapMb, a);
  }
}
