package dev.trafficlab.server.api;

import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.StartState;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Create, describe, reset and delete sandboxes. */
final class SandboxEndpoints {
  private final SandboxLookup lookup;

  SandboxEndpoints(SandboxLookup lookup) {
    this.lookup = lookup;
  }

  void mount(ApiRouter api) {
    api.add(HttpMethod.POST, "/api/sandboxes", BodyLimit.JSON_BYTES, this::create);
    api.add(HttpMethod.GET, "/api/sandboxes/:id", 0, this::describe);
    api.add(HttpMethod.DELETE, "/api/sandboxes/:id", 0, this::delete);
    api.add(HttpMethod.POST, "/api/sandboxes/:id/reset", BodyLimit.JSON_BYTES, this::reset);
  }

  private Future<?> create(RoutingContext ctx) {
    JsonObject body = RequestBodies.jsonObject(ctx, true);
    RequestBodies.onlyFields(
        body, Set.of("lesson", "istioConfig"), List.of("lesson", "istioConfig"));
    Lesson lesson =
        body.containsKey("lesson")
            ? LessonEndpoints.lesson(lookup.registry().lessons(), body.getValue("lesson"))
            : lookup.registry().lessons().defaultLesson();
    StartState start =
        body.containsKey("istioConfig")
            ? startState(body.getValue("istioConfig"))
            : StartState.LESSON;
    // Its id is random, not a reservation: it exists after a restart only if it is stored.
    return lookup
        .registry()
        .createCounted(lesson, start, lookup.clientAddress(ctx))
        .compose(sandbox -> sandbox.kept().map(sandbox))
        .compose(
            sandbox -> {
              ctx.response().putHeader("Location", "/api/sandboxes/" + sandbox.id());
              return JsonReply.send(
                  ctx,
                  201,
                  new JsonObject()
                      .put("id", sandbox.id())
                      .put("productPage", sandbox.productPagePath()));
            });
  }

  private static StartState startState(Object value) {
    Optional<StartState> state =
        value instanceof String s ? StartState.byJsonName(s) : Optional.empty();
    return state.orElseThrow(
        () ->
            HttpError.badRequest(
                "istioConfig must be \"lesson\" (the files the lesson's "
                    + "start applies) or \"none\" (no Istio resources), got "
                    + ApiRouter.shorten(
                        value instanceof String s ? "\"" + s + "\"" : String.valueOf(value))));
  }

  private Future<?> describe(RoutingContext ctx) {
    return JsonReply.send(ctx, 200, describe(lookup.read(ctx)));
  }

  private Future<?> delete(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    lookup.registry().remove(sandbox.id());
    return ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
  }

  private Future<?> reset(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    return sandbox.reset().compose(v -> JsonReply.send(ctx, 200, describe(sandbox)));
  }

  static JsonObject describe(Sandbox sandbox) {
    JsonArray resources = new JsonArray();
    for (Resource r : sandbox.snapshot().objects().values()) {
      resources.add(
          new JsonObject()
              .put("kind", r.kind().kind())
              .put("namespace", r.namespace())
              .put("name", r.name()));
    }
    return new JsonObject()
        .put("id", sandbox.id())
        .put("productPage", sandbox.productPagePath())
        .put("lesson", sandbox.lessonId())
        .put("createdAt", sandbox.createdAt().toString())
        .put("lastUsedAt", sandbox.lastUsedAt().toString())
        // the Product page tab reloads its frame when this changed since it loaded the page
        .put("configGeneration", sandbox.config().generation())
        // ...or when someone signed in or out of the sandbox's product page since then
        .put("userGeneration", sandbox.userGeneration())
        .put("resources", resources);
  }
}
