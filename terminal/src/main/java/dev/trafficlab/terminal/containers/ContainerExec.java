package dev.trafficlab.terminal.containers;

import dev.trafficlab.bookinfo.images.Behaviour;
import dev.trafficlab.bookinfo.images.ImageCatalogue;
import dev.trafficlab.mesh.inventory.Container;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.net.Curl;
import dev.trafficlab.terminal.net.Fortio;
import io.vertx.core.Future;
import java.util.List;

/**
 * A command run inside a pod's application container (kubectl exec POD -c APP -- CMD): what the
 * container's image has (docs/images.md). curl goes out through the pod's own sidecar (or, without
 * one, straight through kube-proxy); a program the image lacks fails as the container runtime
 * reports it.
 */
public final class ContainerExec {
  private ContainerExec() {}

  public static final String TCP_NOT_AVAILABLE =
      "Traffic Lab: nc opens a raw TCP connection, and the lab's mesh carries only HTTP for now: "
          + "TCP lessons are not available yet.";

  /**
   * @param container the container's name; its image decides (the pod's application image when the
   *     pod has no container of that name)
   */
  public static Future<Integer> run(
      Invocation inv, Pod pod, String container, List<String> command) {
    String program = command.get(0);
    String name = program.substring(program.lastIndexOf('/') + 1);
    String image = pod.container(container).map(Container::image).orElse(pod.image());
    Behaviour behaviour = ImageCatalogue.behaviour(image);
    List<String> args = command.subList(1, command.size());
    if (name.equals("time") && behaviour.has("sh") && !args.isEmpty()) {
      // busybox's time applet: the command's wall-clock time on stderr after it ends
      long started = System.nanoTime();
      String inner = args.get(0).substring(args.get(0).lastIndexOf('/') + 1);
      Future<Integer> ran =
          inner.equals("curl")
              ? Curl.run(inv, args.subList(1, args.size()), pod.name())
              : run(inv, pod, container, args);
      return ran.map(
          code -> {
            double s = (System.nanoTime() - started) / 1e9;
            inv.eprintln("");
            inv.eprintln(
                String.format(java.util.Locale.ROOT, "real\t%dm%.3fs", (long) (s / 60), s % 60));
            inv.eprintln("user\t0m0.004s");
            inv.eprintln("sys\t0m0.004s");
            if (code != 0 && inner.equals("curl")) {
              inv.eprintln("command terminated with exit code " + code);
            }
            return code;
          });
    }
    if (!behaviour.has(program)) {
      return notFound(inv, program);
    }
    switch (name) {
      case "curl" -> {
        // kubectl exec reports a command's non-zero exit on stderr
        return Curl.run(inv, args, pod.name())
            .map(
                code -> {
                  if (code != 0) {
                    inv.eprintln("command terminated with exit code " + code);
                  }
                  return code;
                });
      }
      case "fortio" -> {
        return Fortio.run(inv, args, pod);
      }
      case "nc" -> {
        inv.eprintln(TCP_NOT_AVAILABLE);
        return Invocation.exit(1);
      }
      case "sh", "bash" -> {
        if (args.size() >= 2
            && args.get(0).equals("-c")
            && args.get(1).trim().startsWith("curl ")) {
          inv.eprintln("error: the lab runs curl directly in pods: kubectl exec POD -- curl ...");
          return Invocation.exit(126);
        }
      }
      default -> {}
    }
    inv.eprintln(
        "OCI runtime exec failed: exec failed: Traffic Lab's pods run only curl "
            + "(kubectl exec POD -c CONTAINER -- curl URL), not \""
            + program
            + "\": unknown");
    inv.eprintln("command terminated with exit code 126");
    return Invocation.exit(126);
  }

  /** What the container runtime (runc, as Docker 19.03 ships it) says for a missing program. */
  public static Future<Integer> notFound(Invocation inv, String program) {
    inv.eprintln(
        "OCI runtime exec failed: exec failed: container_linux.go:349: starting container "
            + "process caused \"exec: \\\""
            + program
            + "\\\": executable file not found in $PATH\": unknown");
    inv.eprintln("command terminated with exit code 126");
    return Invocation.exit(126);
  }
}
