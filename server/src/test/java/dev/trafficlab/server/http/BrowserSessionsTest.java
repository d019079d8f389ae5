package dev.trafficlab.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.MutableClock;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.CreationRateLimiter;
import dev.trafficlab.server.sandbox.InMemorySandboxRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's sandbox: a reserved id in the tl_sandbox cookie, made on first use, replaced with a
 * notice that says why when it is gone.
 */
@ExtendWith(VertxExtension.class)
class BrowserSessionsTest {
  private static final LessonCatalog LESSONS = LessonCatalog.fromClasspath();
  private final MutableClock clock = new MutableClock();
  private InMemorySandboxRegistry registry;
  private BrowserSessions sessions;
  private HttpServer http;
  private WebClient client;

  private InMemorySandboxRegistry newRegistry() {
    return new InMemorySandboxRegistry(
        clock, Duration.ofHours(2), 100, LESSONS, null, new CreationRateLimiter(clock, 30, 100));
  }

  @BeforeEach
  void start(Vertx vertx) {
    registry = newRegistry();
    sessions = new BrowserSessions(registry, 0);
    Router router = Router.router(vertx);
    router
        .get("/page")
        .handler(
            ctx -> {
              BrowserSessions.BrowserSession first = sessions.of(ctx);
              // A second call in the same request must not reserve a second id.
              BrowserSessions.BrowserSession again = sessions.of(ctx);
              ctx.json(
                  new JsonObject()
                      .put("id", first.sandboxId())
                      .put("notice", first.notice().name())
                      .put("same", first.equals(again)));
            });
    router
        .get("/lessons/:lesson")
        .handler(
            ctx -> {
              BrowserSessions.BrowserSession s =
                  sessions.of(
                      ctx, registry.lessons().lesson(ctx.pathParam("lesson")).orElseThrow());
              ctx.json(new JsonObject().put("id", s.sandboxId()).put("lesson", s.lessonId()));
            });
    router.post("/use").handler(ctx -> ctx.end(sessions.use(ctx).map(s -> s.id()).orElse("gone")));
    BrowserSessions proxied = new BrowserSessions(newRegistry(), 1);
    router.get("/behind-proxy").handler(ctx -> ctx.end(proxied.of(ctx).sandboxId()));
    http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    http.close().await();
  }

  private HttpResponse<Buffer> get(String cookie) {
    var request = client.get(http.actualPort(), "127.0.0.1", "/page");
    if (cookie != null) {
      request.putHeader("Cookie", "tl_sandbox=" + cookie);
    }
    return request.send().await();
  }

  private String cookieValue(HttpResponse<Buffer> response) {
    String cookie = response.cookies().get(0);
    return cookie.substring("tl_sandbox=".length(), cookie.indexOf(';'));
  }

  private String use(String cookie) {
    return client
        .post(http.actualPort(), "127.0.0.1", "/use")
        .putHeader("Cookie", "tl_sandbox=" + cookie)
        .send()
        .await()
        .bodyAsString();
  }

