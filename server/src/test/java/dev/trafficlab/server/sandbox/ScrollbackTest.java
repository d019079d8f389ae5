package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrollbackTest {
  @Test
  void keepsTheLast2000LinesAndThePartialOne() {
    Scrollback s = new Scrollback();
    for (int i = 1; i <= 2_500; i++) {
      s.append("line " + i + "\n");
    }
    s.append("controlplane $ ");
    assertThat(s.lineCount()).isEqualTo(2_001);
    assertThat(s.text()).startsWith("line 501\n").endsWith("line 2500\ncontrolplane $ ");
  }

  @Test
  void outputSplitAcrossWritesJoinsIntoItsLines() {
    Scrollback s = new Scrollback();
    s.append("tick");
    s.append(" 1\ntick 2\n");
    assertThat(s.text()).isEqualTo("tick 1\ntick 2\n");
  }

  @Test
  void aRunawayLineKeepsItsStartAndTheTotalStaysBounded() {
    Scrollback s = new Scrollback();
    s.append("x".repeat(100_000) + "\n");
    assertThat(s.text()).hasSize(Scrollback.MAX_LINE_CHARS + 1);
    for (int i = 0; i < 1_000; i++) {
      s.append("y".repeat(1_000) + "\n");
    }
    assertThat(s.text().length()).isLessThanOrEqualTo(Scrollback.MAX_CHARS);
  }

  @Test
  void clearEmptiesTheScreen() {
    Scrollback s = new Scrollback();
    s.append("a\nb");
    s.clear();
    assertThat(s.text()).isEmpty();
    assertThat(s.lineCount()).isZero();
  }
}
