package dev.trafficlab.terminal.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl's READY/STATUS/RESTARTS cells for each stage of a pod's start and end. */
class PodColumnsTest {
  static final Instant T = Instant.parse("2026-11-26T20:00:00Z");
  final KubeObjects objects =
      new KubeObjects(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8), T);

  PodColumns at(Pod p, PodStage stage) {
    return PodColumns.of(
        objects.pod(p, stage, T, stage == PodStage.TERMINATING ? T.plusSeconds(5) : null).json());
  }

  Pod pod(boolean sidecar) {
    return new Pod(
        "httpbin-779c54bf49-abcde",
        sidecar ? "default" : "istio-system",
        "httpbin",
        Map.of("app", "httpbin"),
        "10.244.0.30",
        "httpbin",
        "controlplane",
        "docker.io/kennethreitz/httpbin",
        sidecar);
  }

  @Test
  void aPodWithASidecarGoesThroughInitAndPodInitializing() {
    Pod p = pod(true);
    assertThat(at(p, PodStage.PENDING)).isEqualTo(new PodColumns("0/2", "Pending", 0));
    assertThat(at(p, PodStage.INITIALIZING)).isEqualTo(new PodColumns("0/2", "Init:0/1", 0));
    assertThat(at(p, PodStage.POD_INITIALIZING))
        .isEqualTo(new PodColumns("0/2", "PodInitializing", 0));
    assertThat(at(p, PodStage.RUNNING)).isEqualTo(new PodColumns("2/2", "Running", 0));
    assertThat(at(p, PodStage.TERMINATING)).isEqualTo(new PodColumns("2/2", "Terminating", 0));
  }

  @Test
  void aPodWithoutASidecarShowsContainerCreating() {
    Pod p = pod(false);
    assertThat(at(p, PodStage.CONTAINER_CREATING))
        .isEqualTo(new PodColumns("0/1", "ContainerCreating", 0));
    assertThat(at(p, PodStage.RUNNING)).isEqualTo(new PodColumns("1/1", "Running", 0));
  }

  @Test
  void aFailedInitContainerAndRestartsShowAsKubectlDoes() {
    Map<String, Object> pod =
        Map.of(
            "metadata",
            Map.of(),
            "spec",
            Map.of(
                "containers",
                java.util.List.of(Map.of(), Map.of()),
                "initContainers",
                java.util.List.of(Map.of())),
            "status",
            Map.of(
                "phase",
                "Pending",
                "initContainerStatuses",
                java.util.List.of(
                    Map.of(
                        "restartCount",
                        3,
                        "state",
                        Map.of("waiting", Map.of("reason", "CrashLoopBackOff"))))));
    assertThat(PodColumns.of(pod)).isEqualTo(new PodColumns("0/2", "Init:CrashLoopBackOff", 3));
  }
}
