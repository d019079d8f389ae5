package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text tools lessons pipe kubectl and curl output through, worded as GNU's. */
class TextToolsTest extends FixedClockShellTest {
  TextToolsTest() {
    super(
        new FakeTerminal(
            Map.of(
                "/root/g.txt", "a\nb\nmatch1\nc\nd\ne\nmatch2\nf\n",
                "/root/notes.txt", "one\ntwo\nthree\n")));
  }

  @Test
  void grepShowsContextLinesWithGroupSeparators() {
    assertThat(out("grep -n -C1 match g.txt"))
        .isEqualTo("2-b\n3:match1\n4-c\n--\n6-e\n7:match2\n8-f\n");
    assertThat(out("grep -A1 match g.txt")).isEqualTo("match1\nc\n--\nmatch2\nf\n");
    assertThat(out("grep -B 2 -n match2 g.txt")).isEqualTo("5-d\n6-e\n7:match2\n");
    assertThat(out("grep -A 1 -c match g.txt")).isEqualTo("2\n");
    assertThat(out("grep -A x match g.txt"))
        .isEqualTo("grep: x: invalid context length argument\n");
  }

  @Test
  void grepOptionsLessonsUse() {
    assertThat(out("grep -o 'match[0-9]' g.txt")).isEqualTo("match1\nmatch2\n");
    assertThat(out("grep -E 'one|three' notes.txt")).isEqualTo("one\nthree\n");
    assertThat(out("grep -vi O notes.txt")).isEqualTo("three\n");
    assertThat(out("grep -w tw notes.txt; echo $?")).isEqualTo("1\n");
    assertThat(out("grep -in TWO notes.txt")).isEqualTo("2:two\n");
  }

  @Test
  void sortByKeysFieldsAndSeparators() {
    assertThat(out("printf 'x 3\\ny 10\\nz 2\\n' | sort -k2 -n")).isEqualTo("z 2\nx 3\ny 10\n");
    assertThat(out("printf 'x 3\\ny 10\\nz 2\\n' | sort -k 2")).isEqualTo("y 10\nz 2\nx 3\n");
    assertThat(out("printf 'a:3\\nb:1\\nc:2\\n' | sort -t: -k2 -r")).isEqualTo("a:3\nc:2\nb:1\n");
    assertThat(out("printf 'a 1 9\\nb 1 2\\n' | sort -k2,2n -k3n")).isEqualTo("b 1 2\na 1 9\n");
    assertThat(out("sort -k 0 notes.txt")).startsWith("sort: invalid number at field start");
  }

  @Test
  void headAndTailTakeLineCounts() {
    assertThat(out("tail -n 2 notes.txt")).isEqualTo("two\nthree\n");
    assertThat(out("head -n1 notes.txt")).isEqualTo("one\n");
    assertThat(out("tail -n +2 notes.txt")).isEqualTo("two\nthree\n");
  }

  @Test
  void tailFollowThroughTheExecApiPrintsWhatExistsAndANote() {
    ExecResult r = run("tail -f notes.txt");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .startsWith("one\ntwo\nthree\ntail: printed once: this run has no live terminal");
  }

  @Test
  void watchThroughTheExecApiShowsOneScreenAndANote() {
    ExecResult r = run("watch -n 1 cat notes.txt");
    assertThat(r.exitCode()).isZero();
    String title = "Every 1.0s: cat notes.txt";
    String right = "traffic-lab: Thu Nov 26 20:00:00 2026";
    assertThat(r.output())
        .startsWith(title + " ".repeat(80 - title.length() - right.length()) + right + "\n\none\n")
        .contains("three\nwatch: printed once:");
    assertThat(out("watch")).startsWith("Usage:");
    assertThat(out("watch -n x date")).isEqualTo("watch: failed to parse argument: 'x'\n");
  }

  @Test
  void lessAndMorePrintEverything() {
    assertThat(out("less notes.txt")).isEqualTo("one\ntwo\nthree\n");
    assertThat(out("cat notes.txt | more")).isEqualTo("one\ntwo\nthree\n");
    assertThat(out("less -R +G nope.txt")).isEqualTo("nope.txt: No such file or directory\n");
  }

  @Test
  void exportKeepsLessonVariablesComputedFromCommands() {
    run("export INGRESS_HOST=$(echo 192.168.49.2)");
    run("export INGRESS_PORT=31380");
    run("export GATEWAY_URL=$INGRESS_HOST:$INGRESS_PORT");
    assertThat(out("echo $GATEWAY_URL")).isEqualTo("192.168.49.2:31380\n");
    assertThat(out("env | grep GATEWAY_URL")).isEqualTo("GATEWAY_URL=192.168.49.2:31380\n");
  }
}
