package dev.trafficlab.terminal.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  static final Map<String, Object> LIST =
      Map.of(
          "items",
          List.of(
              Map.of(
                  "metadata",
                  Map.of("name", "a", "labels", Map.of("app", "x", "kubernetes.io/name", "k")),
                  "spec",
                  Map.of("hosts", List.of("h1", "h2"))),
              Map.of(
                  "metadata",
                  Map.of("name", "b", "labels", Map.of("app", "y")),
                  "spec",
                  Map.of("weight", 50L))));

  @Test
  void selectsFieldsArraysAndRanges() throws Exception {
    assertThat(JsonPath.evaluate("{.items[*].metadata.name}", LIST)).isEqualTo("a b");
    assertThat(JsonPath.evaluate("{.items[0].metadata.name}", LIST)).isEqualTo("a");
    assertThat(JsonPath.evaluate("{.items[-1].metadata.name}", LIST)).isEqualTo("b");
    assertThat(JsonPath.evaluate("{.items[0:1].metadata.name}", LIST)).isEqualTo("a");
    assertThat(
            JsonPath.evaluate(
                "{range .items[*]}{.metadata.name}:{.metadata.labels.app}{\"\\n\"}{end}", LIST))
        .isEqualTo("a:x\nb:y\n");
    assertThat(JsonPath.evaluate("{.items[?(@.metadata.name==\"b\")].spec.weight}", LIST))
        .isEqualTo("50");
    assertThat(JsonPath.evaluate("{.items[0].spec.hosts}", LIST)).isEqualTo("[\"h1\",\"h2\"]");
    assertThat(JsonPath.evaluate("{.items[0].metadata.labels.kubernetes\\.io/name}", LIST))
        .isEqualTo("k");
    assertThat(JsonPath.evaluate("{.items[0].metadata.labels['kubernetes.io/name']}", LIST))
        .isEqualTo("k");
    assertThat(JsonPath.evaluate("{..name}", LIST)).isEqualTo("a b");
    assertThat(JsonPath.evaluate("names: {.items[*].metadata.name}!", LIST))
        .isEqualTo("names: a b!");
    assertThat(JsonPath.evaluate("{.nothing.here}", LIST)).isEmpty();
  }

  @Test
  void badTemplatesAreErrors() {
    assertThatThrownBy(() -> JsonPath.evaluate("{.items[*]", LIST))
        .hasMessageContaining("unclosed");
    assertThatThrownBy(() -> JsonPath.evaluate("{.items[9].x}", LIST))
        .hasMessageContaining("out of bounds");
  }
}
