package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LessonPathsTest {
  @Test
  void relativePathsResolveUnderRoot() {
    assertThat(LessonPaths.resolve("istio-1.8.1/a.yaml")).isEqualTo("/root/istio-1.8.1/a.yaml");
    assertThat(LessonPaths.resolve("./a.yaml")).isEqualTo("/root/a.yaml");
  }

  @Test
  void shellStyleHomesExpand() {
    assertThat(LessonPaths.resolve("$ISTIO_HOME/samples/a.yaml"))
        .isEqualTo("/root/istio-1.8.1/samples/a.yaml");
    assertThat(LessonPaths.resolve("${ISTIO_HOME}/a")).isEqualTo("/root/istio-1.8.1/a");
    assertThat(LessonPaths.resolve("~/a")).isEqualTo("/root/a");
    assertThat(LessonPaths.resolve("$HOME/a")).isEqualTo("/root/a");
  }

  @Test
  void dotDotNeverClimbsAboveTheRoot() {
    assertThat(LessonPaths.resolve("../../../etc/passwd")).isEqualTo("/etc/passwd");
    assertThat(LessonPaths.resolve("/root/x/../y")).isEqualTo("/root/y");
  }
}
