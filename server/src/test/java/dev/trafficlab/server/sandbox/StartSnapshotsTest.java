package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.model.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartSnapshotsTest {
  private static final String NETWORKING = "scenarios/assets/istio-1.8.1/samples/bookinfo/networking/";

  @Test
  void theLessonStartIsTheGatewayAndEveryDestinationRule() {
    StartSnapshots starts = StartSnapshots.load(getClass().getClassLoader());
    assertThat(starts.lessonFiles())
        .containsExactly(NETWORKING + "bookinfo-gateway.yaml", NETWORKING + "destination-rule-all.yaml");
    List<String> objects = starts.get(StartState.LESSON).objects().values().stream()
        .map(r -> r.kind().kind() + "/" + r.name()).toList();
    assertThat(objects).containsExactlyInAnyOrder("Gateway/bookinfo-gateway", "VirtualService/bookinfo",
        "DestinationRule/productpage", "DestinationRule/reviews", "DestinationRule/ratings", "DestinationRule/details");
    for (Resource r : starts.get(StartState.LESSON).objects().values()) {
      assertThat(r.meta().creationTimestamp()).isNotNull();
      assertThat(r.meta().uid()).isNotBlank();
    }
    assertThat(starts.get(StartState.NONE).objects()).isEmpty();
  }

  @Test
  void startEntriesResolveToClasspathPaths() {
    assertThat(StartSnapshots.resolve("bookinfo-gateway.yaml")).isEqualTo(NETWORKING + "bookinfo-gateway.yaml");
    assertThat(StartSnapshots.resolve("istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(NETWORKING + "bookinfo-gateway.yaml");
    assertThat(StartSnapshots.resolve("/root/istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(NETWORKING + "bookinfo-gateway.yaml");
    assertThat(StartSnapshots.resolve("$ISTIO_HOME/samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(NETWORKING + "bookinfo-gateway.yaml");
    assertThat(StartSnapshots.resolve("samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(NETWORKING + "bookinfo-gateway.yaml");
  }
}
