package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.containers.ContainerExec;
import dev.trafficlab.terminal.net.Curl;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl exec POD [-c CONTAINER] [-it] -- curl ...: an in-mesh request from that pod's sidecar.
 */
final class KubectlExec {
  private KubectlExec() {}

  static Future<Integer> exec(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = new ArrayList<>(c.args().positional);
    List<String> command = new ArrayList<>(c.args().afterDashDash);
    if (pos.isEmpty()) {
      inv.eprintln("error: expected 'exec (POD | TYPE/NAME) COMMAND [ARG1] [ARG2] ... [ARGN]'.");
      inv.eprintln("POD or TYPE/NAME is a required argument for the exec command");
      inv.eprintln("See 'kubectl exec -h' for help and examples");
      return Invocation.exit(1);
    }
    if (!c.args().dashDash && pos.size() > 1) {
      inv.eprintln(
          "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl "
              + "exec [POD] -- [COMMAND] instead.");
      command.addAll(0, pos.subList(1, pos.size()));
      pos = pos.subList(0, 1);
    }
    if (command.isEmpty()) {
      inv.eprintln("error: you must specify at least one command for the container");
      return Invocation.exit(1);
    }
    String target = pos.get(0);
    PodTargets.Resolved r =
        PodTargets.resolve(c.objects().snapshot().inventory(), c.namespace(), target);
    if (r.pod() == null) {
      inv.eprintln(r.error());
      return Invocation.exit(1);
    }
    Pod p = r.pod();
    String container = c.args().get("container");
    List<String> containers = KubeObjects.containers(p);
    if (container != null && !containers.contains(container)) {
      inv.eprintln(
          "error: unable to upgrade connection: container not found (\"" + container + "\")");
      return Invocation.exit(1);
    }
    if (container == null && containers.size() > 1) {
      inv.eprintln("Defaulting container name to " + containers.get(0) + ".");
      inv.eprintln(
          "Use 'kubectl describe pod/"
              + p.name()
              + " -n "
              + p.namespace()
              + "' to see all of the containers in this pod.");
    }
    String program = command.get(0);
    List<String> rest = command.subList(1, command.size());
    if (program.equals("pilot-agent")) {
      String in = container == null ? containers.get(0) : container;
      if (!in.equals("istio-proxy")) {
        inv.eprintln(
            "OCI runtime exec failed: exec failed: container_linux.go:349: starting container "
                + "process caused \"exec: \\\"pilot-agent\\\": executable file not found in $PATH\": "
                + "unknown");
        inv.eprintln("command terminated with exit code 126");
        return Invocation.exit(126);
      }
      return ProxyAdmin.pilotAgent(inv, p, rest);
    }
    if (program.equals("curl") && adminUrl(rest) != null) {
      if (!ProxyAdmin.hasProxy(p)) {
        inv.eprintln("curl: (7) Failed to connect to localhost port 15000: Connection refused");
        inv.eprintln("command terminated with exit code 7");
        return Invocation.exit(7);
      }
      inv.print(ProxyAdmin.get(inv, p, adminUrl(rest)).body());
      return Invocation.exit(0);
    }
    String in = container == null ? containers.get(0) : container;
    if (in.equals("istio-proxy") && ProxyAdmin.hasProxy(p) && !containers.get(0).equals(in)) {
      // The sidecar's own container: the proxy image has pilot-agent, envoy and curl.
      return program.equals("curl")
          ? Curl.run(inv, rest, p.name())
          : ContainerExec.notFound(inv, program);
    }
    return ContainerExec.run(inv, p, in, command);
  }

  /**
   * The admin path of a plain curl to the pod's own Envoy (curl [-s] [-S] localhost:15000/PATH), or
   * null: anything else goes to the in-mesh curl.
   */
  private static String adminUrl(List<String> args) {
    String path = null;
    for (String a : args) {
      if (List.of("-s", "-S", "-sS", "-Ss", "--silent", "--show-error").contains(a)) {
        continue;
      }
      String u = a.startsWith("http://") ? a.substring(7) : a;
      String found = null;
      for (String host : List.of("localhost:" + ProxyAdmin.PORT, "127.0.0.1:" + ProxyAdmin.PORT)) {
        String rest = u.startsWith(host) ? u.substring(host.length()) : null;
        if (rest != null && (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?"))) {
          found = rest.isEmpty() ? "/" : rest;
        }
      }
      if (found == null || path != null) {
        return null;
      }
      path = found;
    }
    return path;
  }
}
