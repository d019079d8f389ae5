package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LessonSource.Action;
import dev.trafficlab.e2e.LessonSource.Kind;
import org.junit.jupiter.api.Test;

class LessonSourceTest {

  @Test
  void inlineExecuteAndOpenMarkersAreFoundInOrder() {
    String md =
        """
        Look at `$ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml`{{open}} first.

        `kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml`{{execute}}

        Then `kubectl get virtualservices`{{execute T1}} and `echo not a command` (plain code).
        """;
    assertThat(LessonSource.actions(md))
        .containsExactly(
            new Action(
                Kind.OPEN, "$ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml"),
            new Action(
                Kind.EXECUTE,
                "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml"),
            new Action(Kind.EXECUTE, "kubectl get virtualservices"));
  }

  @Test
  void fencedBlockFollowedByExecuteIsOneMultiLineCommand() {
    String md =
        """
        ```
        kubectl apply -f - <<EOF
        kind: Namespace
        EOF
        ```{{execute}}
        """;
    assertThat(LessonSource.actions(md))
        .containsExactly(
            new Action(Kind.EXECUTE, "kubectl apply -f - <<EOF\nkind: Namespace\nEOF"));
  }

  @Test
  void copyMarkersAndPlainCodeBlocksAreNotCommands() {
    String md =
        """
        `export FOO=1`{{copy}}

        ```
        kubectl get pods
        ```
        """;
    assertThat(LessonSource.actions(md)).isEmpty();
  }
}
