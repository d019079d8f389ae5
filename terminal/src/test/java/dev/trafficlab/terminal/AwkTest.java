package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** awk for the usual columns and counts of kubectl output, as awk prints them. */
class AwkTest extends FixedClockShellTest {
  AwkTest() {
    super(
        new FakeTerminal(
            Map.of(
                "/root/p.txt",
                "NAME READY STATUS\nreviews-v1 1/1 Running\nratings-v1 0/1 Pending\n")));
  }

  @Test
  void printsColumnsAndSelectedLines() {
    assertThat(out("awk '{print $1}' p.txt")).isEqualTo("NAME\nreviews-v1\nratings-v1\n");
    assertThat(out("awk 'NR==2' p.txt")).isEqualTo("reviews-v1 1/1 Running\n");
    assertThat(out("awk 'NR>1 {print $1, $3}' p.txt"))
        .isEqualTo("reviews-v1 Running\nratings-v1 Pending\n");
    assertThat(out("cat p.txt | awk '/Run/'")).isEqualTo("reviews-v1 1/1 Running\n");
    assertThat(out("awk '$3 == \"Pending\" {print $1}' p.txt")).isEqualTo("ratings-v1\n");
    assertThat(out("awk -F/ '{print $2}' p.txt")).isEqualTo("\n1 Running\n1 Pending\n");
    assertThat(out("awk '{print NF, $NF}' p.txt")).isEqualTo("3 STATUS\n3 Running\n3 Pending\n");
    assertThat(out("awk '$1 ~ /^rev/ {print $2}' p.txt")).isEqualTo("1/1\n");
  }

  @Test
  void countsArraysAndFormats() {
    assertThat(out("awk '{n++} END {print n}' p.txt")).isEqualTo("3\n");
    assertThat(out("awk '{c[$3]++} END {for (k in c) print k, c[k]}' p.txt | sort"))
        .isEqualTo("Pending 1\nRunning 1\nSTATUS 1\n");
    assertThat(out("awk 'BEGIN {printf \"%-10s|%5.1f|%d\\n\", \"ab\", 3.14159, 42}'"))
        .isEqualTo("ab        |  3.1|42\n");
    assertThat(out("echo 'a b c' | awk '{$2=\"X\"; print}'")).isEqualTo("a X c\n");
    assertThat(out("echo a-b-c | awk '{gsub(/-/, \"+\"); print}'")).isEqualTo("a+b+c\n");
    assertThat(out("echo '3 4' | awk '{print $1*$2, $1/$2, $1 $2}'")).isEqualTo("12 0.75 34\n");
    assertThat(out("awk -v x=5 'BEGIN {if (x > 3) print \"big\"; else print \"small\"}'"))
        .isEqualTo("big\n");
    assertThat(out("echo 'a:b:c' | awk '{n = split($0, parts, \":\"); print n, parts[3]}'"))
        .isEqualTo("3 c\n");
  }

  @Test
  void errorsEndWithStatus2() {
    ExecResult r = FakeTerminal.run(shell, ctx, "awk '{print $1' p.txt");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).startsWith("awk: syntax error");
    assertThat(out("echo 1 | awk '{print $1/0}'")).isEqualTo("awk: division by zero\n");
  }
}
