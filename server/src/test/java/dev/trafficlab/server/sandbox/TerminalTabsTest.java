package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTabsTest {
  @Test
  void aSandboxOpensAtMostFourTerminalsAndClosingOneMakesRoom() {
    TerminalTabs tabs = new TerminalTabs();
    for (String t : new String[] {"T1", "T2", "T3", "T4"}) {
      assertThat(tabs.open(t)).isPresent();
    }
    assertThat(tabs.open("T5")).isEmpty();
    assertThat(tabs.open("T2")).as("an open terminal is found again").isPresent();
    tabs.close("T3");
    assertThat(tabs.open("T5")).isPresent();
    assertThat(tabs.names()).containsExactly("T1", "T2", "T4", "T5");
  }

  @Test
  void closingT1OnlyClearsItsScreen() {
    TerminalTabs tabs = new TerminalTabs();
    tabs.open("T1").orElseThrow().append("kept?\n");
    tabs.close("T1");
    assertThat(tabs.names()).containsExactly("T1");
    assertThat(tabs.open("T1").orElseThrow().text()).isEmpty();
  }

  @Test
  void atMostEightSessionsAreCounted() {
    TerminalTabs tabs = new TerminalTabs();
    for (int i = 0; i < 8; i++) {
      assertThat(tabs.startSession()).isTrue();
    }
    assertThat(tabs.startSession()).isFalse();
    tabs.endSession();
    assertThat(tabs.startSession()).isTrue();
  }

  @Test
  void onlyT1ToT9AreTerminalNames() {
    assertThat(TerminalTabs.validName("T2")).isTrue();
    assertThat(TerminalTabs.validName("T0")).isFalse();
    assertThat(TerminalTabs.validName("t2")).isFalse();
    assertThat(TerminalTabs.validName("T10")).isFalse();
    assertThat(TerminalTabs.validName(null)).isFalse();
  }
}
