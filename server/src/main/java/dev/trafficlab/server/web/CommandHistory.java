package dev.trafficlab.server.web;

import dev.trafficlab.server.sandbox.Sandbox;
import java.util.List;

/** The command lines a sandbox's terminal ran, oldest first, for checks that look at what the learner did. */
final class CommandHistory {
  private CommandHistory() {}

  static List<String> of(Sandbox sandbox) {
    return sandbox.shell().history();
  }
}
