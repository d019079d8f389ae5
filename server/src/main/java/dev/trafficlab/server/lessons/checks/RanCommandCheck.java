package dev.trafficlab.server.lessons.checks;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * For steps that only look at things: passes once the learner's terminal history holds a command
 * line that matches the pattern (found anywhere in the line, so `kubectl get vs -o yaml` counts for
 * `kubectl get vs`).
 *
 * @param pattern a Java regular expression
 * @param command the command to suggest in the failure message
 */
public record RanCommandCheck(Pattern pattern, String command) implements StateCheck {

  static RanCommandCheck fromJson(JsonObject json) {
    String p = json.getString("pattern");
    if (p == null || p.isBlank()) {
      throw new IllegalArgumentException("ran-command check needs a \"pattern\"");
    }
    try {
      return new RanCommandCheck(Pattern.compile(p), json.getString("command", p));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "ran-command pattern is not a valid regular expression: " + e.getMessage());
    }
  }

  @Override
  public CheckResult run(CheckContext context) {
    for (String line : context.commandHistory()) {
      if (pattern.matcher(line).find()) {
        return CheckResult.pass("You ran `" + line.strip() + "`.");
      }
    }
    return CheckResult.fail(
        "You have not run `"
            + command
            + "` yet: click its run button in the step, or type it"
            + " in the terminal.");
  }
}
