package dev.trafficlab.server.lessons.checks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/**
 * What a lesson step's Check button verifies. Declared as data in the lesson's index.json ("check":
 * {"type": ...}) and evaluated semantically: routing through the route resolver on the learner's
 * snapshot, objects through kubectl's JSONPath, commands through the shell's history with exit
 * codes, scripts through the sandbox's own shell; never by comparing YAML text. Every failure says
 * why in the learner's words.
 */
public sealed interface Check permits StateCheck, ShellCheck, AllChecks {

  /** The verdict; completes on the caller's context (a shell check waits for its script). */
  Future<CheckResult> evaluate(CheckContext context);

  /** The check a step declares; a step without one gets {@link NoCheck}. */
  static Check fromJson(JsonObject json) {
    return fromJson(
        json,
        file -> {
          throw new IllegalArgumentException(
              "check script " + file + " cannot be read outside a lesson folder");
        });
  }

  /**
   * @param lessonFile reads a file of the lesson folder by its relative name (a shell check's
   *     script)
   */
  static Check fromJson(JsonObject json, UnaryOperator<String> lessonFile) {
    if (json == null) {
      return new NoCheck();
    }
    String type = json.getString("type");
    if (type == null) {
      throw new IllegalArgumentException("check has no \"type\"");
    }
    return switch (type) {
      case "routing" -> RoutingCheck.fromJson(json);
      case "ran-command" -> RanCommandCheck.fromJson(json);
      case "command" -> CommandCheck.fromJson(json);
      case "default-routing" -> DefaultRoutingCheck.fromJson(json);
      case "resource" -> ResourceCheck.fromJson(json);
      case "shell" -> ShellCheck.fromJson(json, lessonFile);
      case "all" -> AllChecks.fromJson(json, lessonFile);
      default ->
          throw new IllegalArgumentException(
              "unknown check type \""
                  + type
                  + "\" (known: routing, default-routing, resource, command, ran-command, shell,"
                  + " all)");
    };
  }
}