  @Test
  void theFirstVisitReservesAnIdInAnHttpOnlySameSiteLaxCookieAndStoresNothing() {
    HttpResponse<Buffer> response = get(null);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("notice")).isEqualTo("NONE");
    assertThat(body.getBoolean("same")).isTrue();
    assertThat(response.cookies()).hasSize(1);
    String cookie = response.cookies().get(0);
    assertThat(cookie)
        .startsWith("tl_sandbox=" + body.getString("id") + "." + registry.bootId() + ";")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .contains("Path=/")
        .contains("Max-Age=");
    assertThat(cookie).doesNotContainIgnoringCase("Secure");
    assertThat(registry.size()).isZero();
  }

  @Test
  void aSandboxBelongsToTheLessonItWasReservedForAndAnotherLessonGetsAFreshOne(
      @TempDir Path scenarios) throws IOException {
    for (String lesson : List.of("first", "second")) {
      Files.createDirectories(scenarios.resolve(lesson));
      Files.writeString(
          scenarios.resolve(lesson).resolve("index.json"), "{\"title\": \"" + lesson + "\"}");
    }
    registry =
        new InMemorySandboxRegistry(
            clock,
            Duration.ofHours(2),
            100,
            LessonCatalog.fromDirectory(scenarios),
            null,
            new CreationRateLimiter(clock, 30, 100));
    sessions = new BrowserSessions(registry, 0);
    HttpResponse<Buffer> first = lessonPage("second", null);
    assertThat(first.bodyAsJsonObject().getString("lesson")).isEqualTo("second");
    String secondId = first.bodyAsJsonObject().getString("id");
    assertThat(use(cookieValue(first))).isEqualTo(secondId);
    assertThat(registry.byId(secondId).orElseThrow().lessonId()).isEqualTo("second");
    assertThat(lessonPage("second", cookieValue(first)).bodyAsJsonObject().getString("id"))
        .isEqualTo(secondId);

    HttpResponse<Buffer> other = lessonPage("first", cookieValue(first));
    String firstId = other.bodyAsJsonObject().getString("id");
    assertThat(firstId).isNotEqualTo(secondId);
    assertThat(other.bodyAsJsonObject().getString("lesson")).isEqualTo("first");
    assertThat(use(cookieValue(other))).isEqualTo(firstId);
    assertThat(registry.byId(firstId).orElseThrow().lessonId()).isEqualTo("first");
  }

  private HttpResponse<Buffer> lessonPage(String lesson, String cookie) {
    var request = client.get(http.actualPort(), "127.0.0.1", "/lessons/" + lesson);
    if (cookie != null) {
      request.putHeader("Cookie", "tl_sandbox=" + cookie);
    }
    return request.send().await();
  }

  @Test
  void theFirstUseMakesTheReservedSandboxWithTheSameId() {
    HttpResponse<Buffer> first = get(null);
    String id = first.bodyAsJsonObject().getString("id");
    assertThat(use(cookieValue(first))).isEqualTo(id);
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.byId(id)).isPresent();
    assertThat(use(cookieValue(first))).isEqualTo(id);
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void behindATrustedHttpsProxyTheCookieIsSecure() {
    HttpResponse<Buffer> response =
        client
            .get(http.actualPort(), "127.0.0.1", "/behind-proxy")
            .putHeader("X-Forwarded-Proto", "https")
            .send()
            .await();
    assertThat(response.cookies().get(0))
        .containsIgnoringCase("Secure")
        .containsIgnoringCase("HttpOnly");
  }

  @Test
  void aKnownCookieGivesTheSameSandboxWithoutANewCookie() {
    HttpResponse<Buffer> first = get(null);
    String id = first.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> again = get(cookieValue(first));
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(again.bodyAsJsonObject().getString("notice")).isEqualTo("NONE");
    assertThat(again.cookies()).isEmpty();
    use(cookieValue(first));
    assertThat(get(cookieValue(first)).bodyAsJsonObject().getString("id")).isEqualTo(id);
  }

  @Test
  void anExpiredSandboxIsReplacedWithANoticeThatSaysItExpired() {
    HttpResponse<Buffer> first = get(null);
    String id = first.bodyAsJsonObject().getString("id");
    use(cookieValue(first));
    clock.advance(Duration.ofHours(3));
    registry.expireIdle();
    HttpResponse<Buffer> after = get(cookieValue(first));
    JsonObject body = after.bodyAsJsonObject();
    assertThat(body.getString("id")).isNotEqualTo(id);
    assertThat(body.getString("notice")).isEqualTo("EXPIRED");
    assertThat(after.cookies().get(0)).startsWith("tl_sandbox=" + body.getString("id") + ".");
    // The old id is not made again by a late command from the old page.
    assertThat(registry.use(id, "10.0.0.1")).isEmpty();
    // The notice is shown once: the next page has the new sandbox.
    assertThat(get(cookieValue(after)).bodyAsJsonObject().getString("notice")).isEqualTo("NONE");
  }

  @Test
  void aCookieFromBeforeARestartSaysTheServerRestarted() {
    InMemorySandboxRegistry before = newRegistry();
    String oldCookie = before.reserve().id() + "." + before.bootId();
    JsonObject body = get(oldCookie).bodyAsJsonObject();
    assertThat(body.getString("notice")).isEqualTo("RESTARTED");
    assertThat(registry.size()).isZero();
  }

  @Test
  void aCookieWeNeverIssuedGetsAFreshReservationWithoutANotice() {
    JsonObject body = get("not-a-sandbox").bodyAsJsonObject();
    assertThat(body.getString("notice")).isEqualTo("NONE");
    assertThat(registry.reservation(body.getString("id"))).isPresent();
    // A well-formed id this run never issued is no sandbox either.
    JsonObject forged = get("A".repeat(24) + "." + registry.bootId()).bodyAsJsonObject();
    assertThat(forged.getString("notice")).isEqualTo("NONE");
    assertThat(forged.getString("id")).isNotEqualTo("A".repeat(24));
  }
}
