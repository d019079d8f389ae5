package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's {@code kill -9} in the middle of a learner's lesson, then a restart on the same
 * DATA_DIR: everything the learner was told had happened is still there, and the page says nothing
 * about a lost sandbox.
 */
class KillAndRestartTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final String STEP = "/lessons/traffic-management/steps/1";

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void whatTheLearnerWasToldHappenedSurvivesAKillAndARestart() throws Exception {
    Map<String, String> env = Map.of("DATA_DIR", data.toString());
    ServerJvm first = ServerJvm.start(env);
    Learner learner;
    String podsBefore;
    try {
      HttpResponse<String> page = get(first.base, STEP, null);
      learner = Learner.of(page);
      assertThat(
              learner.exec(
                  first.base,
                  "kubectl apply -f"
                      + " $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml"))
          .contains("virtualservice.networking.istio.io/reviews created");
      assertThat(learner.put(first.base, "my.yaml", "kind: Kept\n").statusCode()).isEqualTo(200);
      learner.exec(first.base, "echo the-line-I-ran");
      JsonObject check = new JsonObject(learner.post(first.base, "/steps/1/check", "{}").body());
      assertThat(check.getBoolean("passed")).as(check.encode()).isTrue();
      podsBefore = learner.exec(first.base, "kubectl get pods -o name");
      assertThat(podsBefore).contains("pod/reviews-v1-");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nthe server's output:\n" + first.output(), e);
    } finally {
      first.kill();
    }

    ServerJvm second = ServerJvm.start(env);
    try {
      HttpResponse<String> page = get(second.base, STEP, learner.cookie);
      assertThat(page.statusCode()).isEqualTo(200);
      // the same sandbox: no new cookie, no notice of an expired or lost one
      assertThat(page.headers().allValues("set-cookie"))
          .noneMatch(c -> c.startsWith("tl_sandbox="));
      assertThat(page.body()).doesNotContain("expired").doesNotContain("restarted");
      assertThat(page.body()).contains("(check passed)");
      assertThat(learner.exec(second.base, "kubectl get virtualservices"))
          .contains("reviews")
          .contains("ratings");
      assertThat(learner.exec(second.base, "cat my.yaml")).isEqualTo("kind: Kept\n");
      assertThat(learner.exec(second.base, "history")).contains("echo the-line-I-ran");
      assertThat(learner.exec(second.base, "kubectl get pods -o name")).isEqualTo(podsBefore);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nthe server's output:\n" + second.output(), e);
    } finally {
      second.stop();
    }
  }

  @Test
  void aSandboxThatExpiredBeforeTheKillIsStillReportedExpiredAfterTheRestart() throws Exception {
    Map<String, String> env = Map.of("DATA_DIR", data.toString(), "SANDBOX_IDLE_SECONDS", "2");
    ServerJvm first = ServerJvm.start(env);
    Learner learner;
    try {
      learner = Learner.of(get(first.base, STEP, null));
      learner.exec(first.base, "echo hello");
      Thread.sleep(3_000);
      // the server has seen it expire: removed from memory and from the store
      assertThat(get(first.base, STEP, learner.cookie).body())
          .contains("Your previous sandbox expired");
    } finally {
      first.kill();
    }
    ServerJvm second = ServerJvm.start(env);
    try {
      HttpResponse<String> page = get(second.base, STEP, learner.cookie);
      assertThat(page.body()).contains("Your previous sandbox expired");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nthe server's output:\n" + second.output(), e);
    } finally {
      second.stop();
    }
  }

  @Test
  void withAnEmptyDataDirARestartLosesTheSandboxAndSaysSo() throws Exception {
    Map<String, String> env = Map.of("DATA_DIR", "");
    ServerJvm first = ServerJvm.start(env);
    Learner learner;
    try {
      assertThat(first.output()).contains("DATA_DIR=(none: sandboxes in memory only)");
      learner = Learner.of(get(first.base, STEP, null));
      learner.exec(first.base, "echo hello");
    } finally {
      first.kill();
    }
    ServerJvm second = ServerJvm.start(env);
    try {
      HttpResponse<String> page = get(second.base, STEP, learner.cookie);
      assertThat(page.body()).contains("The server restarted since your sandbox was made");
      assertThat(page.headers().allValues("set-cookie")).anyMatch(c -> c.startsWith("tl_sandbox="));
    } finally {
      second.stop();
    }
    assertThat(data.toFile().list()).isEmpty();
  }

  private HttpResponse<String> get(URI base, String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A browser's cookie and CSRF token, and the API calls its pages make. */
  private record Learner(String cookie, String id, String csrf, HttpClient http) {
    static Learner of(HttpResponse<String> page) {
      String setCookie =
          page.headers().allValues("set-cookie").stream()
              .filter(c -> c.startsWith("tl_sandbox="))
              .findFirst()
              .orElseThrow();
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      String id = cookie.substring("tl_sandbox=".length(), cookie.indexOf('.'));
      Matcher m = CSRF.matcher(page.body());
      assertThat(m.find()).as("csrf meta").isTrue();
      return new Learner(cookie, id, m.group(1), HttpClient.newHttpClient());
    }

    String exec(URI base, String command) throws Exception {
      HttpResponse<String> r =
          post(base, "/exec", new JsonObject().put("command", command).encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return new JsonObject(r.body()).getString("output");
    }

    HttpResponse<String> post(URI base, String tail, String json) throws Exception {
      return http.send(
          request(base, tail)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(URI base, String path, String text) throws Exception {
      return http.send(
          request(base, "/files/content?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
              .header("Content-Type", "text/plain")
              .PUT(HttpRequest.BodyPublishers.ofString(text))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(URI base, String tail) {
      return HttpRequest.newBuilder(base.resolve("/api/sandboxes/" + id + tail))
          .header("Cookie", cookie)
          .header("X-CSRF-Token", csrf);
    }
  }
}
