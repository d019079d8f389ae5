package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.ShellState.RanCommand;
import dev.trafficlab.terminal.commands.StandardCommands;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history remembers how each command line ended, so a lesson check can ask "did it work?". */
class HistoryExitCodesTest {
  final FakeTerminal ctx = new FakeTerminal(Map.of("/root/a.txt", "a\n"));
  final Shell shell =
      new Shell(StandardCommands.all(), null, Clock.fixed(FakeTerminal.NOW, ZoneOffset.UTC));

  @Test
  void eachHistoryLineCarriesItsExitCode() {
    FakeTerminal.run(shell, ctx, "cat a.txt");
    FakeTerminal.run(shell, ctx, "cat missing.txt");
    FakeTerminal.run(shell, ctx, "frobnicate");
    FakeTerminal.run(shell, ctx, "echo 'unclosed");
    FakeTerminal.run(shell, ctx, "   ");
    assertThat(ctx.shell().ranCommands())
        .containsExactly(
            new RanCommand("cat a.txt", 0),
            new RanCommand("cat missing.txt", 1),
            new RanCommand("frobnicate", 127),
            new RanCommand("echo 'unclosed", 2));
    assertThat(ctx.shell().ranCommands().get(0).succeeded()).isTrue();
    assertThat(ctx.shell().ranCommands().get(1).succeeded()).isFalse();
  }

  @Test
  void exitCodesStayWithTheirLinesWhenOldLinesAreTrimmed() {
    ShellState state = new ShellState();
    int first = state.addHistory("first");
    state.recordExitCode(first, 3);
    for (int i = 0; i < ShellState.MAX_HISTORY; i++) {
      state.recordExitCode(state.addHistory("line " + i), i % 2);
    }
    // the first line is gone: recording for it now changes nothing
    state.recordExitCode(first, 9);
    assertThat(state.ranCommands()).hasSize(ShellState.MAX_HISTORY);
    assertThat(state.ranCommands().get(0)).isEqualTo(new RanCommand("line 0", 0));
    assertThat(state.ranCommands().get(ShellState.MAX_HISTORY - 1))
        .isEqualTo(new RanCommand("line " + (ShellState.MAX_HISTORY - 1), 1));
  }

  @Test
  void aLineStillRunningHasNoExitCodeYet() {
    ShellState state = new ShellState();
    state.addHistory("sleep 10");
    assertThat(state.ranCommands()).containsExactly(new RanCommand("sleep 10", null));
    assertThat(state.ranCommands().get(0).succeeded()).isFalse();
  }
}
