package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.MutableClock;
import dev.trafficlab.server.lessons.LessonCatalog;
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

/** The browser's sandbox: bound by the tl_sandbox cookie, replaced with a notice when it expired. */
@ExtendWith(VertxExtension.class)
class BrowserSandboxTest {
  private final MutableClock clock = new MutableClock();
  private InMemorySandboxRegistry registry;
  private HttpServer http;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    registry = new InMemorySandboxRegistry(clock, Duration.ofHours(2), 100, InMemorySandboxRegistryTest.LESSONS, null,
        new CreationRateLimiter(clock, 30, 100), false);
    Router router = Router.router(vertx);
    router.get("/page").handler(ctx -> {
      SandboxRegistry.BrowserSandbox first = registry.forBrowser(ctx);
      // A second call in the same request must not create a second sandbox.
      SandboxRegistry.BrowserSandbox again = registry.forBrowser(ctx);
      ctx.json(new JsonObject().put("id", first.sandbox().id()).put("notice", first.expiredNotice())
          .put("same", first.sandbox() == again.sandbox()));
    });
    InMemorySandboxRegistry proxied = new InMemorySandboxRegistry(clock, Duration.ofHours(2), 100,
        InMemorySandboxRegistryTest.LESSONS, null, new CreationRateLimiter(clock, 30, 100), true);
    router.get("/behind-proxy").handler(ctx -> ctx.end(proxied.forBrowser(ctx).sandbox().id()));
    router.get("/lessons/:lesson").handler(ctx -> ctx.end(registry.forBrowser(ctx,
        registry.lessons().lesson(ctx.pathParam("lesson")).orElseThrow()).sandbox().id()));
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

  @Test
  void theFirstVisitCreatesASandboxAndSetsAnHttpOnlySameSiteLaxCookie() {
    HttpResponse<Buffer> response = get(null);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("notice")).isFalse();
    assertThat(body.getBoolean("same")).isTrue();
    assertThat(response.cookies()).hasSize(1);
    String cookie = response.cookies().get(0);
    assertThat(cookie).startsWith("tl_sandbox=" + body.getString("id") + ";")
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/")
        .contains("Max-Age=");
    assertThat(cookie).doesNotContainIgnoringCase("Secure");
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void behindATrustedHttpsProxyTheCookieIsSecure() {
    HttpResponse<Buffer> response = client.get(http.actualPort(), "127.0.0.1", "/behind-proxy")
        .putHeader("X-Forwarded-Proto", "https").send().await();
    assertThat(response.cookies().get(0)).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly");
  }

  @Test
  void aKnownCookieGivesTheSameSandboxWithoutANewCookie() {
    String id = get(null).bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> again = get(id);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(again.bodyAsJsonObject().getBoolean("notice")).isFalse();
    assertThat(again.cookies()).isEmpty();
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void anExpiredSandboxIsReplacedWithANotice() {
    String id = get(null).bodyAsJsonObject().getString("id");
    clock.advance(Duration.ofHours(3));
    registry.expireIdle();
    HttpResponse<Buffer> after = get(id);
    JsonObject body = after.bodyAsJsonObject();
    assertThat(body.getString("id")).isNotEqualTo(id);
    assertThat(body.getBoolean("notice")).isTrue();
    assertThat(after.cookies().get(0)).startsWith("tl_sandbox=" + body.getString("id"));
    // The notice is shown once: the next page has the new sandbox.
    assertThat(get(body.getString("id")).bodyAsJsonObject().getBoolean("notice")).isFalse();
  }

  @Test
  void aSandboxBelongsToTheLessonItWasCreatedForAndAnotherLessonGetsAFreshOne(@TempDir Path scenarios)
      throws IOException {
    for (String lesson : List.of("first", "second")) {
      Files.createDirectories(scenarios.resolve(lesson));
      Files.writeString(scenarios.resolve(lesson).resolve("index.json"), "{\"title\": \"" + lesson + "\"}");
    }
    registry = new InMemorySandboxRegistry(clock, Duration.ofHours(2), 100, LessonCatalog.fromDirectory(scenarios),
        null, new CreationRateLimiter(clock, 30, 100), false);
    HttpResponse<Buffer> first = client.get(http.actualPort(), "127.0.0.1", "/lessons/first").send().await();
    String firstId = first.bodyAsString();
    assertThat(registry.byId(firstId).orElseThrow().lessonId()).isEqualTo("first");
    HttpResponse<Buffer> again = client.get(http.actualPort(), "127.0.0.1", "/lessons/first")
        .putHeader("Cookie", "tl_sandbox=" + firstId).send().await();
    assertThat(again.bodyAsString()).isEqualTo(firstId);
    HttpResponse<Buffer> second = client.get(http.actualPort(), "127.0.0.1", "/lessons/second")
        .putHeader("Cookie", "tl_sandbox=" + firstId).send().await();
    assertThat(second.bodyAsString()).isNotEqualTo(firstId);
    assertThat(registry.byId(second.bodyAsString()).orElseThrow().lessonId()).isEqualTo("second");
    assertThat(second.cookies().get(0)).startsWith("tl_sandbox=" + second.bodyAsString());
  }

  @Test
  void aCookieWeNeverIssuedGetsAFreshSandboxWithoutANotice() {
    JsonObject body = get("not-a-sandbox").bodyAsJsonObject();
    assertThat(body.getBoolean("notice")).isFalse();
    assertThat(registry.byId(body.getString("id"))).isPresent();
  }
}
