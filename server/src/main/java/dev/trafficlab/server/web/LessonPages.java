package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.MeshBusyException;
import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.http.BrowserSessions.BrowserSession;
import dev.trafficlab.server.http.CsrfGuard;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.lessons.LessonStep;
import dev.trafficlab.server.lessons.markdown.KatacodaHostUrls;
import dev.trafficlab.server.sandbox.PageScriptRunner;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Handlers behind the pages: each renders a full page, or only its fragment for an htmx request.
 */
public final class LessonPages {
  static final String EXPIRED_NOTICE =
      "Your previous sandbox expired, so you have a fresh one at the lesson start. Welcome back!";
  static final String IDLE_NOTICE =
      "Your previous sandbox expired after %d minutes without use, so you have a"
          + " fresh one at the lesson start. Welcome back!";
  static final String RESTARTED_NOTICE =
      "The server restarted since your sandbox was made, and sandboxes live in"
          + " its memory, so your work there is gone: you have a fresh sandbox at the lesson start. Sorry about that!";
  static final String EVICTED_NOTICE =
      "The server was full, so your previous sandbox (the least recently used)"
          + " made room for another: you have a fresh one at the lesson start. Welcome back!";
  static final String RESET_NOTICE =
      "Your sandbox is back at the lesson start: the Istio resources and the"
          + " sample files are as the lesson began. Your progress and terminal history are kept.";
  private static final Pattern SAFE_HOST =
      Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.@\\-]{0,64}");

  private final LessonCatalog lessons;
  private final BrowserSessions sessions;
  private final BookinfoMesh dataPlane;
  private final PageRenderer renderer;
  private final WebjarVersions webjars;
  private final StaticAssets assets = StaticAssets.load();

  LessonPages(
      LessonCatalog lessons,
      BrowserSessions sessions,
      BookinfoMesh dataPlane,
      PageRenderer renderer,
      WebjarVersions webjars) {
    this.lessons = lessons;
    this.sessions = sessions;
    this.dataPlane = dataPlane;
    this.renderer = renderer;
    this.webjars = webjars;
  }

  /** The version-stamped URLs of the static files the pages link to. */
  StaticAssets assets() {
    return assets;
  }

  /**
   * Renders every template once at start-up, so the first learner does not pay for loading the
   * template engine and parsing the templates on an event loop.
   */
  void warmUp() {
    Map<String, Object> home = new HashMap<>();
    home.put("lessons", lessons.lessons());
    home.put("cards", lessons.lessons().stream().map(l -> new LessonCard(l, 0, 0)).toList());
    home.put("webjars", webjars);
    home.put("assets", assets);
    home.put("courses", lessons.courses());
    home.put("lessonTitles", lessonTitles());
    renderer.page("index", home);
    renderer.page("error", Map.of("message", "", "webjars", webjars, "assets", assets));
    Map<String, Object> port = new HashMap<>();
    port.put("port", ScenarioPort.of("3000").orElseThrow());
    port.put("ingressNodePort", KatacodaHostUrls.INGRESS_NODE_PORT);
    port.put("webjars", webjars);
    port.put("assets", assets);
    renderer.page("port", port);
    lessons.lessons().stream()
        .findFirst()
        .ifPresent(
            lesson -> {
              Map<String, Object> model = new HashMap<>();
              model.put("lesson", lesson);
              model.put("view", "intro");
              model.put("stepNumber", 0);
              model.put("stepCount", lesson.steps().size());
              model.put("passed", java.util.Set.of());
              model.put("currentStep", 0);
              model.put("title", lesson.intro().title());
              model.put("content", lesson.intro().html());
              model.put("progress", "");
              model.put("prevUrl", null);
              model.put("nextUrl", null);
              model.put("sandboxId", "warm-up");
              model.put("csrfToken", "warm-up");
              model.put("productPageUrl", "/");
              model.put("webjars", webjars);
              model.put("assets", assets);
              model.put("traffic", TrafficView.of(List.of(), null));
              model.put("trafficMessage", null);
              model.put("notice", null);
              model.put("nextLesson", null);
              renderer.page("lesson", model);
            });
  }

  // ---- pages

  /**
   * One lesson of the catalogue with the learner's progress in it.
   *
   * @param continueStep the step the learner was last on, 0 when they have not begun
   */
  public record LessonCard(Lesson lesson, int passed, int continueStep) {
    public int steps() {
      return lesson.steps().size();
    }

    public boolean finished() {
      return passed == steps() && steps() > 0;
    }
  }

  void lessonList(RoutingContext ctx) {
    // The catalogue reserves no sandbox: the progress cookie holds what the lesson pages saw.
    Map<String, ProgressCookie.Entry> cookie = ProgressCookie.read(ctx, lessons);
    List<LessonCard> cards = new java.util.ArrayList<>();
    for (Lesson lesson : lessons.lessons()) {
      ProgressCookie.Entry e = ProgressCookie.merged(cookie, lesson.id(), Optional.empty());
      cards.add(new LessonCard(lesson, e.passed().size(), e.currentStep()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("lessons", lessons.lessons());
    model.put("cards", cards);
    model.put("webjars", webjars);
    model.put("assets", assets);
    model.put("courses", lessons.courses());
    model.put("lessonTitles", lessonTitles());
    html(ctx, 200, renderer.page("index", model));
  }

  /** Each lesson's title by id, for the courses' lists. */
  private Map<String, String> lessonTitles() {
    Map<String, String> titles = new HashMap<>();
    lessons.lessons().forEach(l -> titles.put(l.id(), l.title()));
    return titles;
  }

  void intro(RoutingContext ctx) {
    withLesson(ctx, lesson -> lessonPage(ctx, lesson, View.INTRO, 0));
  }

  void finish(RoutingContext ctx) {
    withLesson(ctx, lesson -> lessonPage(ctx, lesson, View.FINISH, 0));
  }

  /**
   * The author's page of an imported scenario: check-lessons' report, one finding a row. A packaged
   * lesson has none.
   */
  void report(RoutingContext ctx) {
    withLesson(
        ctx,
        lesson -> {
          var report = lessons.report(lesson.id());
          if (report.isEmpty()) {
            notFound(
                ctx,
                "Lesson \""
                    + lesson.title()
                    + "\" is not an imported scenario, so it has no import report.");
            return;
          }
          Map<String, Object> model = new HashMap<>();
          model.put("lesson", lesson);
          model.put("report", report.get());
          model.put("webjars", webjars);
          model.put("assets", assets);
          html(ctx, 200, renderer.page("report", model));
        });
  }

  void step(RoutingContext ctx) {
    withLesson(
        ctx,
        lesson -> {
          int n = stepNumber(ctx, lesson);
          if (n < 0) {
            notFound(
                ctx,
                "Lesson \""
                    + lesson.title()
                    + "\" has no step "
                    + ctx.pathParam("n")
                    + ": it has steps 1 to "
                    + lesson.steps().size()
                    + ".");
            return;
          }
          lessonPage(ctx, lesson, View.STEP, n);
        });
  }

  enum View {
    INTRO,
    STEP,
    FINISH
  }

  private void lessonPage(RoutingContext ctx, Lesson lesson, View view, int n) {
    BrowserSession browser = sessions.of(ctx, lesson);
    if (isHtmx(ctx) && staleSandbox(ctx, browser)) {
      redirectExpired(ctx);
      return;
    }
    // Reading the lesson is not using the sandbox: one not made yet stays a reservation, and its
    // progress is empty.
    Optional<Sandbox> live = sessions.live(ctx);
    // an imported scenario's page scripts run when the page first opens in a sandbox
    String page =
        switch (view) {
          case INTRO -> "intro";
          case FINISH -> "finish";
          case STEP -> "step" + n;
        };
    live.ifPresent(s -> PageScriptRunner.open(s, lesson, page));
    if (view == View.STEP) {
      live.ifPresent(
          s ->
              s.serially(
                  () -> {
                    s.progress().setCurrentStep(lesson.id(), n);
                    return Future.succeededFuture();
                  }));
    }
    Map<String, ProgressCookie.Entry> cookie = ProgressCookie.read(ctx, lessons);
    ProgressCookie.Entry progress =
        ProgressCookie.merged(cookie, lesson.id(), live.map(Sandbox::progress));
    // The cookie is compared, not the merged entry: the sandbox may already have taken step n
    // (the serial update above can run first), and the cookie must still learn it.
    ProgressCookie.Entry inCookie = cookie.get(lesson.id());
    if (view == View.STEP && (inCookie == null || inCookie.currentStep() != n)) {
      ProgressCookie.write(
          ctx,
          cookie,
          lesson.id(),
          new ProgressCookie.Entry(n, progress.passed()),
          sessions.overHttps(ctx));
    }
    String base = productPageBase(ctx, browser);
    Map<String, Object> model = new HashMap<>();
    model.put("lesson", lesson);
    model.put("view", view.name().toLowerCase(java.util.Locale.ROOT));
    model.put("stepNumber", n);
    model.put("stepCount", lesson.steps().size());
    model.put("passed", java.util.Set.copyOf(progress.passed()));
    model.put("currentStep", view == View.STEP ? n : progress.currentStep());
    model.put("nextLesson", lessons.next(lesson).orElse(null));
    String lessonUrl = "/lessons/" + lesson.id();
    switch (view) {
      case INTRO -> {
        model.put("title", lesson.intro().title());
        model.put("content", KatacodaHostUrls.toSandbox(lesson.intro().html(), base));
        model.put("progress", lesson.steps().size() + " steps · " + lesson.time());
        model.put("prevUrl", null);
        model.put(
            "nextUrl", lesson.steps().isEmpty() ? lessonUrl + "/finish" : lessonUrl + "/steps/1");
      }
      case FINISH -> {
        model.put("title", lesson.finish().title());
        model.put("content", KatacodaHostUrls.toSandbox(lesson.finish().html(), base));
        // Honest about what was done: the steps whose check has not passed are named, with links.
        var passed = progress.passed();
        List<LessonStep> remaining =
            lesson.steps().stream().filter(st -> !passed.contains(st.number())).toList();
        model.put("remaining", remaining);
        model.put(
            "progress",
            remaining.isEmpty()
                ? "Finished: all " + lesson.steps().size() + " checks passed"
                : "Finished: "
                    + (lesson.steps().size() - remaining.size())
                    + " of "
                    + lesson.steps().size()
                    + " checks passed");
        model.put(
            "prevUrl",
            lesson.steps().isEmpty() ? lessonUrl : lessonUrl + "/steps/" + lesson.steps().size());
        model.put("nextUrl", null);
      }
      default -> {
        LessonStep step = lesson.step(n).orElseThrow();
        model.put("title", step.title());
        model.put("content", KatacodaHostUrls.toSandbox(step.html(), base));
        model.put("progress", "Step " + n + " of " + lesson.steps().size());
        model.put("prevUrl", n == 1 ? lessonUrl : lessonUrl + "/steps/" + (n - 1));
        model.put(
            "nextUrl",
            n == lesson.steps().size() ? lessonUrl + "/finish" : lessonUrl + "/steps/" + (n + 1));
        model.put("checkUrl", lessonUrl + "/steps/" + n + "/check");
      }
    }
    if (isHtmx(ctx)) {
      html(ctx, 200, renderer.fragment("lesson", "lesson-pane", model));
      return;
    }
    model.put("sandboxId", browser.sandboxId());
    model.put("csrfToken", browser.csrfToken());
    model.put("productPageUrl", base + "/productpage");
    model.put("webjars", webjars);
    model.put("assets", assets);
    model.putAll(trafficModel(live, null));
    model.put("notice", notice(browser.notice(), ctx.request().getParam("notice")));
    html(ctx, 200, renderer.page("lesson", model));
  }

  /**
   * Why the browser has a fresh sandbox; {@code asked} is the ?notice= of a page reloaded because
   * its sandbox went.
   */
  private String notice(BrowserSessions.Notice notice, String asked) {
    return switch (notice) {
      case RESTARTED -> RESTARTED_NOTICE;
      case EVICTED -> EVICTED_NOTICE;
      case EXPIRED -> String.format(IDLE_NOTICE, sessions.sandboxes().idleTimeout().toMinutes());
      case DELETED -> EXPIRED_NOTICE;
      case NONE -> "expired".equals(asked) ? EXPIRED_NOTICE : null;
    };
  }

  // ---- actions

  void check(RoutingContext ctx) {
    withLesson(
        ctx,
        lesson -> {
          int n = stepNumber(ctx, lesson);
          if (n < 0) {
            notFound(ctx, "No step " + ctx.pathParam("n") + " in lesson " + lesson.id() + ".");
            return;
          }
          Optional<Sandbox> sandbox = protectedSandbox(ctx);
          if (sandbox.isEmpty()) {
            return;
          }
          Sandbox s = sandbox.get();
          // in the queue: the check sees the state every earlier command left, and records its pass
          // in order
          s.serially(() -> s.check(lesson.id(), lesson.step(n).orElseThrow()))
              .onComplete(
                  ar -> {
                    if (ar.failed()) {
                      ctx.fail(ar.cause());
                    } else {
                      if (ar.result().passed()) {
                        rememberPass(ctx, lesson, n, s);
                      }
                      html(
                          ctx,
                          200,
                          renderer.fragment(
                              "lesson", "check-result", Map.of("result", ar.result())));
                    }
                  });
        });
  }

  /** The browser's progress cookie learns a passed check. */
  private void rememberPass(RoutingContext ctx, Lesson lesson, int step, Sandbox sandbox) {
    Map<String, ProgressCookie.Entry> cookie = ProgressCookie.read(ctx, lessons);
    ProgressCookie.Entry e =
        ProgressCookie.merged(cookie, lesson.id(), Optional.of(sandbox.progress()));
    java.util.TreeSet<Integer> passed = new java.util.TreeSet<>(e.passed());
    passed.add(step);
    ProgressCookie.write(
        ctx,
        cookie,
        lesson.id(),
        new ProgressCookie.Entry(e.currentStep() > 0 ? e.currentStep() : step, passed),
        sessions.overHttps(ctx));
  }

  void reset(RoutingContext ctx) {
    Optional<Sandbox> sandbox = protectedSandbox(ctx);
    if (sandbox.isEmpty()) {
      return;
    }
    sandbox
        .get()
        .reset()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              Map<String, Object> model = new HashMap<>();
              model.put("notice", RESET_NOTICE);
              ctx.response().putHeader("HX-Trigger", "sandbox-reset");
              html(ctx, 200, renderer.fragment("lesson", "notice", model));
            });
  }

  void traffic(RoutingContext ctx) {
    BrowserSession browser = sessions.of(ctx);
    if (staleSandbox(ctx, browser)) {
      redirectExpired(ctx);
      return;
    }
    Optional<Sandbox> live = sessions.live(ctx);
    live.ifPresent(s -> s.trafficLens(lensFrom(ctx, s.trafficLens())));
    renderTraffic(ctx, live, null);
  }

  /**
   * The Traffic tab's choices arrive as query parameters (window, focus) and stay with the sandbox,
   * so the periodic refresh, which sends none, keeps them. Unknown values are ignored.
   */
  private static dev.trafficlab.server.sandbox.TrafficLens lensFrom(
      RoutingContext ctx, dev.trafficlab.server.sandbox.TrafficLens lens) {
    String window = ctx.request().getParam("window");
    if (window != null && List.of("change", "minute", "all").contains(window)) {
      lens = lens.withWindow(window);
    }
    String focus = ctx.request().getParam("focus");
    if (focus != null && focus.length() <= 200) {
      lens = lens.withFocus(focus.equals(lens.focus()) ? "" : focus);
    }
    return lens;
  }

  /** Clear: the Traffic tab hides what was recorded until now (the record itself stays). */
  void clearTraffic(RoutingContext ctx) {
    Optional<Sandbox> sandbox = protectedSandbox(ctx);
    if (sandbox.isEmpty()) {
      return;
    }
    Sandbox s = sandbox.get();
    s.trafficLens(s.trafficLens().withClearedAt(java.time.Instant.now()).withFocus(""));
    renderTraffic(ctx, sandbox, null);
  }

  /**
   * "Send 100 requests": productpage-v1's sidecar calls reviews 100 times, as 100 page views would,
   * with the end-user header when a user name is given, so the counts show the split the rules
   * produce.
   */
  void sendRequests(RoutingContext ctx) {
    Optional<Sandbox> sandbox = protectedSandbox(ctx);
    if (sandbox.isEmpty()) {
      return;
    }
    String user = Optional.ofNullable(ctx.request().getFormAttribute("user")).orElse("").trim();
    if (!USER.matcher(user).matches()) {
      // 200, so htmx shows the explanation beside the button.
      renderTraffic(
          ctx, sandbox, "A user name may hold letters, digits and . _ @ - only (at most 64).");
      return;
    }
    if (dataPlane == null) {
      renderTraffic(ctx, sandbox, "The data plane is not running, so no request could be sent.");
      return;
    }
    Map<String, String> headers = user.isEmpty() ? Map.of() : Map.of("end-user", user);
    RouteRequest request =
        new RouteRequest("productpage-v1", "reviews", 9080, "GET", "/reviews/0", headers);
    dataPlane
        .sendRequests(sandbox.get(), request, 100, 8)
        .onSuccess(summary -> renderTraffic(ctx, sandbox, sentMessage(summary, user)))
        .onFailure(
            err -> {
              if (err instanceof MeshBusyException busy) {
                // 429 in plain text: htmx leaves the traffic view as it is and the page shows the
                // message as a notice.
                ctx.response().putHeader("Retry-After", Long.toString(busy.retryAfterSeconds()));
                text(ctx, 429, capitalised(busy.getMessage()) + ".");
              } else {
                renderTraffic(ctx, sandbox, "Sending requests failed: " + err.getMessage());
              }
            });
  }

  private static String capitalised(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }

  private static String sentMessage(JsonObject summary, String user) {
    JsonObject s = summary.getJsonObject("summary", new JsonObject());
    JsonObject statuses = s.getJsonObject("statuses", new JsonObject());
    StringBuilder b =
        new StringBuilder("Sent 100 requests from productpage to reviews")
            .append(user.isEmpty() ? " (no user signed in)" : " as " + user)
            .append(".");
    if (!statuses.isEmpty()) {
      b.append(" Statuses: ");
      List<String> parts =
          statuses.fieldNames().stream()
              .sorted()
              .map(k -> k + " × " + statuses.getValue(k))
              .toList();
      b.append(String.join(", ", parts)).append('.');
    }
    return b.toString();
  }

  /**
   * The Traffic view; after sending, also the status line beside the button (an htmx out-of-band
   * swap).
   */
  private void renderTraffic(RoutingContext ctx, Optional<Sandbox> sandbox, String message) {
    java.util.Set<String> parts =
        message == null ? java.util.Set.of("traffic") : java.util.Set.of("traffic", "send-status");
    html(ctx, 200, renderer.fragments("lesson", parts, trafficModel(sandbox, message)));
  }

  /** A sandbox not made yet has sent nothing: its Traffic view is empty. */
  private static Map<String, Object> trafficModel(Optional<Sandbox> sandbox, String message) {
    Map<String, Object> model = new HashMap<>();
    model.put(
        "traffic",
        sandbox
            .map(
                s ->
                    TrafficView.of(
                        s.traffic().recent(TrafficView.RECORDS),
                        s.snapshot(),
                        s.trafficLens(),
                        s.config().changes(),
                        java.time.Instant.now()))
            .orElseGet(() -> TrafficView.of(List.of(), null)));
    model.put("trafficMessage", message);
    return model;
  }

  // ---- helpers

  /**
   * The browser's sandbox for a state-changing request, or empty after answering: the request must
   * carry the sandbox's CSRF token (another site can neither read nor guess it), and an Origin,
   * when sent, must be ours.
   */
  private Optional<Sandbox> protectedSandbox(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !origin.equals("null") && !sameOrigin(ctx, origin)) {
      text(ctx, 403, "This action must come from a Traffic Lab page.");
      return Optional.empty();
    }
    BrowserSession browser = sessions.of(ctx);
    if (browser.notice() != BrowserSessions.Notice.NONE || staleSandbox(ctx, browser)) {
      redirectExpired(ctx);
      return Optional.empty();
    }
    if (!CsrfGuard.presentsToken(ctx, browser.csrfToken())) {
      text(ctx, 403, "This action needs the page's CSRF token: reload the page and try again.");
      return Optional.empty();
    }
    // An action is a use: a reserved sandbox is made now (refused with 429 when this address made
    // too many).
    Optional<Sandbox> sandbox = sessions.use(ctx);
    if (sandbox.isEmpty()) {
      redirectExpired(ctx);
    }
    return sandbox;
  }

  private static boolean sameOrigin(RoutingContext ctx, String origin) {
    var authority = ctx.request().authority();
    if (authority == null) {
      return false;
    }
    String host = authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    return origin.equals("http://" + host) || origin.equals("https://" + host);
  }

  /**
   * The page says which sandbox it was built for; if the cookie now names another, that one
   * expired.
   */
  private static boolean staleSandbox(RoutingContext ctx, BrowserSession current) {
    String pageSandbox = ctx.request().getHeader("X-Sandbox-Id");
    return pageSandbox != null && !pageSandbox.equals(current.sandboxId());
  }

  private static void redirectExpired(RoutingContext ctx) {
    String url = ctx.request().getHeader("HX-Current-URL");
    String path = "/";
    if (url != null) {
      try {
        java.net.URI u = java.net.URI.create(url);
        if (u.getPath() != null && u.getPath().startsWith("/lessons/")) {
          path = u.getPath();
        }
      } catch (IllegalArgumentException ignored) {
        // a malformed header: fall back to the lesson list
      }
    }
    ctx.response().putHeader("HX-Redirect", path + "?notice=expired");
    text(ctx, 409, "Your sandbox expired; the page reloads with a fresh one.");
  }

  private static boolean isHtmx(RoutingContext ctx) {
    return "true".equals(ctx.request().getHeader("HX-Request"))
        && !"true".equals(ctx.request().getHeader("HX-History-Restore-Request"));
  }

  private static String productPageBase(RoutingContext ctx, BrowserSession sandbox) {
    String path = sandbox.productPagePath();
    String base =
        path.endsWith("/productpage")
            ? path.substring(0, path.length() - "/productpage".length())
            : path;
    var authority = ctx.request().authority();
    if (authority == null || !SAFE_HOST.matcher(authority.host()).matches()) {
      return base;
    }
    String scheme = "https".equals(ctx.request().scheme()) ? "https" : "http";
    return scheme
        + "://"
        + authority.host()
        + (authority.port() > 0 ? ":" + authority.port() : "")
        + base;
  }

  private void withLesson(RoutingContext ctx, java.util.function.Consumer<Lesson> then) {
    Optional<Lesson> lesson = lessons.lesson(ctx.pathParam("lesson"));
    if (lesson.isEmpty()) {
      notFound(ctx, "There is no lesson named \"" + ctx.pathParam("lesson") + "\".");
      return;
    }
    then.accept(lesson.get());
  }

  private static int stepNumber(RoutingContext ctx, Lesson lesson) {
    try {
      int n = Integer.parseInt(ctx.pathParam("n"));
      return n >= 1 && n <= lesson.steps().size() ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** An image of an imported scenario's folder that its pages show ({@link ScenarioImageFiles}). */
  void scenarioImage(RoutingContext ctx) {
    if (!ScenarioImageFiles.send(ctx, lessons)) {
      notFound(
          ctx,
          "Lesson \""
              + ctx.pathParam("lesson")
              + "\" has no image at that path: only the PNG, JPEG, GIF and WebP images its pages"
              + " show are served.");
    }
  }

  /**
   * Where an imported scenario's link to a port of its environment leads ({@code /lab/ports/<n>},
   * {@code /lab/ports} for Katacoda's port picker and Killercoda's traffic selector).
   */
  void scenarioPort(RoutingContext ctx) {
    String asked = ctx.pathParam("port");
    Optional<ScenarioPort> port = ScenarioPort.of(asked);
    if (asked != null && port.isEmpty()) {
      notFound(ctx, "There is no port " + asked + ": a port is a number from 1 to 65535.");
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("port", port.orElse(null));
    model.put("ingressNodePort", KatacodaHostUrls.INGRESS_NODE_PORT);
    model.put("webjars", webjars);
    model.put("assets", assets);
    html(ctx, 200, renderer.page("port", model));
  }

  private void notFound(RoutingContext ctx, String message) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("message", message);
    model.put("webjars", webjars);
    model.put("assets", assets);
    html(ctx, 404, renderer.page("error", model));
  }

  private static void html(RoutingContext ctx, int status, String body) {
    securityHeaders(ctx);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }

  private static void text(RoutingContext ctx, int status, String body) {
    securityHeaders(ctx);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }

  /** Pages allow only this origin; added unless the server already set its own policy. */
  private static void securityHeaders(RoutingContext ctx) {
    var h = ctx.response().headers();
    if (!h.contains("Content-Security-Policy")) {
      h.set(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; object-src 'none'; "
              + "base-uri 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'");
    }
    if (!h.contains("X-Content-Type-Options")) {
      h.set("X-Content-Type-Options", "nosniff");
    }
    if (!h.contains("Referrer-Policy")) {
      h.set("Referrer-Policy", "same-origin");
    }
    if (!h.contains("X-Frame-Options")) {
      h.set("X-Frame-Options", "SAMEORIGIN");
    }
  }
}
