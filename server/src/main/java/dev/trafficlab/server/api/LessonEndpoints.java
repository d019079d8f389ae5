package dev.trafficlab.server.api;

import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.lessons.LessonStep;
import dev.trafficlab.server.lessons.checks.CheckResult;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.stream.Collectors;

/** The lessons a sandbox can be created for, and the Check of a step of the sandbox's lesson. */
final class LessonEndpoints {
  private final SandboxLookup lookup;

  LessonEndpoints(SandboxLookup lookup) {
    this.lookup = lookup;
  }

  void mount(ApiRouter api) {
    api.add(HttpMethod.GET, "/api/lessons", 0, this::list);
    api.add(
        HttpMethod.POST, "/api/sandboxes/:id/steps/:n/check", BodyLimit.JSON_BYTES, this::check);
  }

  private Future<?> list(RoutingContext ctx) {
    JsonArray lessons = new JsonArray();
    for (Lesson lesson : lookup.registry().lessons().lessons()) {
      JsonArray steps = new JsonArray();
      for (LessonStep step : lesson.steps()) {
        steps.add(new JsonObject().put("number", step.number()).put("title", step.title()));
      }
      lessons.add(
          new JsonObject()
              .put("id", lesson.id())
              .put("title", lesson.title())
              .put("description", lesson.description())
              .put("difficulty", lesson.difficulty())
              .put("time", lesson.time())
              .put("learn", new JsonArray(lesson.learn()))
              .put("page", "/lessons/" + lesson.id())
              .put("steps", steps));
    }
    return JsonReply.send(ctx, 200, new JsonObject().put("lessons", lessons));
  }

  private Future<?> check(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    Lesson lesson = lookup.registry().lessons().lesson(sandbox.lessonId()).orElseThrow();
    LessonStep step = step(lesson, ctx.pathParam("n"));
    // In the sandbox's queue: a check sent after a command sees what the command did.
    return sandbox
        .serially(() -> sandbox.check(lesson.id(), step))
        .compose(result -> JsonReply.send(ctx, 200, json(lesson, step, result)));
  }

  private static JsonObject json(Lesson lesson, LessonStep step, CheckResult result) {
    return new JsonObject()
        .put("lesson", lesson.id())
        .put("step", step.number())
        .put("passed", result.passed())
        .put("message", result.message());
  }

  private static LessonStep step(Lesson lesson, String n) {
    int number;
    try {
      number = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      number = -1;
    }
    return lesson
        .step(number)
        .orElseThrow(
            () ->
                HttpError.notFound(
                    "lesson "
                        + lesson.id()
                        + " has no step "
                        + ApiRouter.shorten(n)
                        + ": it has steps 1 to "
                        + lesson.steps().size()));
  }

  /** The lesson named by a request's "lesson" field, or 400 listing the lessons there are. */
  static Lesson lesson(LessonCatalog lessons, Object id) {
    return lessons
        .lesson(id instanceof String s ? s : null)
        .orElseThrow(
            () ->
                HttpError.badRequest(
                    "lesson must be the id of a lesson ("
                        + lessons.lessons().stream()
                            .map(l -> "\"" + l.id() + "\"")
                            .collect(Collectors.joining(", "))
                        + "), got "
                        + ApiRouter.shorten(
                            String.valueOf(id instanceof String s ? "\"" + s + "\"" : id))));
  }
}
