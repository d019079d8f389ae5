package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.commands.StandardCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * A check written as commands, as Killercoda's verify.sh is: the script runs in the sandbox's safe
 * shell and the step passes when it exits 0. It runs in a shell of its own (its own variables,
 * working directory and history), against the learner's cluster, files and mesh; what it prints
 * when it fails is shown to the learner, so it should say why in their words. Index form:
 * {"type":"shell","script":"verify/step2.sh"} (a file of the lesson folder) or {"type":"shell",
 * "run":"kubectl get vs reviews"}; an optional "message" replaces a silent failure's text.
 */
public record ShellCheck(String name, String script, String message) implements Check {
  /** Longest failure output shown, in characters: the end of it, where the reason is. */
  static final int MAX_SHOWN = 600;

  // stateless (a command table): one for every check of every sandbox
  private static final Shell SHELL = new Shell(StandardCommands.all(), null, Clock.systemUTC());

  static ShellCheck fromJson(JsonObject json, UnaryOperator<String> lessonFile) {
    String file = json.getString("script");
    String inline = json.getString("run");
    if ((file == null) == (inline == null)) {
      throw new IllegalArgumentException(
          "shell check needs either \"script\" (a file of the lesson) or \"run\" (commands)");
    }
    String script = file == null ? inline : lessonFile.apply(file);
    if (script.isBlank()) {
      throw new IllegalArgumentException("shell check script " + file + " is empty");
    }
    if (Shell.exceedsLimit(script)) {
      throw new IllegalArgumentException(
          "shell check script is longer than " + Shell.MAX_COMMAND_LENGTH + " characters");
    }
    return new ShellCheck(
        file == null ? "the check's commands" : file, script, json.getString("message", ""));
  }

  @Override
  public Future<CheckResult> evaluate(CheckContext context) {
    if (context.terminal() == null) {
      return Future.succeededFuture(
          CheckResult.fail("This check runs commands, and there is no sandbox shell to run them."));
    }
    return SHELL
        .exec(new CheckTerminal(context.terminal()), script)
        .map(
            result -> {
              String said = tail(result.output().strip());
              if (result.exitCode() == 0) {
                return CheckResult.pass(said.isEmpty() ? "Well done: the check passed." : said);
              }
              if (!message.isBlank()) {
                return CheckResult.fail(message);
              }
              return CheckResult.fail(
                  said.isEmpty()
                      ? "Not yet: the check's commands ("
                          + name
                          + ") ended with exit code "
                          + result.exitCode()
                          + "."
                      : said);
            })
        .otherwise(err -> CheckResult.fail("The check could not run: " + err.getMessage()));
  }

  private static String tail(String output) {
    return output.length() <= MAX_SHOWN
        ? output
        : "…" + output.substring(output.length() - MAX_SHOWN);
  }
}
