package dev.trafficlab.bookinfo.images;

import dev.trafficlab.mesh.inventory.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * What kubectl logs shows for a pod's application container: the lines it wrote while the lab ran
 * it, after the fixed lines its image prints (or, for an image the lab does not know, a plain note
 * saying how the lab runs it).
 */
public final class ContainerOutput {
  private ContainerOutput() {}

  /** The note for an image the lab does not know (kubectl logs and kubectl describe pod). */
  public static String unknownImageNote(String image) {
    return "Traffic Lab does not know the image \""
        + image
        + "\": this container answers as an HTTP echo server on each containerPort (200 with a"
        + " JSON echo of method, path, headers and pod).";
  }

  public static final String TCP_NOTE =
      "Traffic Lab: tcp-echo is a TCP echo server and the lab carries only HTTP for now: TCP"
          + " lessons are not available yet.";

  /** The log lines, oldest first. */
  public static List<String> lines(ContainerLogs logs, Pod pod) {
    List<String> out = new ArrayList<>();
    Behaviour b = ImageCatalogue.behaviour(pod.image());
    if (b == Behaviour.ECHO) {
      out.add(unknownImageNote(pod.image()));
    } else if (b == Behaviour.TCP_ECHO) {
      out.add(TCP_NOTE);
    }
    if (logs != null) {
      out.addAll(logs.lines(pod.name()));
    }
    return out;
  }
}
