package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson works as written: from a sandbox created at the lesson's start ({"lesson":id}),
 * every {{execute}} block of the intro, each step and the finish runs in order through the exec API
 * exactly as its run button sends it, and exits 0 unless the step lists it in index.json under
 * "failingCommands"; after a step's blocks ran, the step's Check passes. A lesson that stops
 * working fails the build here, without a browser.
 */
@ExtendWith(VertxExtension.class)
class EveryLessonRunsAsWrittenTest {
  private static final Pattern RUN_BUTTON =
      Pattern.compile("<button type=\"button\" class=\"execute\" data-command=\"([^\"]*)\"");
  private static final LessonCatalog CATALOG = LessonCatalog.fromClasspath();

  @RegisterExtension static final LessonServer lab = new LessonServer();

  static Stream<String> lessons() {
    return CATALOG.lessons().stream().map(Lesson::id);
  }

  @ParameterizedTest
  @MethodSource("lessons")
  void everyExecuteBlockExitsZeroInOrderFromTheLessonStartAndEveryCheckThenPasses(String id) {
    Lesson lesson = CATALOG.lesson(id).orElseThrow();
    JsonArray indexSteps = index(id).getJsonObject("details").getJsonArray("steps");
    String sandbox = lab.server().createSandbox(new JsonObject().put("lesson", id)).getString("id");
    SoftAssertions softly = new SoftAssertions();
    int ran = 0;

    ran += runAll(sandbox, id + " intro", commands(lesson.intro().html()), Set.of(), softly);
    for (LessonStep step : lesson.steps()) {
      Set<String> failing = failing(indexSteps.getJsonObject(step.number() - 1));
      List<String> commands = commands(step.html());
      softly
          .assertThat(commands)
          .as("%s step %d lists as failing only commands it has", id, step.number())
          .containsAll(failing);
      ran += runAll(sandbox, id + " step " + step.number(), commands, failing, softly);
      JsonObject check =
          lab.server()
              .send(
                  HttpMethod.POST,
                  "/api/sandboxes/" + sandbox + "/steps/" + step.number() + "/check")
              .bodyAsJsonObject();
      softly
          .assertThat(check.getBoolean("passed"))
          .as(
              "%s step %d (%s): the Check after its blocks ran says: %s",
              id, step.number(), step.title(), check.getString("message"))
          .isTrue();
    }
    ran += runAll(sandbox, id + " finish", commands(lesson.finish().html()), Set.of(), softly);
    assertThat(ran).as("%s has {{execute}} blocks", id).isGreaterThanOrEqualTo(3);
    softly.assertAll();
  }

  private int runAll(
      String sandbox,
      String where,
      List<String> commands,
      Set<String> failing,
      SoftAssertions softly) {
    for (String command : commands) {
      JsonObject result =
          lab.server()
              .sendJson(
                  HttpMethod.POST,
                  "/api/sandboxes/" + sandbox + "/exec",
                  new JsonObject().put("command", command))
              .bodyAsJsonObject();
      int code = result.getInteger("exitCode");
      if (failing.contains(command)) {
        softly
            .assertThat(code)
            .as(
                "%s: `%s` is listed as failing; it printed:%n%s",
                where, command, result.getString("output"))
            .isNotZero();
      } else {
        softly
            .assertThat(code)
            .as("%s: `%s` exits 0; it printed:%n%s", where, command, result.getString("output"))
            .isZero();
      }
    }
    return commands.size();
  }

  /** The run buttons of a rendered page, in order, with the command each sends. */
  static List<String> commands(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = RUN_BUTTON.matcher(html);
    while (m.find()) {
      out.add(unescape(m.group(1)));
    }
    return out;
  }

  private static String unescape(String attribute) {
    return attribute
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static Set<String> failing(JsonObject step) {
    JsonArray list = step.getJsonArray("failingCommands", new JsonArray());
    return Set.copyOf(list.stream().map(String::valueOf).toList());
  }

  private static JsonObject index(String id) {
    try (InputStream in =
        EveryLessonRunsAsWrittenTest.class
            .getClassLoader()
            .getResourceAsStream("scenarios/" + id + "/index.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
