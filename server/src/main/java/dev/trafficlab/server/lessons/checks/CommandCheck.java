package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.terminal.ShellState.RanCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Passes once the learner has run each listed command and it succeeded (exit code 0), read from the
 * shell history with its exit codes: a command typed with a wrong pod name or flag does not count,
 * and the failure says so. Index form: {"type":"command","commands":[{"command":"kubectl get
 * vs","pattern":"^\\s*kubectl\\s+get\\s+(vs|virtualservices?)\\b"}]}, or one "command" with an
 * optional "pattern" directly in the check.
 */
public record CommandCheck(List<Wanted> commands) implements StateCheck {

  /**
   * @param command the command as the learner should run it (named in messages)
   * @param pattern what a history line must contain (Java regex, found anywhere in the line)
   */
  public record Wanted(String command, Pattern pattern) {}

  public CommandCheck {
    commands = List.copyOf(commands);
  }

  static CommandCheck fromJson(JsonObject json) {
    List<Wanted> wanted = new ArrayList<>();
    JsonArray list = json.getJsonArray("commands");
    if (list == null) {
      wanted.add(wanted(json, 1));
    } else {
      for (int i = 0; i < list.size(); i++) {
        wanted.add(wanted(list.getJsonObject(i), i + 1));
      }
    }
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("command check needs at least one command");
    }
    return new CommandCheck(wanted);
  }

  private static Wanted wanted(JsonObject json, int n) {
    String command = json == null ? null : json.getString("command");
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("command check #" + n + " needs a \"command\"");
    }
    String p = json.getString("pattern", Pattern.quote(command.strip()));
    try {
      return new Wanted(command.strip(), Pattern.compile(p));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "command check #" + n + ": pattern is not a valid regular expression: " + e.getMessage());
    }
  }

  @Override
  public CheckResult run(CheckContext context) {
    List<String> ran = new ArrayList<>();
    for (Wanted w : commands) {
      RanCommand lastTry = null;
      RanCommand success = null;
      for (RanCommand c : context.commands()) {
        if (w.pattern().matcher(c.line()).find()) {
          lastTry = c;
          if (c.succeeded()) {
            success = c;
          }
        }
      }
      if (success != null) {
        ran.add("`" + success.line() + "`");
        continue;
      }
      if (lastTry == null) {
        return CheckResult.fail(
            "You have not run `"
                + w.command()
                + "` yet: click its run button in the step, or type it in the terminal.");
      }
      if (lastTry.exitCode() == null) {
        return CheckResult.fail(
            "`" + lastTry.line() + "` has not finished yet: wait for it, then check again.");
      }
      return CheckResult.fail(
          "You ran `"
              + lastTry.line()
              + "`, but it failed (exit code "
              + lastTry.exitCode()
              + "): read its error in the terminal, then run `"
              + w.command()
              + "` again.");
    }
    return CheckResult.pass("You ran " + String.join(" and ", ran) + ", and it worked.");
  }
}
