package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.Action;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.DocumentResult;
import dev.trafficlab.mesh.store.KubectlPrinter;
import dev.trafficlab.mesh.store.LabHints;
import dev.trafficlab.mesh.store.PrintedLine;
import dev.trafficlab.mesh.store.Reason;
import dev.trafficlab.mesh.store.Verb;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FileEntry;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** kubectl apply/create/delete -f FILE|DIR|-, create namespace, delete KIND NAME|--all|-l. */
final class KubectlApply {
  private KubectlApply() {}

  private record Target(ResourceKind kind, String namespace) {}

  /** One text to apply, named as kubectl names it in messages. */
  record Source(String name, String text) {}

  static Future<Integer> create(KubectlContext c) {
    List<String> pos = c.args().positional;
    if (!pos.isEmpty() && (pos.get(0).equals("namespace") || pos.get(0).equals("ns"))) {
      if (pos.size() < 2) {
        c.inv().eprintln("error: exactly one NAME is required, got 0");
        return Invocation.exit(1);
      }
      DocumentResult r = c.inv().ctx().config().createNamespace(pos.get(1));
      ApplyReport report = new ApplyReport(Verb.CREATE, List.of(r));
      print(c.inv(), KubectlPrinter.lines(report));
      return Invocation.exit(report.ok() ? 0 : 1);
    }
    if (!pos.isEmpty() && (pos.get(0).equals("deployment") || pos.get(0).equals("deploy"))) {
      return CreateDeployment.run(c);
    }
    if (!pos.isEmpty() && c.args().all("filename").isEmpty()) {
      c.inv()
          .eprintln(
              "error: the lab's kubectl creates from files (-f FILE), a namespace (create namespace"
                  + " NAME) or a deployment (create deployment NAME --image=IMAGE)");
      return Invocation.exit(1);
    }
    return apply(c, ApplyMode.CREATE);
  }

  static Future<Integer> apply(KubectlContext c, ApplyMode mode) {
    Invocation inv = c.inv();
    String dryRun = c.args().get("dry-run");
    if (dryRun != null && !List.of("client", "server", "none", "true", "false").contains(dryRun)) {
      inv.eprintln(
          "error: Invalid dry-run value ("
              + dryRun
              + "). Must be \"none\", \"server\", or \"client\".");
      return Invocation.exit(1);
    }
    boolean dry = dryRun != null && !dryRun.equals("none") && !dryRun.equals("false");
    List<String> files = c.args().all("filename");
    if (files.isEmpty()) {
      inv.eprintln(
          mode == ApplyMode.APPLY
              ? "error: must specify one of -f and -k"
              : "error: must specify one of -f and -k");
      return Invocation.exit(1);
    }
    List<Source> sources = new ArrayList<>();
    if (!collect(c, files, sources)) {
      return Invocation.exit(1);
    }
    boolean ok = true;
    // a dry run applies to a throw-away store holding the current state: same output, nothing kept
    ConfigStore store = dry ? new ConfigStore(inv.ctx().config().current()) : inv.ctx().config();
    String suffix = !dry ? "" : dryRun.equals("server") ? " (server dry run)" : " (dry run)";
    KubectlPrinter.Options printing = new KubectlPrinter.Options(suffix, false);
    for (Source s : sources) {
      inv.budget().countManifest();
      ApplyReport r = store.apply(s.text(), c.namespace(), s.name(), mode);
      print(inv, KubectlPrinter.lines(r, printing));
      // after a refused networking.istio.io/v1 object: the lab's hint about Istio 1.8's served
      // versions
      LabHints.hint(r).ifPresent(inv::eprintln);
      ok &= r.ok();
    }
    return Invocation.exit(ok ? 0 : 1);
  }

  /** Each line on the stream kubectl prints it on. */
  static void print(Invocation inv, List<PrintedLine> lines) {
    for (PrintedLine l : lines) {
      if (l.stream() == PrintedLine.Stream.STDOUT) {
        inv.println(l.text());
      } else {
        inv.eprintln(l.text());
      }
    }
  }

  /** True when every object was deleted (or, with --ignore-not-found, was already gone). */
  private static boolean deleted(ApplyReport r, boolean ignoreNotFound) {
    return r.results().stream()
        .allMatch(
            d ->
                d.action() == Action.DELETED || (ignoreNotFound && d.reason() == Reason.NOT_FOUND));
  }

