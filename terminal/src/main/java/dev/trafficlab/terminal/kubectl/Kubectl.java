package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/** kubectl 1.19 against the sandbox's cluster. */
public final class Kubectl implements Command {
  static final String CLIENT_VERSION =
      "version.Info{Major:\"1\", Minor:\"19\", GitVersion:\"v1.19.4\", "
          + "GitCommit:\"d360454c9bcd1634cf4cc52d1867af5491dc9c5f\", GitTreeState:\"clean\", "
          + "BuildDate:\"2020-11-11T13:17:17Z\", GoVersion:\"go1.15.2\", Compiler:\"gc\", Platform:\"linux/amd64\"}";
  static final String SERVER_VERSION =
      "version.Info{Major:\"1\", Minor:\"19\", GitVersion:\"v1.19.4\", "
          + "GitCommit:\"d360454c9bcd1634cf4cc52d1867af5491dc9c5f\", GitTreeState:\"clean\", "
          + "BuildDate:\"2020-11-11T13:09:17Z\", GoVersion:\"go1.15.2\", Compiler:\"gc\", Platform:\"linux/amd64\"}";

  private static final Set<String> UNSUPPORTED =
      Set.of(
          "replace",
          "expose",
          "run",
          "port-forward",
          "proxy",
          "cp",
          "attach",
          "auth",
          "debug",
          "diff",
          "kustomize",
          "autoscale",
          "certificate",
          "top",
          "cordon",
          "uncordon",
          "drain",
          "taint",
          "plugin",
          "completion",
          "alpha",
          "convert",
          "explain",
          "config");

  @Override
  public Future<Integer> run(Invocation inv) {
    List<String> args = inv.args();
    if (args.isEmpty()
        || args.get(0).equals("help")
        || args.get(0).equals("--help")
        || args.get(0).equals("-h")) {
      inv.print(USAGE);
      return Invocation.exit(0);
    }
    // global flags may come before the verb: kubectl -n istio-system get svc
    int v = KubectlArgs.verbIndex(args);
    if (v < 0) {
      inv.print(USAGE);
      return Invocation.exit(0);
    }
    String verb = args.get(v);
    List<String> rest = new java.util.ArrayList<>(args.subList(0, v));
    rest.addAll(args.subList(v + 1, args.size()));
    KubectlArgs k;
    try {
      k = KubectlArgs.parse(rest, verb.equals("logs") ? Set.of("f", "p") : Set.of());
    } catch (KubectlArgs.FlagError e) {
      inv.eprintln("Error: " + e.getMessage());
      inv.eprintln("See 'kubectl " + verb + " --help' for usage.");
      return Invocation.exit(1);
    }
    if (k.has("help")) {
      inv.println(
          "Run 'kubectl "
              + verb
              + "' as the lesson shows; the lab's kubectl supports: "
              + SUPPORTED);
      return Invocation.exit(0);
    }
    KubectlContext c = new KubectlContext(inv, k);
    if (verb.equals("get") && k.has("watch")) {
      return Following.watch(c);
    }

    return switch (verb) {
      case "apply" -> KubectlApply.apply(c, dev.trafficlab.mesh.store.ApplyMode.APPLY);
      case "create" -> KubectlApply.create(c);
      case "delete" -> KubectlApply.delete(c);
      case "get" -> KubectlGet.get(c);
      case "describe" -> KubectlDescribe.describe(c);
      case "edit" -> KubectlEdit.edit(c);
      case "exec" -> KubectlExec.exec(c);
      case "logs" -> KubectlLogs.logs(c);
      case "version" -> version(c);
      case "api-resources" -> apiResources(c);
      case "wait" -> KubectlWait.waitFor(c);
      case "rollout" -> KubectlRollout.rollout(c);
      case "cluster-info" -> clusterInfo(c);
      case "scale" -> ClusterVerbs.scale(c);
      case "set" -> ClusterVerbs.set(c);
      case "label" -> ClusterVerbs.label(c, false);
      case "annotate" -> ClusterVerbs.label(c, true);
      case "patch" -> ClusterVerbs.patch(c);
      default -> {
        if (UNSUPPORTED.contains(verb)) {
          inv.eprintln(
              "error: \"kubectl "
                  + verb
                  + "\" is not available in Traffic Lab; supported: "
                  + SUPPORTED);
          yield Invocation.exit(1);
        }
        inv.eprintln("Error: unknown command \"" + verb + "\" for \"kubectl\"");
        inv.eprintln("Run 'kubectl --help' for usage.");
        yield Invocation.exit(1);
      }
    };
  }

