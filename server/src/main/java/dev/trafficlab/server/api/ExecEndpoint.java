package dev.trafficlab.server.api;

import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.metrics.OperatorMetrics;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.terminal.ExecResult;
import dev.trafficlab.terminal.Shell;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Runs one command line of the sandbox's shell: {"command"} in, {"output","exitCode","actions"}
 * out.
 */
final class ExecEndpoint {
  private final SandboxLookup lookup;
  private final Shell shell;

  ExecEndpoint(SandboxLookup lookup, Shell shell) {
    this.lookup = lookup;
    this.shell = shell;
  }

  void mount(ApiRouter api) {
    api.add(HttpMethod.POST, "/api/sandboxes/:id/exec", BodyLimit.JSON_BYTES, this::exec);
  }

  private Future<?> exec(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    JsonObject body = RequestBodies.jsonObject(ctx, false);
    RequestBodies.onlyFields(body, java.util.Set.of("command"), List.of("command"));
    if (!(body.getValue("command") instanceof String command)) {
      throw HttpError.badRequest("\"command\" is required and must be a string");
    }
    if (Shell.exceedsLimit(command)) {
      throw new HttpError(413, Shell.tooLongMessage(command).strip());
    }
    return sandbox
        .serially(
            () -> {
              OperatorMetrics.commandRun();
              return shell.exec(sandbox, command);
            })
        .compose(result -> JsonReply.send(ctx, 200, toJson(result)));
  }

  static JsonObject toJson(ExecResult result) {
    JsonArray actions = new JsonArray();
    for (Map<String, Object> action : result.actions()) {
      actions.add(new JsonObject(new java.util.LinkedHashMap<>(action)));
    }
    return new JsonObject()
        .put("output", result.output())
        .put("exitCode", result.exitCode())
        .put("actions", actions);
  }
}
