package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalogue remembers the learner's progress in every lesson, across the lesson switches that
 * give the browser a new sandbox: steps passed per lesson on the home page, "continue at step N",
 * and the next lesson on a finish page.
 */
@ExtendWith(VertxExtension.class)
class CatalogueProgressTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private TestServer server;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theHomePageListsEveryLessonWithLevelTimeWhatYouLearnAndNoProgressYet() {
    String home = browse("/").bodyAsString();
    assertThat(home)
        .containsSubsequence(
            "Istio traffic management with Bookinfo",
            "Fault injection",
            "Traffic shifting",
            "Request timeouts")
        .contains("What you will learn")
        .contains("Inject a delay and an abort with a VirtualService fault rule")
        .contains("intermediate")
        .contains("15 minutes")
        .contains(">4 steps<")
        .doesNotContain("Continue at step");
  }

  @Test
  void progressInOneLessonSurvivesMovingToAnotherAndShowsOnTheHomePage() {
    String step1 = browse("/lessons/fault-injection/steps/1").bodyAsString();
    String csrf = match(CSRF, step1);
    String sandbox = cookies.get("tl_sandbox").substring(0, cookies.get("tl_sandbox").indexOf('.'));
    exec(
        sandbox,
        "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml");
    exec(
        sandbox,
        "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml");
    String result = check("/lessons/fault-injection/steps/1/check", csrf).bodyAsString();
    assertThat(result).contains("check-pass");
    browse("/lessons/fault-injection/steps/2");

    // another lesson: the browser's sandbox is now that lesson's, the first lesson's progress stays
    browse("/lessons/traffic-shifting/steps/1");
    String home = browse("/").bodyAsString();
    assertThat(card(home, "fault-injection"))
        .contains("1 of 4 steps passed")
        .contains("href=\"/lessons/fault-injection/steps/2\"")
        .contains("Continue at step 2");
    assertThat(card(home, "traffic-shifting")).contains(">4 steps<").doesNotContain("Continue");

    String intro = browse("/lessons/fault-injection").bodyAsString();
    assertThat(intro).contains("Continue at step 2");
    assertThat(intro)
        .containsPattern("<li class=\"passed\">\\s*<a href=\"/lessons/fault-injection/steps/1\"");
  }

  @Test
  void aFinishPageSuggestsTheNextLessonOfTheCatalogue() {
    assertThat(browse("/lessons/traffic-management/finish").bodyAsString())
        .contains("Next in the catalogue")
        .contains("href=\"/lessons/fault-injection\"");
    assertThat(browse("/lessons/request-timeouts/finish").bodyAsString())
        .contains("href=\"/lessons/circuit-breaking\"");
    List<Lesson> lessons = LessonCatalog.fromClasspath().lessons();
    assertThat(
            browse("/lessons/" + lessons.get(lessons.size() - 1).id() + "/finish").bodyAsString())
        .doesNotContain("Next in the catalogue");
  }

  @Test
  void aForgedOrStaleProgressCookieIsIgnoredWhereItNamesNothingReal() {
    cookies.put(
        "tl_progress", "nope:3:1.2~fault-injection:99:1.2.77~traffic-shifting:2:2.x~<script>");
    String home = browse("/").bodyAsString();
    assertThat(card(home, "fault-injection"))
        .contains("2 of 4 steps passed")
        .doesNotContain("Continue");
    assertThat(card(home, "traffic-shifting")).contains(">4 steps<");
    assertThat(home).doesNotContain("nope");
  }

  @Test
  void theApiStartsASandboxAtAnyLessonsStartAndRefusesAnUnknownLessonWithAJsonError() {
    JsonObject fault = server.createSandbox(new JsonObject().put("lesson", "request-timeouts"));
    JsonObject described =
        server.send(HttpMethod.GET, "/api/sandboxes/" + fault.getString("id")).bodyAsJsonObject();
    assertThat(described.getString("lesson")).isEqualTo("request-timeouts");
    assertThat(described.getJsonArray("resources")).hasSize(6);

    HttpResponse<Buffer> unknown =
        server.sendJson(HttpMethod.POST, "/api/sandboxes", new JsonObject().put("lesson", "nope"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.getHeader("Content-Type")).startsWith("application/json");
    assertThat(unknown.bodyAsJsonObject().getString("error"))
        .startsWith(
            "lesson must be the id of a lesson (\"traffic-management\", \"fault-injection\","
                + " \"traffic-shifting\", \"request-timeouts\", \"circuit-breaking\"")
        .endsWith("), got \"nope\"");

    JsonObject listed =
        server
            .send(HttpMethod.GET, "/api/lessons")
            .bodyAsJsonObject()
            .getJsonArray("lessons")
            .getJsonObject(1);
    assertThat(listed.getString("id")).isEqualTo("fault-injection");
    assertThat(listed.getString("difficulty")).isEqualTo("intermediate");
    assertThat(listed.getString("time")).isEqualTo("15 minutes");
    assertThat(listed.getJsonArray("learn")).hasSize(3);
  }

  private static String card(String home, String lesson) {
    int start = home.indexOf("data-lesson=\"" + lesson + "\"");
    assertThat(start).as("a card for %s", lesson).isPositive();
    int end = home.indexOf("</li>", start);
    return home.substring(start, end);
  }

  private HttpResponse<Buffer> browse(String path) {
    return send(server.request(HttpMethod.GET, path), null);
  }

  private HttpResponse<Buffer> check(String path, String csrf) {
    HttpRequest<Buffer> r =
        server
            .request(HttpMethod.POST, path)
            .putHeader("X-CSRF-Token", csrf)
            .putHeader("HX-Request", "true");
    return send(r, Buffer.buffer());
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) {
    if (!cookies.isEmpty()) {
      StringBuilder header = new StringBuilder();
      cookies.forEach(
          (k, v) ->
              header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      request.putHeader("Cookie", header.toString());
    }
    HttpResponse<Buffer> response =
        body == null ? request.send().await() : request.sendBuffer(body).await();
    for (String set : response.cookies()) {
      String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    assertThat(response.statusCode()).as("%s", response.bodyAsString()).isEqualTo(200);
    return response;
  }

  private void exec(String sandbox, String command) {
    JsonObject r =
        server
            .sendJson(
                HttpMethod.POST,
                "/api/sandboxes/" + sandbox + "/exec",
                new JsonObject().put("command", command))
            .bodyAsJsonObject();
    assertThat(r.getInteger("exitCode")).as(r.getString("output")).isZero();
  }

  private static String match(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("%s in the page", p).isTrue();
    return m.group(1);
  }
}
