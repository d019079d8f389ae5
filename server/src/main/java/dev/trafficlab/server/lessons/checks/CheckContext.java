package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.store.Snapshot;
import java.util.List;

/**
 * What a check may look at: the learner's current cluster state and the command lines they ran in
 * their terminal, oldest first.
 */
public record CheckContext(Snapshot snapshot, List<String> commandHistory) {
  public CheckContext {
    commandHistory = commandHistory == null ? List.of() : List.copyOf(commandHistory);
  }
}