  static final String SUPPORTED =
      "apply, create, delete, get, describe, edit, exec, logs, wait, rollout, scale, set image,"
          + " label, annotate, patch, cluster-info, version, api-resources";

  /** The API server's address: the node's IP and kubeadm's secure port. */
  static final String API_SERVER = "https://" + dev.trafficlab.terminal.net.Curl.NODE_IP + ":6443";

  private static Future<Integer> clusterInfo(KubectlContext c) {
    if (c.args().positional.contains("dump")) {
      c.inv().eprintln("error: \"kubectl cluster-info dump\" is not available in Traffic Lab");
      return Invocation.exit(1);
    }
    c.inv().println("Kubernetes master is running at " + API_SERVER);
    c.inv()
        .println(
            "KubeDNS is running at "
                + API_SERVER
                + "/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy");
    c.inv().println("");
    c.inv()
        .println(
            "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
    return Invocation.exit(0);
  }

  private static Future<Integer> version(KubectlContext c) {
    if (c.args().has("short")) {
      c.inv().println("Client Version: v1.19.4");
      c.inv().println("Server Version: v1.19.4");
    } else {
      c.inv().println("Client Version: " + CLIENT_VERSION);
      c.inv().println("Server Version: " + SERVER_VERSION);
    }
    return Invocation.exit(0);
  }

  private static Future<Integer> apiResources(KubectlContext c) {
    String group = c.args().get("api-group");
    String namespaced = c.args().get("namespaced");
    dev.trafficlab.terminal.format.Table t = dev.trafficlab.terminal.format.Table.kubectl();
    boolean names = "name".equals(c.args().get("output"));
    if (!names && !c.args().has("no-headers")) {
      t.row("NAME", "SHORTNAMES", "APIGROUP", "NAMESPACED", "KIND");
    }
    for (KubeType k : KubeTypes.ALL) {
      if (group != null && !group.equals(k.group())) {
        continue;
      }
      if (namespaced != null && !namespaced.equals(String.valueOf(k.namespaced()))) {
        continue;
      }
      if (names) {
        c.inv().println(k.group().isEmpty() ? k.plural() : k.plural() + "." + k.group());
        continue;
      }
      t.row(
          k.plural(),
          String.join(",", k.shortNames()),
          k.group(),
          String.valueOf(k.namespaced()),
          k.kind());
    }
    c.inv().print(t.render());
    return Invocation.exit(0);
  }

  /**
   * kubectl's line for an object that does not exist, e.g. {@code pods "x" not found} with its
   * prefix.
   */
  static String notFound(String plural, String name) {
    return "Error from server (NotFound): " + plural + " \"" + name + "\" not found";
  }

  private static final String USAGE =
      """
      kubectl controls the Kubernetes cluster manager (Traffic Lab's sandbox cluster).

      Basic Commands:
        create        Create a resource from a file or from stdin (and create namespace NAME)
        get           Display one or many resources
        edit          Edit a resource in the lab's editor
        delete        Delete resources by filenames, stdin, resources and names, or by resources and label selector

      Troubleshooting and Debugging Commands:
        describe      Show details of a specific resource or group of resources
        logs          Print the logs for a container in a pod
        exec          Execute a command in a container (curl)

      Advanced Commands:
        apply         Apply a configuration to a resource by filename or stdin
        patch         Update field(s) of a resource
        label         Update the labels on a resource
        annotate      Update the annotations on a resource

      Deploy Commands:
        rollout       Manage the rollout of a resource (status, restart, undo, history)
        scale         Set a new size for a Deployment
        set           Set specific features on objects (set image)

      Cluster Management Commands:
        cluster-info  Display cluster info

      Other Commands:
        wait          Experimental: Wait for a specific condition on one or many resources
        api-resources Print the supported API resources on the server
        version       Print the client and server version information

      Usage:
        kubectl [flags] [options]
      """;
}
