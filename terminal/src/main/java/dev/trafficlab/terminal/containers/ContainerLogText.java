package dev.trafficlab.terminal.containers;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.images.ContainerOutput;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.Invocation;
import java.util.List;

/** kubectl logs POD -c APP: what the application container wrote (docs/images.md). */
public final class ContainerLogText {
  private ContainerLogText() {}

  /** The container's log lines, oldest first, at most {@code tail} (negative: all). */
  public static List<String> lines(Invocation inv, Pod pod, int tail) {
    BookinfoMesh mesh = inv.ctx().dataPlane();
    List<String> lines =
        mesh == null ? ContainerOutput.lines(null, pod) : mesh.containerLogs(inv.ctx().mesh(), pod);
    if (tail >= 0 && tail < lines.size()) {
      return lines.subList(lines.size() - tail, lines.size());
    }
    return lines;
  }

  /** The note kubectl describe pod shows for an image the lab does not know, or null. */
  public static String describeNote(Pod pod) {
    return dev.trafficlab.bookinfo.images.ImageCatalogue.behaviour(pod.image()).known()
        ? null
        : ContainerOutput.unknownImageNote(pod.image());
  }
}
