package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** jq's common filters, printed as jq 1.6 prints them. */
class JqTest extends FixedClockShellTest {
  static final String DOC =
      "{\"a\":{\"b\":[1,2,{\"c\":\"x\"}]},\"items\":[{\"metadata\":{\"name\":\"n1\"},\"x\":\"y\"},"
          + "{\"metadata\":{\"name\":\"n2\"},\"x\":\"z\"}]}\n";

  JqTest() {
    super(new FakeTerminal(Map.of("/root/j.json", DOC)));
  }

  @Test
  void pathsPrintWithTwoSpaceIndent() {
    assertThat(out("jq .a j.json"))
        .isEqualTo("{\n  \"b\": [\n    1,\n    2,\n    {\n      \"c\": \"x\"\n    }\n  ]\n}\n");
    assertThat(out("jq '.items[0].metadata.name' j.json")).isEqualTo("\"n1\"\n");
    assertThat(out("jq -r '.items[0].metadata.name' j.json")).isEqualTo("n1\n");
    assertThat(out("jq .missing j.json")).isEqualTo("null\n");
    assertThat(out("cat j.json | jq '.a.b[2].c | length'")).isEqualTo("1\n");
  }

  @Test
  void iterationSelectAndConstruction() {
    assertThat(out("jq -r '.items[] | .metadata.name' j.json")).isEqualTo("n1\nn2\n");
    assertThat(out("jq '[.items[] | .metadata.name]' j.json"))
        .isEqualTo("[\n  \"n1\",\n  \"n2\"\n]\n");
    assertThat(out("jq -c '.items[] | select(.x==\"z\")' j.json"))
        .isEqualTo("{\"metadata\":{\"name\":\"n2\"},\"x\":\"z\"}\n");
    assertThat(out("jq -r '.items[] | \"\\(.metadata.name) \\(.x)\"' j.json"))
        .isEqualTo("n1 y\nn2 z\n");
    assertThat(out("jq -c '{first: .items[0].x, n: (.items | length)}' j.json"))
        .isEqualTo("{\"first\":\"y\",\"n\":2}\n");
  }

  @Test
  void builtinsLessonsUse() {
    assertThat(out("jq -c keys j.json")).isEqualTo("[\"a\",\"items\"]\n");
    assertThat(out("jq '.items | length' j.json")).isEqualTo("2\n");
    assertThat(out("jq -c '[.items[].x] | sort | reverse' j.json")).isEqualTo("[\"z\",\"y\"]\n");
    assertThat(out("jq -r '.items | map(.x) | join(\",\")' j.json")).isEqualTo("y,z\n");
    assertThat(out("jq '.a.b[] | .c?' j.json")).isEqualTo("\"x\"\n");
    assertThat(out("jq -n '1.5, 100000000000000000000, 0.1, 1e-5'"))
        .isEqualTo("1.5\n1e+20\n0.1\n1e-05\n");
    assertThat(out("jq -r --arg n n2 '.items[] | select(.metadata.name == $n) | .x' j.json"))
        .isEqualTo("z\n");
  }

  @Test
  void errorsAreWordedAsJqWordsThem() {
    ExecResult index = run("jq '.a.b.c' j.json");
    assertThat(index.output())
        .isEqualTo("jq: error (at j.json:1): Cannot index array with string \"c\"\n");
    assertThat(index.exitCode()).isEqualTo(5);
    ExecResult compile = run("jq '.foo[' j.json");
    assertThat(compile.output())
        .startsWith("jq: error: syntax error, unexpected $end")
        .endsWith("jq: 1 compile error\n");
    assertThat(compile.exitCode()).isEqualTo(3);
    ExecResult parse = run("echo '{\"a\":1' | jq .");
    assertThat(parse.output())
        .isEqualTo("parse error: Unfinished JSON term at EOF at line 2, column 0\n");
    assertThat(run("jq").exitCode()).isEqualTo(2);
  }
}
