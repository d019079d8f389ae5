package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.http.CsrfGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LessonPagesTest {
  private static final List<String> CONTRACT_IDS =
      List.of(
          "lesson-pane",
          "lesson-title",
          "step-title",
          "step-content",
          "step-progress",
          "reset-sandbox",
          "notice",
          "tab-terminal",
          "tab-editor",
          "tab-productpage",
          "tab-traffic",
          "panel-terminal",
          "panel-editor",
          "panel-productpage",
          "panel-traffic",
          "terminal",
          "terminal-output",
          "terminal-input",
          "editor-file-tree",
          "editor-path",
          "editor-textarea",
          "editor-save",
          "editor-apply",
          "editor-output",
          "editor-diagnostics",
          "productpage-frame",
          "productpage-url",
          "productpage-refresh",
          "traffic-counts",
          "send-100",
          "traffic-recent",
          "pane-divider");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static Vertx vertx;
  private static HttpServer server;
  private static OneSandboxRegistry registry;
  private static String base;

  /**
   * HTTP/1.1 as browsers speak it over plain http: the JDK client would otherwise upgrade to h2c,
   * which the real listener refuses (WebListener) but this bare test server accepts, and a request
   * on such an upgraded connection once stalled for minutes. A time bound turns any stall into a
   * failure.
   */
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    registry = new OneSandboxRegistry(OneSandboxRegistry.emptyCluster());
    Router router = Router.router(vertx);
    WebRoutes.mount(
        vertx, router, new BrowserSessions(registry, 0), null, OneSandboxRegistry.LESSONS);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    base = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private dev.trafficlab.mesh.store.Snapshot start;

  @BeforeEach
  void freshSandbox() {
    start = OneSandboxRegistry.emptyCluster();
    registry.sandbox = OneSandboxRegistry.newSandbox("sandbox-id-0123456789", start);
    registry.expired = false;
  }

  @Test
  void lessonListLinksEachLesson() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("class=\"lesson-link\" href=\"/lessons/traffic-management\"")
        .contains("Istio traffic management with Bookinfo");
  }

  @Test
  void introPageHasEveryContractIdAndTheStartLink() throws Exception {
    HttpResponse<String> r = get("/lessons/traffic-management");
    assertThat(r.statusCode()).isEqualTo(200);
    for (String id : CONTRACT_IDS) {
      assertThat(r.body()).as(id).contains("id=\"" + id + "\"");
    }
    assertThat(r.body())
        .contains("id=\"start-lesson\" href=\"/lessons/traffic-management/steps/1\"")
        .contains("<meta name=\"sandbox-id\" content=\"sandbox-id-0123456789\">")
        .contains("<meta name=\"csrf-token\" content=\"" + csrf() + "\">")
        .doesNotContain("id=\"prev-step\"")
        .doesNotContain("id=\"check-step\"");
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
  }

  @Test
  void stepPageNavigatesRecordsProgressAndPointsLinksAtTheSandboxProductPage() throws Exception {
    HttpResponse<String> r = get("/lessons/traffic-management/steps/2");
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(page)
        .contains(">Step 2 of 6<")
        .contains(">Route by user identity<")
        .contains("id=\"prev-step\" href=\"/lessons/traffic-management/steps/1\"")
        .contains("id=\"next-step\" href=\"/lessons/traffic-management/steps/3\"")
        .contains("id=\"check-step\"")
        .contains("id=\"check-result\"")
        .contains("href=\"" + base + registry.sandbox.productPagePath() + "\"")
        .contains(
            "class=\"execute\" data-command=\"kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/"
                + "virtual-service-reviews-test-v2.yaml\"")
        .contains(
            "class=\"open-file\" data-path=\"/root/istio-1.8.1/samples/bookinfo/networking/"
                + "virtual-service-reviews-test-v2.yaml\"")
        .doesNotContain("[[HOST_SUBDOMAIN]]")
        .doesNotContain("trafficlab.invalid");
    assertThat(registry.sandbox.progress().currentStep("traffic-management")).isEqualTo(2);
  }

  @Test
  void lastStepLeadsToTheFinishPage() throws Exception {
    assertThat(get("/lessons/traffic-management/steps/6").body())
        .contains("id=\"next-step\" href=\"/lessons/traffic-management/finish\"");
    HttpResponse<String> finish = get("/lessons/traffic-management/finish");
    assertThat(finish.statusCode()).isEqualTo(200);
    assertThat(finish.body())
        .contains("id=\"prev-step\" href=\"/lessons/traffic-management/steps/6\"")
        .doesNotContain("id=\"next-step\"");
  }

  @Test
  void theFinishPageCountsThePassedChecksAndLinksEveryStepStillToPass() throws Exception {
    registry.sandbox.progress().markPassed("traffic-management", 2);
    String body = get("/lessons/traffic-management/finish").body();
    int passed = registry.sandbox.progress().passedSteps("traffic-management").size();
    assertThat(body)
        .contains("Finished: " + passed + " of 6 checks passed")
        .contains("id=\"finish-summary\"")
        .contains("href=\"/lessons/traffic-management/steps/5\"")
        .doesNotContain(">Step 2: ");
  }

  @Test
  void htmxRequestGetsOnlyTheLessonPaneFragment() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/lessons/traffic-management/steps/3"))
                .timeout(TIMEOUT)
                .header("HX-Request", "true")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().strip())
        .startsWith("<section id=\"lesson-pane\"")
        .endsWith("</section>")
        .contains(">Step 3 of 6<")
        .doesNotContain("<html")
        .doesNotContain("id=\"terminal\"");
  }

  @Test
  void unknownLessonsAndStepsAnswer404WithAnEscapedMessage() throws Exception {
    HttpResponse<String> r = get("/lessons/%3Cb%3Ex");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .contains("There is no lesson named &quot;&lt;b&gt;x&quot;")
        .doesNotContain("<b>x");
    assertThat(get("/lessons/traffic-management/steps/0").statusCode()).isEqualTo(404);
    assertThat(get("/lessons/traffic-management/steps/7").body()).contains("it has steps 1 to 6");
    assertThat(get("/lessons/traffic-management/steps/two").statusCode()).isEqualTo(404);
  }

  @Test
  void expiredSandboxGetsANoticeNotAnError() throws Exception {
    registry.expired = true;
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/lessons/traffic-management"))
                .timeout(TIMEOUT)
                .header("Cookie", "tl_sandbox=" + "A".repeat(24) + "." + OneSandboxRegistry.BOOT_ID)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Your previous sandbox expired after 120 minutes without use");
  }

  @Test
  void checkWithoutTheCsrfTokenIsRefused() throws Exception {
    HttpResponse<String> r = post("/lessons/traffic-management/steps/1/check", null, null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("CSRF");
  }

  @Test
  void checkFromAnotherSiteIsRefusedEvenWithAToken() throws Exception {
    HttpResponse<String> r =
        post("/lessons/traffic-management/steps/1/check", csrf(), "https://evil.example");
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void checkAnswersTheCheckResultFragment() throws Exception {
    HttpResponse<String> r = post("/lessons/traffic-management/steps/5/check", csrf(), base);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().strip())
        .startsWith("<div id=\"check-result\"")
        .contains("class=\"check-fail\"")
        .contains("You have not run `kubectl get virtualservices` yet");
  }

  @Test
  void checkFromAPageBuiltForAnExpiredSandboxReloadsThePage() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/lessons/traffic-management/steps/1/check"))
                .timeout(TIMEOUT)
                .header("HX-Request", "true")
                .header("X-Sandbox-Id", "an-old-sandbox")
                .header("HX-Current-URL", base + "/lessons/traffic-management/steps/1")
                .header(CsrfGuard.HEADER, csrf())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("HX-Redirect"))
        .hasValue("/lessons/traffic-management/steps/1?notice=expired");
  }

  @Test
  void resetRestoresTheStartStateAndSaysSo() throws Exception {
    var sandbox = registry.sandbox;
    sandbox
        .config()
        .reset( // stands for whatever the learner changed (a state other than the shared start)
            dev.trafficlab.mesh.store.Snapshot.of(
                2,
                java.util.List.of(),
                java.util.Set.of("changed"),
                dev.trafficlab.mesh.inventory.Inventory.bookinfo(),
                dev.trafficlab.mesh.model.IstioProfile.ISTIO_1_8));
    assertThat(sandbox.snapshot()).isNotSameAs(start);
    HttpResponse<String> r = post("/sandbox/reset", csrf(), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"notice\"").contains("back at the lesson start");
    assertThat(r.headers().firstValue("HX-Trigger")).hasValue("sandbox-reset");
    assertThat(sandbox.snapshot()).isSameAs(start);
  }

  @Test
  void trafficFragmentShowsCountsPerVersion() throws Exception {
    HttpResponse<String> r = get("/sandbox/traffic");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().strip())
        .startsWith("<div id=\"traffic-view\"")
        .contains("data-version=\"v1\"")
        .contains("data-version=\"v2\"")
        .contains("data-version=\"v3\"")
        .contains("No requests from productpage to reviews yet");
  }

  @Test
  void trafficFragmentListsRecentRequestsWithTheRuleThatRoutedThem() throws Exception {
    var traffic = registry.sandbox.traffic();
    traffic.record(
        new dev.trafficlab.bookinfo.TrafficRecord(
            java.time.Instant.now(),
            "r1",
            "productpage-v1-6b746f74dc-mp6tf",
            "GET",
            "reviews:9080",
            "/reviews/0",
            "HTTP/1.1",
            200,
            "-",
            100,
            2.0,
            "outbound|9080|v3|reviews.default.svc.cluster.local",
            "10.244.0.15:9080",
            "reviews-v3-7dbcdcbc56-m8kbn",
            "v3",
            reviewsRule0(),
            null,
            "<b>jason</b>"));
    traffic.record(
        new dev.trafficlab.bookinfo.TrafficRecord(
            java.time.Instant.now(),
            "r2",
            "productpage-v1-6b746f74dc-mp6tf",
            "GET",
            "reviews:9080",
            "/reviews/0",
            "HTTP/1.1",
            503,
            "NC",
            0,
            1.0,
            "-",
            null,
            null,
            "v9",
            reviewsRule0(),
            null,
            null));
    String body = get("/sandbox/traffic").body().replaceAll("\\s+", " ");
    assertThat(body)
        .contains("data-version=\"v3\" data-vs=\"reviews.default\" data-rule=\"0\" data-match=\"\"")
        .contains("data-version=\"error\"")
        .contains(">503 NC<")
        .contains("&lt;b&gt;jason&lt;/b&gt;")
        .doesNotContain("<b>jason");
    assertThat(body).containsPattern("data-version=\"v3\"[^>]*>.*?<span class=\"count\">1</span>");
  }

  private static dev.trafficlab.mesh.routing.RouteOrigin reviewsRule0() {
    return new dev.trafficlab.mesh.routing.RouteOrigin(
        dev.trafficlab.mesh.model.ResourceKind.VIRTUAL_SERVICE,
        "default",
        "reviews",
        0,
        null,
        "Rule #0 of VirtualService reviews.default (no match: it takes every request).");
  }

  @Test
  void sendingRequestsNeedsTheTokenAndExplainsAnInvalidUserName() throws Exception {
    assertThat(postForm("/sandbox/traffic/send", null, "user=jason").statusCode()).isEqualTo(403);
    HttpResponse<String> bad = postForm("/sandbox/traffic/send", csrf(), "user=%3Cscript%3E");
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body())
        .contains("id=\"send-status\"")
        .contains("hx-swap-oob=\"true\"")
        .contains("A user name may hold letters")
        .contains("id=\"traffic-view\"")
        .doesNotContain("<script>");
    HttpResponse<String> noMesh = postForm("/sandbox/traffic/send", csrf(), "user=jason");
    assertThat(noMesh.body()).contains("The data plane is not running");
  }

  @Test
  void everyScriptAndStylesheetOfTheLessonPageIsServedLocally() throws Exception {
    String page = get("/lessons/traffic-management").body();
    // content=: the editor's script and stylesheet, named in meta tags and fetched with the tab.
    Matcher m =
        Pattern.compile("(?:src|href|content)=\"(/(?:static|webjars)/[^\"]+)\"").matcher(page);
    List<String> assets = new ArrayList<>();
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets).hasSizeGreaterThanOrEqualTo(6);
    for (String asset : assets) {
      assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
    }
    assertThat(page)
        .doesNotContain("http://cdn")
        .doesNotContain("https://unpkg")
        .doesNotContain("<script>")
        .doesNotContain(" onclick=")
        .doesNotContain(" style=\"");
  }

  private String csrf() {
    return registry.sandbox.csrfToken();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(String path, String token, String form)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("HX-Request", "true")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (token != null) {
      b.header(CsrfGuard.HEADER, token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String origin)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("HX-Request", "true")
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header(CsrfGuard.HEADER, token);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
