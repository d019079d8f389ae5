package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One lesson run by its run buttons through the exec API, from a sandbox at the lesson's start, as
 * {@link EveryLessonRunsAsWrittenTest} runs it, keeping what each block printed so a test can hold
 * the lesson to the numbers its text promises.
 */
final class LessonRun {
  /** One run button's command and what it printed. */
  record Block(String page, String command, String output, int exitCode) {}

  private final TestServer server;
  private final Lesson lesson;
  private final JsonObject created;
  private final String sandbox;
  private final List<Block> blocks = new ArrayList<>();

  LessonRun(TestServer server, String lessonId) {
    this.server = server;
    this.lesson = LessonCatalog.fromClasspath().lesson(lessonId).orElseThrow();
    this.created = server.createSandbox(new JsonObject().put("lesson", lessonId));
    this.sandbox = created.getString("id");
  }

  /** The address of the sandbox's product page, as its creation answered it. */
  String productPage() {
    return created.getString("productPage");
  }

  /** The commands of step {@code n}'s run buttons, in order, not run. */
  List<String> commands(int n) {
    return EveryLessonRunsAsWrittenTest.commands(lesson.step(n).orElseThrow().html());
  }

  LessonRun intro() {
    runPage("intro", lesson.intro().html());
    return this;
  }

  /** Runs the step's blocks, then presses its Check, which must pass. */
  LessonRun step(int n) {
    LessonStep step = lesson.step(n).orElseThrow();
    runPage("step " + n, step.html());
    JsonObject check = check(n);
    assertThat(check.getBoolean("passed"))
        .as("step %d's Check says: %s", n, check.getString("message"))
        .isTrue();
    return this;
  }

  /** Presses step {@code n}'s Check: {"passed", "message"}. */
  JsonObject check(int n) {
    return server
        .send(HttpMethod.POST, "/api/sandboxes/" + sandbox + "/steps/" + n + "/check")
        .bodyAsJsonObject();
  }

  /** Step {@code n}'s Check fails now, with this reason. */
  String failure(int n) {
    JsonObject check = check(n);
    assertThat(check.getBoolean("passed")).as("step %d's Check before its commands", n).isFalse();
    return check.getString("message");
  }

  /** What the block of page {@code page} whose command contains {@code part} printed. */
  Block block(String page, String part) {
    return blocks.stream()
        .filter(b -> b.page().equals(page) && b.command().contains(part))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no block with " + part + " on " + page));
  }

  /** Runs one more command in the lesson's sandbox, as the learner would type it. */
  Block exec(String command) {
    JsonObject result =
        server
            .sendJson(
                HttpMethod.POST,
                "/api/sandboxes/" + sandbox + "/exec",
                new JsonObject().put("command", command))
            .bodyAsJsonObject();
    return new Block("typed", command, result.getString("output"), result.getInteger("exitCode"));
  }

  /** Runs one more command, which must exit 0, and returns what it printed. */
  String ok(String command) {
    Block b = exec(command);
    assertThat(b.exitCode()).as("`%s` printed:%n%s", command, b.output()).isZero();
    return b.output();
  }

  private void runPage(String page, String html) {
    for (String command : EveryLessonRunsAsWrittenTest.commands(html)) {
      Block b = exec(command);
      Block kept = new Block(page, b.command(), b.output(), b.exitCode());
      blocks.add(kept);
      assertThat(kept.exitCode())
          .as("%s: `%s` exits 0; it printed:%n%s", page, command, kept.output())
          .isZero();
    }
  }
}
