package dev.trafficlab.bookinfo.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageCatalogueTest {
  @Test
  void anyRegistryTagOrDigestNamesTheSameImage() {
    for (String image :
        new String[] {
          "kennethreitz/httpbin",
          "docker.io/kennethreitz/httpbin",
          "index.docker.io/kennethreitz/httpbin:latest",
          "registry.example.com:5000/kennethreitz/httpbin:v1",
          "docker.io/kennethreitz/httpbin@sha256:599fe5e5073102dbb0ee3dbb65f049dab44fa9fc251f6835c9990f8fb196a72b",
          "docker.io/mccutchen/go-httpbin:v2.4.1"
        }) {
      assertThat(ImageCatalogue.behaviour(image)).as(image).isEqualTo(Behaviour.HTTPBIN);
    }
    assertThat(ImageRef.parse("localhost:5000/nginx:1.19"))
        .isEqualTo(new ImageRef("nginx", "1.19"));
    assertThat(ImageRef.parse("docker.io/library/nginx"))
        .isEqualTo(new ImageRef("nginx", "latest"));
  }

  @Test
  void eachDocumentedImageHasItsBehaviourAndAnyOtherIsAnEchoServer() {
    assertThat(ImageCatalogue.behaviour("governmentpaas/curl-ssl")).isEqualTo(Behaviour.SLEEP);
    assertThat(ImageCatalogue.behaviour("curlimages/curl:7.73.0")).isEqualTo(Behaviour.SLEEP);
    assertThat(ImageCatalogue.behaviour("docker.io/istio/examples-helloworld-v2"))
        .isEqualTo(Behaviour.HELLOWORLD);
    assertThat(ImageCatalogue.behaviour("docker.io/istio/tcp-echo-server:1.2"))
        .isEqualTo(Behaviour.TCP_ECHO);
    assertThat(ImageCatalogue.behaviour("docker.io/istio/examples-bookinfo-reviews-v3:1.16.2"))
        .isEqualTo(Behaviour.REVIEWS);
    assertThat(ImageCatalogue.behaviour("fortio/fortio:latest_release"))
        .isEqualTo(Behaviour.FORTIO);
    assertThat(ImageCatalogue.behaviour("nginx:1.19")).isEqualTo(Behaviour.ECHO);
    assertThat(ImageCatalogue.behaviour("")).isEqualTo(Behaviour.ECHO);
    assertThat(ImageCatalogue.imageVersion("docker.io/istio/examples-helloworld-v2"))
        .isEqualTo("v2");
    assertThat(ImageCatalogue.imageVersion("nginx")).isEmpty();
  }

  @Test
  void containersHaveOnlyTheirImagesPrograms() {
    assertThat(Behaviour.SLEEP.has("curl")).isTrue();
    assertThat(Behaviour.SLEEP.has("/usr/bin/curl")).isTrue();
    assertThat(Behaviour.HTTPBIN.has("curl")).isFalse();
    assertThat(Behaviour.ECHO.has("sh")).isFalse();
    assertThat(Behaviour.RATINGS.has("curl")).isTrue();
  }

  @Test
  void flaskJsonPrintsSortedIndentedAsciiWithAFinalNewline() {
    assertThat(
            FlaskJson.dumps(
                java.util.Map.of("b", java.util.List.of("x", "é"), "a", java.util.Map.of())))
        .isEqualTo("{\n  \"a\": {},\n  \"b\": [\n    \"x\",\n    \"\\u00e9\"\n  ]\n}\n");
  }

  @Test
  void containerLogsAreBounded() {
    ContainerLogs logs = new ContainerLogs();
    for (int i = 0; i < ContainerLogs.LINES_PER_POD + 5; i++) {
      logs.append("p", "line " + i);
    }
    assertThat(logs.lines("p")).hasSize(ContainerLogs.LINES_PER_POD).startsWith("line 5");
    for (int i = 0; i < ContainerLogs.PODS + 1; i++) {
      logs.append("pod-" + i, "x");
    }
    assertThat(logs.lines("p")).isEmpty();
    assertThat(logs.lines("pod-" + ContainerLogs.PODS)).containsExactly("x");
  }

  @Test
  void containerLogsHoldABoundedNumberOfCharactersInAll() {
    ContainerLogs logs = new ContainerLogs();
    String line = "y".repeat(5000);
    for (int pod = 0; pod < 20; pod++) {
      for (int i = 0; i < 20; i++) {
        logs.append("pod-" + pod, line);
      }
    }
    int total = 0;
    for (int pod = 0; pod < 20; pod++) {
      total += logs.lines("pod-" + pod).stream().mapToInt(String::length).sum();
    }
    assertThat(total).isLessThanOrEqualTo(ContainerLogs.MAX_CHARS);
    assertThat(logs.lines("pod-19")).isNotEmpty().allMatch(l -> l.length() == 1024);
    assertThat(logs.lines("pod-0")).isEmpty();
  }
}
