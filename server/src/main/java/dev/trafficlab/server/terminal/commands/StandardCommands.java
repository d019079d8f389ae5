package dev.trafficlab.server.terminal.commands;

import dev.trafficlab.server.terminal.Command;
import java.util.HashMap;
import java.util.Map;

/** The command table of the lab's shell (shared, immutable). */
public final class StandardCommands {
  private StandardCommands() {}

  public static Map<String, Command> all() {
    Map<String, Command> m = new HashMap<>();
    Builtins.register(m);
    FileCommands.register(m);
    TextCommands.register(m);
    ScriptCommands.register(m);
    return Map.copyOf(m);
  }
}