  static Future<Integer> delete(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> files = c.args().all("filename");
    if (!files.isEmpty()) {
      List<Source> sources = new ArrayList<>();
      if (!collect(c, files, sources)) {
        return Invocation.exit(1);
      }
      boolean ok = true;
      boolean ignore = c.args().has("ignore-not-found");
      for (Source s : sources) {
        inv.budget().countManifest();
        ApplyReport r = inv.ctx().config().deleteFromText(s.text(), c.namespace(), s.name());
        print(inv, KubectlPrinter.lines(r, new KubectlPrinter.Options("", ignore)));
        ok &= deleted(r, ignore);
      }
      return Invocation.exit(ok ? 0 : 1);
    }
    List<String> pos = c.args().positional;
    if (pos.isEmpty()) {
      inv.eprintln("error: You must provide one or more resources by argument or filename.");
      inv.eprintln("Example resource specifications include:");
      inv.eprintln("   '-f rsrc.yaml'");
      inv.eprintln("   '--filename=rsrc.json'");
      inv.eprintln("   '<resource> <name>'");
      inv.eprintln("   '<resource>'");
      return Invocation.exit(1);
    }
    List<ResourceRef> refs = ResourceRef.parse(inv, pos);
    if (refs == null) {
      return Invocation.exit(1);
    }
    boolean all = c.args().has("all");
    String selector = c.args().get("selector");
    boolean ok = true;
    // names of one kind (and namespace) go to the store together: kubectl prints every deleted
    // line, then errors
    java.util.Map<Target, List<String>> byKind = new java.util.LinkedHashMap<>();
    for (ResourceRef ref : refs) {
      if (ref.kind().mesh() == null) {
        java.util.Optional<dev.trafficlab.mesh.model.ApiType> api =
            ref.kind().apiType(inv.ctx().config().current());
        if (api.isEmpty() || !api.get().known().writable()) {
          inv.eprintln(
              "error: Traffic Lab's cluster does not delete "
                  + ref.kind().qualifiedPlural()
                  + ": they are derived from what was applied");
          return Invocation.exit(1);
        }
        if (ref.name() == null) {
          inv.eprintln(
              "error: the lab's kubectl deletes "
                  + ref.kind().qualifiedPlural()
                  + " by name: kubectl delete "
                  + ref.kind().plural()
                  + " NAME");
          return Invocation.exit(1);
        }
        DocumentResult r = inv.ctx().config().delete(api.get(), c.namespace(), ref.name());
        if (r.failure() == null) {
          inv.println(KubectlPrinter.successLine(r, ""));
        } else if (!c.args().has("ignore-not-found")) {
          inv.eprintln(r.error());
          ok = false;
        }
        continue;
      }
      if (ref.name() != null) {
        byKind
            .computeIfAbsent(new Target(ref.kind().mesh(), c.namespace()), k -> new ArrayList<>())
            .add(ref.name());
      } else if (all || selector != null) {
        LabelSelector sel = LabelSelector.parse(inv, selector);
        if (sel == null) {
          return Invocation.exit(1);
        }
        boolean any = false;
        for (KubeObject o :
            c.objects().list(ref.kind(), c.allNamespaces() ? null : c.namespace())) {
          if (sel.matches(o.labels())) {
            String ns = o.namespace() == null ? c.namespace() : o.namespace();
            byKind
                .computeIfAbsent(new Target(ref.kind().mesh(), ns), k -> new ArrayList<>())
                .add(o.name());
            any = true;
          }
        }
        if (!any) {
          inv.eprintln("No resources found");
        }
      } else {
        inv.eprintln(
            "error: resource(s) were provided, but no name, label selector, or --all flag specified");
        return Invocation.exit(1);
      }
    }
    for (java.util.Map.Entry<Target, List<String>> e : byKind.entrySet()) {
      ApplyReport r =
          inv.ctx().config().deleteNames(e.getKey().kind(), e.getKey().namespace(), e.getValue());
      boolean ignore = c.args().has("ignore-not-found");
      print(inv, KubectlPrinter.lines(r, new KubectlPrinter.Options("", ignore)));
      ok &= deleted(r, ignore);
    }
    return Invocation.exit(ok ? 0 : 1);
  }

  /**
   * The texts named by -f arguments: files, directories (their .yaml/.yml/.json files), or "-" for
   * stdin.
   */
  static boolean collect(KubectlContext c, List<String> args, List<Source> out) {
    Invocation inv = c.inv();
    SandboxFiles fs = inv.files();
    for (String f : args) {
      if (f.equals("-")) {
        out.add(new Source("STDIN", inv.stdin() == null ? "" : inv.stdin()));
        continue;
      }
      if (f.startsWith("http://") || f.startsWith("https://")) {
        inv.eprintln(
            "error: unable to read URL \""
                + f
                + "\": the lab has no internet access; use the files under "
                + "$ISTIO_HOME");
        return false;
      }
      String abs = inv.resolve(f);
      if (fs.isDirectory(abs)) {
        if (!directory(c, f, abs, out)) {
          return false;
        }
        continue;
      }
      try {
        out.add(new Source(f, fs.read(abs)));
      } catch (FilesException e) {
        inv.eprintln("error: the path \"" + f + "\" does not exist");
        return false;
      }
    }
    return true;
  }

  private static boolean directory(KubectlContext c, String shown, String abs, List<Source> out) {
    try {
      int before = out.size();
      for (FileEntry e : c.inv().files().list(abs)) {
        String child = shown.endsWith("/") ? shown + e.name() : shown + "/" + e.name();
        if (e.directory()) {
          if (c.args().has("recursive")) {
            directory(c, child, e.path(), out);
          }
        } else if (e.name().endsWith(".yaml")
            || e.name().endsWith(".yml")
            || e.name().endsWith(".json")) {
          out.add(new Source(child, c.inv().files().read(e.path())));
        }
      }
      if (out.size() == before) {
        c.inv().eprintln("error: no objects passed to " + "apply");
        return false;
      }
      return true;
    } catch (FilesException e) {
      c.inv().eprintln("error: the path \"" + shown + "\" does not exist");
      return false;
    }
  }
}
