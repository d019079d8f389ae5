package dev.trafficlab.server.lessons.checks;

import io.vertx.core.Future;

/** A check decided at once from the sandbox's state: its config snapshot and shell history. */
public sealed interface StateCheck extends Check
    permits RoutingCheck,
        RanCommandCheck,
        CommandCheck,
        DefaultRoutingCheck,
        ResourceCheck,
        NoCheck {

  CheckResult run(CheckContext context);

  @Override
  default Future<CheckResult> evaluate(CheckContext context) {
    return Future.succeededFuture(run(context));
  }
}
