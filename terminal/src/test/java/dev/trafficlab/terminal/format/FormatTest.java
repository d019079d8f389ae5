package dev.trafficlab.terminal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void ageIsKubectlsHumanDuration() {
    assertThat(Age.human(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Age.human(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(Age.human(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(Age.human(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Age.human(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Age.human(Duration.ofMinutes(200))).isEqualTo("3h20m");
    assertThat(Age.human(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Age.human(Duration.ofHours(49))).isEqualTo("2d1h");
    assertThat(Age.human(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(Age.human(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(Age.human(Duration.ofDays(800))).isEqualTo("2y70d");
    assertThat(Age.human(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }

  @Test
  void kubectlTablesPadToTheWidestCellPlusThree() {
    String t = Table.kubectl().row("NAME", "HOST", "AGE").row("reviews", "reviews", "5m").render();
    assertThat(t).isEqualTo("NAME      HOST      AGE\nreviews   reviews   5m\n");
    assertThat(Table.kubectl().row("A", "B").render()).isEqualTo("A     B\n");
    assertThat(Table.istioctl().row("NAME", "X").row("9080", "y").render())
        .isEqualTo("NAME     X\n9080     y\n");
  }

  @Test
  void yamlQuotesLikeGoYaml() {
    // go-yaml v2 reads y/n/yes/no/on/off as booleans, so it quotes them even as keys
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "plain");
    m.put("a", List.of("*", "80", "true", "", "a: b", "it's"));
    m.put("n", 50L);
    m.put("f", 0.5);
    m.put("w", 100.0);
    m.put("e", Map.of());
    m.put("l", List.of());
    m.put("t", "2026-11-26T20:00:00Z");
    m.put("multi", "line1\nline2\n");
    m.put("nested", List.of(Map.of("name", "v1", "labels", Map.of("version", "v1"))));
    assertThat(Yaml.write(m))
        .isEqualTo(
            """
        a:
        - '*'
        - "80"
        - "true"
        - ""
        - 'a: b'
        - it's
        e: {}
        f: 0.5
        l: []
        multi: |
          line1
          line2
        "n": 50
        nested:
        - labels:
            version: v1
          name: v1
        t: "2026-11-26T20:00:00Z"
        w: 100
        z: plain
        """);
  }

  @Test
  void jsonLikeGoEncodingJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of(1L, "x<y"));
    m.put("a", Map.of());
    assertThat(Json.pretty(m))
        .isEqualTo(
            "{\n    \"a\": {},\n    \"b\": [\n        1,\n        \"x\\u003cy\"\n    ]\n}\n");
    assertThat(Json.compact(m)).isEqualTo("{\"a\":{},\"b\":[1,\"x\\u003cy\"]}");
  }
}
