package dev.trafficlab.server.lessons.checks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Several checks for one step, in order: passes when all pass, and fails with the first failure's
 * reason (the later ones are not run, so a slow shell check runs only once the state is right).
 * Index form: {"type":"all","checks":[{...},{...}]}.
 */
public record AllChecks(List<Check> checks) implements Check {

  public AllChecks {
    checks = List.copyOf(checks);
  }

  static AllChecks fromJson(JsonObject json, UnaryOperator<String> lessonFile) {
    JsonArray list = json.getJsonArray("checks");
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException("\"all\" check needs a non-empty \"checks\" list");
    }
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        checks.add(Check.fromJson(list.getJsonObject(i), lessonFile));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("check #" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new AllChecks(checks);
  }

  @Override
  public Future<CheckResult> evaluate(CheckContext context) {
    return next(context, 0, new ArrayList<>());
  }

  private Future<CheckResult> next(CheckContext context, int i, List<String> passed) {
    if (i == checks.size()) {
      return Future.succeededFuture(CheckResult.pass(String.join(" ", passed)));
    }
    return checks
        .get(i)
        .evaluate(context)
        .compose(
            result -> {
              if (!result.passed()) {
                return Future.succeededFuture(result);
              }
              passed.add(result.message());
              return next(context, i + 1, passed);
            });
  }
}
