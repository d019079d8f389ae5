package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.ShellState.RanCommand;
import dev.trafficlab.terminal.TerminalContext;
import java.util.List;

/**
 * What a check may look at: the learner's current cluster state, the command lines they ran in
 * their terminal with how each ended (oldest first), and the sandbox, for checks that run a script
 * in its shell.
 *
 * @param terminal the sandbox a shell check runs its script against; null where there is none (a
 *     shell check then fails saying so)
 */
public record CheckContext(Snapshot snapshot, List<RanCommand> commands, TerminalContext terminal) {
  public CheckContext {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  /** A context without a sandbox shell, whose command lines all succeeded. */
  public static CheckContext of(Snapshot snapshot, List<String> commandLines) {
    return new CheckContext(
        snapshot,
        commandLines == null
            ? List.of()
            : commandLines.stream().map(line -> new RanCommand(line, 0)).toList(),
        null);
  }

  /** The command lines alone, oldest first. */
  public List<String> commandHistory() {
    return commands.stream().map(RanCommand::line).toList();
  }
}
