package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * kubectl wait --for=condition=NAME|delete (TYPE NAME | TYPE/NAME | TYPE -l SELECTOR | --all)
 * [--timeout=30s]: each object's condition as its status reports it, re-checked on a timer.
 */
final class KubectlWait {
  private KubectlWait() {}

  static Future<Integer> waitFor(KubectlContext c) {
    Invocation inv = c.inv();
    String forFlag = c.args().get("for");
    if (forFlag == null) {
      inv.eprintln("error: --for must be set");
      return Invocation.exit(1);
    }
    String condition;
    boolean delete = forFlag.equalsIgnoreCase("delete");
    if (delete) {
      condition = null;
    } else if (forFlag.toLowerCase(Locale.ROOT).startsWith("condition=")) {
      condition = forFlag.substring("condition=".length());
      if (condition.contains("=")) {
        condition = condition.substring(0, condition.indexOf('='));
      }
    } else {
      inv.eprintln("error: unrecognized condition: \"" + forFlag + "\"");
      return Invocation.exit(1);
    }
    long timeout = Poll.millis(c.args().get("timeout"), 30_000);
    if (timeout < 0) {
      inv.eprintln(
          "error: invalid argument \"" + c.args().get("timeout") + "\" for \"--timeout\" flag");
      return Invocation.exit(1);
    }
    List<ResourceRef> refs = ResourceRef.parse(inv, c.args().positional);
    if (refs == null) {
      return Invocation.exit(1);
    }
    if (refs.isEmpty()) {
      inv.eprintln(
          "error: resource(s) were provided, but no name, label selector, or --all flag specified");
      return Invocation.exit(1);
    }
    LabelSelector sel = LabelSelector.parse(inv, c.args().get("selector"));
    if (sel == null) {
      return Invocation.exit(1);
    }
    KubeObjects now = c.objects();
    List<ResourceRef> targets = new ArrayList<>();
    for (ResourceRef ref : refs) {
      if (ref.name() != null) {
        if (now.get(ref.kind(), c.namespace(), ref.name()).isEmpty() && !delete) {
          inv.eprintln(ref.notFound());
          return Invocation.exit(1);
        }
        targets.add(ref);
      } else if (c.args().has("all") || c.args().get("selector") != null) {
        now.list(ref.kind(), c.allNamespaces() ? null : c.namespace()).stream()
            .filter(o -> sel.matches(o.labels()))
            .forEach(o -> targets.add(new ResourceRef(ref.kind(), o.name())));
      } else {
        inv.eprintln(
            "error: resource(s) were provided, but no name, label selector, or --all flag specified");
        return Invocation.exit(1);
      }
    }
    if (targets.isEmpty()) {
      inv.eprintln("error: no matching resources found");
      return Invocation.exit(1);
    }
    String cond = condition;
    return next(c, targets, 0, cond, timeout, System.nanoTime());
  }

  /** Waits for the objects one after another, as kubectl does, sharing one timeout. */
  private static Future<Integer> next(
      KubectlContext c, List<ResourceRef> targets, int i, String cond, long timeout, long start) {
    if (i >= targets.size()) {
      return Invocation.exit(0);
    }
    ResourceRef ref = targets.get(i);
    long left = timeout - (System.nanoTime() - start) / 1_000_000;
    return Poll.until(c.inv(), left, () -> met(c, ref, cond))
        .compose(
            ok -> {
              if (!ok) {
                c.inv()
                    .eprintln(
                        "error: timed out waiting for the condition on "
                            + ref.kind().plural()
                            + "/"
                            + ref.name());
                return Invocation.exit(1);
              }
              c.inv().println(ref.kind().qualifiedSingular() + "/" + ref.name() + " condition met");
              return next(c, targets, i + 1, cond, timeout, start);
            });
  }

  private static boolean met(KubectlContext c, ResourceRef ref, String cond) {
    Optional<KubeObject> o = c.objects().get(ref.kind(), c.namespace(), ref.name());
    if (cond == null) {
      return o.isEmpty();
    }
    return o.isPresent() && conditionTrue(o.get().json(), cond);
  }

  /** Whether status.conditions has that type (any case) with status True. */
  static boolean conditionTrue(Map<String, Object> json, String type) {
    for (Object x : KubeObject.Json.list(KubeObject.Json.at(json, "status", "conditions"))) {
      Map<String, Object> m = KubeObject.Json.map(x);
      if (type.equalsIgnoreCase(KubeObject.Json.str(m.get("type")))) {
        return "True".equals(m.get("status"));
      }
    }
    return false;
  }
}
