package dev.trafficlab.server.lessons.checks;

import io.vertx.core.json.JsonObject;

/**
 * What a lesson step's Check button verifies. Declared as data in the lesson's index.json ("check":
 * {"type": ...}) and evaluated semantically: routing through the route resolver on the learner's
 * snapshot, never by comparing YAML text.
 */
public sealed interface Check permits RoutingCheck, RanCommandCheck, DefaultRoutingCheck, NoCheck {

  CheckResult run(CheckContext context);

  /** The check a step declares; a step without one gets {@link NoCheck}. */
  static Check fromJson(JsonObject json) {
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
      case "default-routing" -> DefaultRoutingCheck.fromJson(json);
      default ->
          throw new IllegalArgumentException(
              "unknown check type \"" + type + "\" (known: routing, ran-command, default-routing)");
    };
  }
}
