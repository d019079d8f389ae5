package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.ReplicaSet;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.DocumentResult;
import dev.trafficlab.mesh.store.KubectlPrinter;
import dev.trafficlab.mesh.store.PatchType;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubectl verbs that change Kubernetes objects (scale, set image, rollout restart|undo|history,
 * label, annotate, patch): they parse kubectl's arguments, call the store's operation and print the
 * line {@link KubectlPrinter} words for its result.
 */
final class ClusterVerbs {
  private ClusterVerbs() {}

  private static ConfigStore store(KubectlContext c) {
    return c.inv().ctx().config();
  }

  /** Prints a result as kubectl does (the success line, or the error) and answers its status. */
  private static int print(Invocation inv, DocumentResult r) {
    if (r.failure() == null) {
      inv.println(KubectlPrinter.successLine(r, ""));
      return 0;
    }
    inv.eprintln(r.error());
    return 1;
  }

  /** One deployment named as TYPE NAME or TYPE/NAME; null after printing kubectl's error. */
  private static ResourceRef deployment(KubectlContext c, List<String> pos, String verb) {
    List<ResourceRef> refs = ResourceRef.parse(c.inv(), pos);
    if (refs == null) {
      return null;
    }
    if (refs.isEmpty() || refs.get(0).name() == null) {
      c.inv().eprintln("error: required resource not specified");
      return null;
    }
    ResourceRef ref = refs.get(0);
    if (!ref.kind().equals(KubeTypes.DEPLOYMENT)) {
      c.inv()
          .eprintln(
              "error: "
                  + verb
                  + " is not supported for "
                  + ref.kind().qualifiedPlural()
                  + " in Traffic Lab, only for deployments");
      return null;
    }
    return ref;
  }

