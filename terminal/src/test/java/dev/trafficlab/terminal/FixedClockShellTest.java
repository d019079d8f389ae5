package dev.trafficlab.terminal;

import dev.trafficlab.terminal.commands.StandardCommands;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Base of the shell tests that need no data plane: the standard commands over one {@link
 * FakeTerminal} (a fresh one each test), on the terminal's fixed clock. {@link RealMeshShellTest}
 * is the base for tests against a real data plane.
 */
abstract class FixedClockShellTest {
  final FakeTerminal ctx;
  final Shell shell =
      new Shell(StandardCommands.all(), null, Clock.fixed(FakeTerminal.NOW, ZoneOffset.UTC));

  /** An empty terminal at the lesson start. */
  FixedClockShellTest() {
    this(new FakeTerminal());
  }

  FixedClockShellTest(FakeTerminal ctx) {
    this.ctx = ctx;
  }

  ExecResult run(String line) {
    return FakeTerminal.run(shell, ctx, line);
  }

  String out(String line) {
    return run(line).output();
  }
}
