package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Command;
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
    MoreTextCommands.register(m);
    EditorCommands.register(m);
    ScriptCommands.register(m);
    m.put("watch", Watch::run);
    m.put("jq", dev.trafficlab.terminal.commands.jq.Jq::run);
    m.put("awk", dev.trafficlab.terminal.commands.awk.Awk::run);
    m.put("http", Http::run);
    m.put("kubectl", new dev.trafficlab.terminal.kubectl.Kubectl());
    m.put("istioctl", new dev.trafficlab.terminal.istioctl.Istioctl());
    m.put(
        "curl",
        inv ->
            dev.trafficlab.terminal.net.Curl.run(
                inv, inv.args(), dev.trafficlab.terminal.net.Curl.DEFAULT_CLIENT));
    return Map.copyOf(m);
  }
}
