package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.terminal.commands.StandardCommands;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A shell state captured as a value and taken back by another sandbox's shell answers as the first:
 * variables, exports, aliases, functions, working directory, history and the last status.
 */
class ShellStateRestoreTest {
  private final Shell shell =
      new Shell(StandardCommands.all(), null, Clock.fixed(FakeTerminal.NOW, ZoneOffset.UTC));

  private static final Map<String, String> FILES = Map.of("/root/work/a.txt", "a\n");

  private String run(FakeTerminal t, String line) {
    ExecResult r = FakeTerminal.run(shell, t, line);
    return r.exitCode() + ":" + r.output();
  }

  @Test
  void anotherShellTakesBackWhatTheFirstHeld() {
    FakeTerminal first = new FakeTerminal(FILES);
    for (String line :
        List.of(
            "export GREETING=hello; PLAIN=unexported",
            "alias ll='ls -l'",
            "unalias k",
            "greet() { for n in \"$@\"; do echo \"$GREETING $n\"; done; }",
            "cd work",
            "cat missing.txt")) {
      run(first, line);
    }
    ShellImage image = first.shell.image();
    FakeTerminal second = new FakeTerminal(FILES);

    second.shell.restore(image);

    assertThat(second.shell.image()).isEqualTo(image);
    for (String line :
        List.of(
            "echo $?",
            "pwd",
            "echo $GREETING $PLAIN $OLDPWD",
            "env",
            "alias",
            "greet ann bob",
            "ll",
            "history")) {
      assertThat(run(second, line)).as(line).isEqualTo(run(first, line));
    }
    assertThat(second.shell.memory().used()).isEqualTo(first.shell.memory().used());
    assertThat(run(second, "greet ann")).isEqualTo("0:hello ann\n");
  }

  @Test
  void aLineThatWasRunningKeepsNoExitCode() {
    ShellState state = new ShellState();
    state.recordExitCode(state.addHistory("echo done"), 0);
    state.addHistory("sleep 100");
    ShellState again = new ShellState();

    again.restore(state.image());

    assertThat(again.ranCommands())
        .containsExactly(
            new ShellState.RanCommand("echo done", 0),
            new ShellState.RanCommand("sleep 100", null));
  }

  @Test
  void aFunctionWhoseTextDoesNotParseIsRefusedByName() {
    ShellImage broken =
        new ShellImage(
            "/root",
            ShellState.initialEnvironment(),
            ShellState.initialEnvironment().keySet(),
            List.of(),
            List.of(),
            0,
            0,
            Map.of("greet", "greet() { echo"),
            Map.of());
    assertThatThrownBy(() -> new ShellState().restore(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the saved function greet does not parse");
  }
}
