package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * vi, vim, nano, emacs, code FILE: the terminal has no screen editor, so these open the file in the
 * page's editor (a new file is created empty), which is what a learner typing them wants.
 */
final class EditorCommands {
  private EditorCommands() {}

  static void register(Map<String, Command> m) {
    for (String name : new String[] {"vi", "vim", "nano", "emacs", "code", "edit"}) {
      m.put(name, EditorCommands::open);
    }
  }

  static Future<Integer> open(Invocation inv) {
    String file =
        inv.args().stream()
            .filter(a -> !a.startsWith("-") && !a.startsWith("+"))
            .findFirst()
            .orElse(null);
    if (file == null) {
      inv.eprintln(inv.name() + ": the lab opens files in the Editor tab: " + inv.name() + " FILE");
      return Invocation.exit(1);
    }
    String abs = inv.resolve(file);
    if (inv.files().isDirectory(abs)) {
      inv.eprintln(inv.name() + ": " + file + ": Is a directory");
      return Invocation.exit(1);
    }
    if (!inv.files().isFile(abs)) {
      try {
        inv.files().write(abs, "");
      } catch (FilesException e) {
        inv.eprintln(inv.name() + ": " + file + ": " + e.getMessage());
        return Invocation.exit(1);
      }
    }
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("type", "open");
    action.put("path", abs);
    inv.addAction(action);
    inv.println("Opened " + abs + " in the editor.");
    return Invocation.exit(0);
  }
}
