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
public record ShellCheck(String name, String script, String message, boolean printsDone)
    implements Check {
  /** A check that passes when its script exits 0. */
  public ShellCheck(String name, String script, String message) {
    this(name, script, message, false);
  }

  /**
   * A scenario's verify script: classic Katacoda's verify prints "done" when the step is done (and
   * may exit 0 either way), Killercoda's and O'Reilly's exit 0. A script that echoes done is read
   * the first way, any other the second.
   */
  public static ShellCheck verifyScript(String name, String script) {
    return new ShellCheck(name, script, "", ECHOES_DONE.matcher(script).find());
  }

  private static final java.util.regex.Pattern ECHOES_DONE =
      java.util.regex.Pattern.compile("\\b(echo|printf)\\s+(-\\w+\\s+)*[\"']?done\\b");

  private static final java.util.regex.Pattern DONE_LINE =
      java.util.regex.Pattern.compile("(?m)^\\s*done\\s*$");

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
              boolean passed =
                  printsDone ? DONE_LINE.matcher(result.output()).find() : result.exitCode() == 0;
              if (printsDone && passed) {
                return CheckResult.pass("Well done: the check passed.");
              }
              if (passed) {
                return CheckResult.pass(said.isEmpty() ? "Well done: the check passed." : said);
              }
              if (!message.isBlank()) {
                return CheckResult.fail(message);
              }
              return CheckResult.fail(
                  said.isEmpty()
                      ? (printsDone
                          ? "Not yet: the check's commands (" + name + ") did not print done."
                          : "Not yet: the check's commands ("
                              + name
                              + ") ended with exit code "
                              + result.exitCode()
                              + ".")
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
