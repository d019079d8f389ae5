package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.containers.ContainerLogText;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubectl get -w and kubectl logs -f. In a terminal session they print what exists, then follow
 * changes on a timer until Ctrl+C. Without a screen (the exec API) they print what exists now, add
 * the shell's one-line note and end with 0, as a script expects a finished command.
 */
final class Following {
  private Following() {}

  /** How often a follower looks at the cluster or the traffic again. */
  static final long PERIOD_MS = 500;

  static Future<Integer> watch(KubectlContext c) {
    Invocation inv = c.inv();
    return KubectlGet.get(c)
        .compose(
            code -> {
              if (code != 0) {
                return Invocation.exit(code);
              }
              if (!inv.live()) {
                inv.noteNoScreen();
                return Invocation.exit(0);
              }
              return followObjects(c);
            });
  }

  /**
   * After the first listing, each object that appears or changes prints one more row, formatted
   * alone as kubectl's watch prints it (rows need not align with the header); a deleted object
   * prints its last row.
   */
  private static Future<Integer> followObjects(KubectlContext c) {
    Invocation inv = c.inv();
    List<ResourceRef> refs = ResourceRef.parse(inv, c.args().positional);
    LabelSelector sel = LabelSelector.parse(inv, c.args().get("selector"));
    if (refs == null || sel == null) {
      return Invocation.exit(1);
    }
    Map<String, KubeObject> seen = current(c, refs, sel);
    boolean wide = "wide".equals(c.args().get("output"));
    return inv.repeat(
        PERIOD_MS,
        () -> {
          Map<String, KubeObject> now = current(c, refs, sel);
          StringBuilder out = new StringBuilder();
          for (Map.Entry<String, KubeObject> e : now.entrySet()) {
            KubeObject before = seen.get(e.getKey());
            if (before == null || !before.json().equals(e.getValue().json())) {
              out.append(row(c, e.getValue(), wide));
            }
          }
          for (Map.Entry<String, KubeObject> e : seen.entrySet()) {
            if (!now.containsKey(e.getKey())) {
              out.append(row(c, e.getValue(), wide));
            }
          }
          seen.clear();
          seen.putAll(now);
          if (out.length() > 0) {
            inv.print(out.toString());
          }
          return Future.succeededFuture(true);
        });
  }

  private static Map<String, KubeObject> current(
      KubectlContext c, List<ResourceRef> refs, LabelSelector sel) {
    KubeObjects objects = c.objects();
    String ns = c.allNamespaces() ? null : c.namespace();
    Map<String, KubeObject> out = new LinkedHashMap<>();
    for (ResourceRef ref : refs) {
      List<KubeObject> list =
          ref.name() == null
              ? objects.list(ref.kind(), ns)
              : objects.get(ref.kind(), c.namespace(), ref.name()).stream().toList();
      for (KubeObject o : list) {
        if (sel.matches(o.labels())) {
          out.put(o.type().kind() + "/" + o.namespace() + "/" + o.name(), o);
        }
      }
    }
    return out;
  }

  private static String row(KubectlContext c, KubeObject o, boolean wide) {
    String format = c.args().get("output");
    if ("name".equals(format)) {
      return o.qualifiedName() + "\n";
    }
    return TablePrinter.render(
        o.type(),
        List.of(o),
        new TablePrinter.Options(wide, c.allNamespaces(), c.args().has("show-labels"), true, false),
        c.inv().clock().instant());
  }

  /**
   * kubectl logs -f of a sidecar: after the log so far, each new access-log line as the proxy
   * handles traffic, until Ctrl+C.
   */
  static Future<Integer> followProxyLog(
      Invocation inv, Pod p, Inventory inventory, List<TrafficRecord> printed) {
    if (!inv.live()) {
      inv.noteNoScreen();
      return Invocation.exit(0);
    }
    Set<TrafficRecord> seen = new HashSet<>(printed);
    return inv.repeat(
        PERIOD_MS,
        () -> {
          List<TrafficRecord> now = inv.ctx().mesh().traffic().recent(1000);
          List<TrafficRecord> fresh = new ArrayList<>();
          for (TrafficRecord r : now) {
            if (!seen.contains(r)) {
              fresh.add(r);
            }
          }
          seen.clear();
          seen.addAll(now);
          StringBuilder sb = new StringBuilder();
          KubectlLogs.proxyLines(fresh, p, inventory).forEach(l -> sb.append(l).append('\n'));
          if (sb.length() > 0) {
            inv.print(sb.toString());
          }
          return Future.succeededFuture(true);
        });
  }

  /**
   * kubectl logs -f of an application container: after the log so far, each line it writes next
   * (the lines after those already printed), until Ctrl+C.
   */
  static Future<Integer> followContainerLog(Invocation inv, Pod p) {
    if (!inv.live()) {
      inv.noteNoScreen();
      return Invocation.exit(0);
    }
    List<String> before = ContainerLogText.lines(inv, p, -1);
    List<String> last = new ArrayList<>(before);
    return inv.repeat(
        PERIOD_MS,
        () -> {
          List<String> now = ContainerLogText.lines(inv, p, -1);
          int common = overlap(last, now);
          StringBuilder sb = new StringBuilder();
          now.subList(common, now.size()).forEach(l -> sb.append(l).append('\n'));
          if (sb.length() > 0) {
            inv.print(sb.toString());
          }
          last.clear();
          last.addAll(now);
          return Future.succeededFuture(true);
        });
  }

  /**
   * How many leading lines of {@code now} were printed already: the longest suffix of {@code
   * before} that starts {@code now} (the log may have dropped its oldest lines meanwhile).
   */
  static int overlap(List<String> before, List<String> now) {
    for (int start = 0; start < before.size(); start++) {
      int len = before.size() - start;
      if (len <= now.size() && before.subList(start, before.size()).equals(now.subList(0, len))) {
        return len;
      }
    }
    return 0;
  }
}