  static Future<Integer> scale(KubectlContext c) {
    Invocation inv = c.inv();
    String replicas = c.args().get("replicas");
    if (replicas == null) {
      inv.eprintln("error: required flag(s) \"replicas\" not set");
      return Invocation.exit(1);
    }
    int n;
    try {
      n = Integer.parseInt(replicas);
    } catch (NumberFormatException e) {
      inv.eprintln(
          "Error: invalid argument \""
              + replicas
              + "\" for \"--replicas\" flag: strconv.ParseInt:"
              + " parsing \""
              + replicas
              + "\": invalid syntax");
      return Invocation.exit(1);
    }
    if (n < 0) {
      inv.eprintln(
          "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
      return Invocation.exit(1);
    }
    ResourceRef ref = deployment(c, c.args().positional, "scale");
    if (ref == null) {
      return Invocation.exit(1);
    }
    return Invocation.exit(print(inv, store(c).scale(c.namespace(), ref.name(), n)));
  }

  static Future<Integer> set(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = c.args().positional;
    if (pos.isEmpty() || !pos.get(0).equals("image")) {
      inv.eprintln(
          "error: the lab's kubectl set supports: kubectl set image deployment/NAME CONTAINER=IMAGE");
      return Invocation.exit(1);
    }
    List<String> targets = new ArrayList<>();
    Map<String, String> images = new LinkedHashMap<>();
    for (String a : pos.subList(1, pos.size())) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        images.put(a.substring(0, eq), a.substring(eq + 1));
      } else {
        targets.add(a);
      }
    }
    if (images.isEmpty()) {
      inv.eprintln("error: at least one image update is required");
      return Invocation.exit(1);
    }
    ResourceRef ref = deployment(c, targets, "set image");
    if (ref == null) {
      return Invocation.exit(1);
    }
    return Invocation.exit(print(inv, store(c).setImage(c.namespace(), ref.name(), images)));
  }

  static Future<Integer> rolloutChange(KubectlContext c, String sub, ResourceRef ref) {
    Invocation inv = c.inv();
    return switch (sub) {
      case "restart" ->
          Invocation.exit(print(inv, store(c).rolloutRestart(c.namespace(), ref.name())));
      case "undo" -> {
        long to = 0;
        String rev = c.args().get("to-revision");
        if (rev != null) {
          try {
            to = Long.parseLong(rev);
          } catch (NumberFormatException e) {
            inv.eprintln("Error: invalid argument \"" + rev + "\" for \"--to-revision\" flag");
            yield Invocation.exit(1);
          }
        }
        yield Invocation.exit(print(inv, store(c).rolloutUndo(c.namespace(), ref.name(), to)));
      }
      case "history" -> history(c, ref);
      default -> {
        inv.eprintln("Error: unknown command \"" + sub + "\" for \"kubectl rollout\"");
        inv.eprintln("Run 'kubectl rollout --help' for usage.");
        yield Invocation.exit(1);
      }
    };
  }

  /** kubectl rollout history: one row per revision, its change-cause or {@code <none>}. */
  private static Future<Integer> history(KubectlContext c, ResourceRef ref) {
    List<ReplicaSet> sets =
        new ArrayList<>(
            c.objects().snapshot().inventory().replicaSetsOf(c.namespace(), ref.name()));
    sets.sort(Comparator.comparingLong(ReplicaSet::revision));
    StringBuilder out = new StringBuilder("deployment.apps/" + ref.name() + " \n");
    // kubectl's history writer: tabwriter with no minimum width and a padding of two
    out.append("REVISION  CHANGE-CAUSE\n");
    for (ReplicaSet rs : sets) {
      String rev = String.valueOf(rs.revision());
      out.append(rev)
          .append(" ".repeat(Math.max(2, 10 - rev.length())))
          .append(rs.changeCause().isEmpty() ? "<none>" : rs.changeCause())
          .append('\n');
    }
    out.append('\n');
    c.inv().print(out.toString());
    return Invocation.exit(0);
  }

  static Future<Integer> label(KubectlContext c, boolean annotate) {
    Invocation inv = c.inv();
    String what = annotate ? "annotation" : "label";
    List<String> names = new ArrayList<>();
    Map<String, String> set = new LinkedHashMap<>();
    List<String> remove = new ArrayList<>();
    for (String a : c.args().positional) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        set.put(a.substring(0, eq), a.substring(eq + 1));
      } else if (a.endsWith("-") && a.length() > 1 && !a.contains("/")) {
        remove.add(a.substring(0, a.length() - 1));
      } else if (a.endsWith("-") && a.length() > 1 && !names.isEmpty()) {
        remove.add(a.substring(0, a.length() - 1));
      } else {
        names.add(a);
      }
    }
    if (set.isEmpty() && remove.isEmpty()) {
      inv.eprintln("error: at least one " + what + " update is required");
      return Invocation.exit(1);
    }
    List<ResourceRef> refs = ResourceRef.parse(inv, names);
    if (refs == null) {
      return Invocation.exit(1);
    }
    if (refs.isEmpty()) {
      inv.eprintln(
          "error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
      return Invocation.exit(1);
    }
    LabelSelector sel = LabelSelector.parse(inv, c.args().get("selector"));
    if (sel == null) {
      return Invocation.exit(1);
    }
    List<ResourceRef> targets = new ArrayList<>();
    for (ResourceRef ref : refs) {
      if (ref.name() != null) {
        targets.add(ref);
      } else if (c.args().has("all") || c.args().get("selector") != null) {
        c.objects().list(ref.kind(), c.namespace()).stream()
            .filter(o -> sel.matches(o.labels()))
            .forEach(o -> targets.add(new ResourceRef(ref.kind(), o.name())));
      } else {
        inv.eprintln(
            "error: resource(s) were provided, but no name, label selector, or --all flag specified");
        return Invocation.exit(1);
      }
    }
    int code = 0;
    boolean overwrite = c.args().has("overwrite");
    for (ResourceRef ref : targets) {
      Optional<ApiType> type = ref.kind().apiType(c.objects().snapshot());
      if (type.isEmpty()) {
        inv.eprintln(ref.notFound());
        code = 1;
        continue;
      }
      DocumentResult r =
          annotate
              ? store(c).annotate(type.get(), c.namespace(), ref.name(), set, remove, overwrite)
              : store(c).label(type.get(), c.namespace(), ref.name(), set, remove, overwrite);
      code = Math.max(code, print(inv, r));
    }
    return Invocation.exit(code);
  }

  static Future<Integer> patch(KubectlContext c) {
    Invocation inv = c.inv();
    String patch = c.args().get("patch");
    if (patch == null) {
      inv.eprintln("error: must specify -p to patch");
      return Invocation.exit(1);
    }
    String typeFlag = c.args().get("type");
    PatchType pt;
    switch (typeFlag == null ? "strategic" : typeFlag) {
      case "strategic" -> pt = PatchType.STRATEGIC;
      case "merge" -> pt = PatchType.MERGE;
      case "json" -> pt = PatchType.JSON;
      default -> {
        inv.eprintln(
            "error: --type must be one of [json merge strategic], not \"" + typeFlag + "\"");
        return Invocation.exit(1);
      }
    }
    List<ResourceRef> refs = ResourceRef.parse(inv, c.args().positional);
    if (refs == null) {
      return Invocation.exit(1);
    }
    if (refs.size() != 1 || refs.get(0).name() == null) {
      inv.eprintln(
          "error: the lab's kubectl patch changes one object: kubectl patch KIND NAME -p PATCH");
      return Invocation.exit(1);
    }
    ResourceRef ref = refs.get(0);
    Optional<ApiType> type = ref.kind().apiType(c.objects().snapshot());
    if (type.isEmpty()) {
      inv.eprintln(ref.notFound());
      return Invocation.exit(1);
    }
    return Invocation.exit(
        print(inv, store(c).patch(type.get(), c.namespace(), ref.name(), patch, pt)));
  }
}
