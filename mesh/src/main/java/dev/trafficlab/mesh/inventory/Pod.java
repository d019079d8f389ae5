package dev.trafficlab.mesh.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod of the sandbox's cluster. {@code workload} is the Deployment name; {@code image} is the
 * image of its application container (what the data plane runs as its behaviour); {@code sidecar}
 * says whether an istio-proxy was injected (a pod without one is outside the mesh).
 *
 * <p>A pod's lifecycle is a function of time: it stores when it was created and how long its start
 * takes, and {@link #status(Instant)} / {@link #ready(Instant)} compute where it is at an instant
 * (no work happens while it starts).
 *
 * @param owner the ReplicaSet that owns it ("" for a pod of the lab's platform or a bare pod)
 * @param containers the containers, the application's first and istio-proxy last when injected
 * @param created when the pod was created ({@link Instant#EPOCH}: it has always been running)
 * @param startMillis how long after creation the pod is Running and ready
 */
public record Pod(
    String name,
    String namespace,
    String workload,
    Map<String, String> labels,
    String ip,
    String serviceAccount,
    String nodeName,
    String image,
    boolean sidecar,
    String owner,
    List<Container> containers,
    Map<String, String> annotations,
    Instant created,
    long startMillis) {

  /** The node every pod runs on, named as the terminal's prompt names it. */
  public static final String NODE = "controlplane";

  /** The node's IP: the hostIP of every pod, and the pod IP of host-network pods. */
  public static final String NODE_IP = "192.168.49.2";

  public Pod {
    labels = Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    containers =
        containers == null ? defaultContainers(workload, image, sidecar) : List.copyOf(containers);
    owner = owner == null ? "" : owner;
    created = created == null ? Instant.EPOCH : created;
  }

  /** A pod that has always been running (the lab's platform, tests). */
  public Pod(
      String name,
      String namespace,
      String workload,
      Map<String, String> labels,
      String ip,
      String serviceAccount,
      String nodeName,
      String image,
      boolean sidecar) {
    this(
        name,
        namespace,
        workload,
        labels,
        ip,
        serviceAccount,
        nodeName,
        image,
        sidecar,
        "",
        null,
        Map.of(),
        Instant.EPOCH,
        0);
  }

  private static List<Container> defaultContainers(String workload, String image, boolean sidecar) {
    List<Container> out = new ArrayList<>();
    out.add(new Container(workload, image, List.of()));
    if (sidecar) {
      out.add(Container.istioProxy());
    }
    return out;
  }

  public String app() {
    return labels.getOrDefault("app", "");
  }

  public String version() {
    return labels.getOrDefault("version", "");
  }

  /** When the pod is Running and ready. */
  public Instant readyAt() {
    return created.plusMillis(startMillis);
  }

  /** True when the pod is Running and ready at {@code now} (an endpoint of its services). */
  public boolean ready(Instant now) {
    return !now.isBefore(readyAt());
  }

  /** The pod's phase at an instant: Pending until its containers run, then Running. */
  public String phase(Instant now) {
    return ready(now) ? "Running" : "Pending";
  }

  /**
   * kubectl get pods' STATUS at an instant: Pending (not yet scheduled), Init:0/1 and
   * PodInitializing (the istio-init container, when injected) or ContainerCreating, then Running.
   */
  public String status(Instant now) {
    if (ready(now)) {
      return "Running";
    }
    long age = now.toEpochMilli() - created.toEpochMilli();
    if (age < startMillis / 10) {
      return "Pending";
    }
    if (sidecar) {
      return age < startMillis / 2 ? "Init:0/1" : "PodInitializing";
    }
    return "ContainerCreating";
  }

  /** kubectl get pods' READY at an instant: "2/2" when injected and ready. */
  public String readyColumn(Instant now) {
    return (ready(now) ? containers.size() : 0) + "/" + containers.size();
  }

  /** The container kubectl exec and logs use by default: the application's. */
  public Container appContainer() {
    return containers.get(0);
  }

  /** The container of that name, if the pod has it. */
  public java.util.Optional<Container> container(String containerName) {
    return containers.stream().filter(c -> c.name().equals(containerName)).findFirst();
  }

  /** The instants of the pod's start: scheduled, image pulled, started (for events). */
  Instant startedAt() {
    return readyAt().minusMillis(Math.min(200, startMillis / 5));
  }
}
