package dev.trafficlab.server;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.ingress.ProductPageEdge;
import dev.trafficlab.server.api.ApiRoutes;
import dev.trafficlab.server.durable.SandboxStateCodec;
import dev.trafficlab.server.durable.SandboxVault;
import dev.trafficlab.server.durable.VaultSandboxStore;
import dev.trafficlab.server.durable.Vaults;
import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.http.ErrorResponses;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.http.SecurityHeaders;
import dev.trafficlab.server.http.StoredSandboxes;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.metrics.OperatorMetrics;
import dev.trafficlab.server.sandbox.CreationRateLimiter;
import dev.trafficlab.server.sandbox.InMemorySandboxRegistry;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import dev.trafficlab.server.sandbox.SharedKeys;
import dev.trafficlab.server.session.TerminalSocket;
import dev.trafficlab.server.web.LessonPages;
import dev.trafficlab.server.web.WebRoutes;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.completion.Completer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.LoggerFormat;
import io.vertx.ext.web.handler.LoggerHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Wires the routes of the web app (API, product pages, pages) and binds the HTTP server. */
public final class TrafficLabServer {
  private final Vertx vertx;
  private final WebListener web;
  private final BookinfoMesh mesh;
  private final SandboxRegistry sandboxes;
  private final long expiryTimer;
  private final OperatorMetrics metrics;
  private final Optional<SandboxVault> vault;
  private final StartupTimes times;
  private Future<Void> stopped;

  private TrafficLabServer(
      Vertx vertx,
      WebListener web,
      BookinfoMesh mesh,
      SandboxRegistry sandboxes,
      long expiryTimer,
      OperatorMetrics metrics,
      Optional<SandboxVault> vault,
      StartupTimes times) {
    this.vertx = vertx;
    this.times = times;
    this.web = web;
    this.mesh = mesh;
    this.sandboxes = sandboxes;
    this.expiryTimer = expiryTimer;
    this.metrics = metrics;
    this.vault = vault;
  }

  public static Future<TrafficLabServer> start(Vertx vertx, ServerConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /**
   * Starts with the given clock: sandbox times, idle expiry and rate limits all read it (tests move
   * it).
   */
  public static Future<TrafficLabServer> start(Vertx vertx, ServerConfig config, Clock clock) {
    StartupTimes times = new StartupTimes();
    // Reading the lesson files, compiling the start state and the pages' templates is blocking work
    // done once: on a worker thread, never on an event loop. The sandbox store is opened, and its
    // shared secrets read, meanwhile on the store's own thread (a store that was not closed cleanly
    // takes a moment to open); no stored sandbox is read at start: each comes back on first use.
    Future<Optional<SandboxVault>> vault =
        Vaults.open(vertx, config.dataDir(), config.redisUrl(), config.sandboxIdleTimeout(), clock)
            .onSuccess(v -> times.mark("store opened"));
    Future<Optional<SharedKeys>> secrets =
        vault.compose(
            v ->
                v.isEmpty()
                    ? Future.succeededFuture(Optional.<SharedKeys>empty())
                    : VaultSandboxStore.sharedKeys(v.get()).map(Optional::of));
    // The three are independent: started together, so the lessons (the longest) do not wait for
    // the workloads' listeners.
    Future<LessonCatalog> lessons =
        vertx
            .executeBlocking(() -> lessons(config, clock))
            .onSuccess(l -> times.mark("lessons read"));
    Future<BookinfoMesh> mesh =
        BookinfoMesh.start(vertx).onSuccess(m -> times.mark("mesh started"));
    return Future.all(mesh, lessons, secrets)
        .compose(
            all ->
                vertx.executeBlocking(
                    () ->
                        services(
                            vertx,
                            config,
                            clock,
                            mesh.result(),
                            lessons.result(),
                            vault.result().orElse(null),
                            secrets.result().orElse(null))))
        .onFailure(
            err -> {
              // what did start is stopped, also when it ends after the failure
              mesh.onSuccess(BookinfoMesh::close);
              vault.onSuccess(v -> v.ifPresent(SandboxVault::close));
            })
        .onSuccess(app -> times.mark("sandboxes ready"))
        .compose(
            app -> {
              long timer =
                  vertx.setPeriodic(
                      sweepInterval(config.sandboxIdleTimeout()).toMillis(),
                      id -> OperatorMetrics.sandboxesExpired(app.sandboxes().expireIdle()));
              Future<LessonPages> pages = WebRoutes.load(vertx, app.sessions(), app.mesh());
              Future<OperatorMetrics> metrics =
                  config.metrics()
                      ? OperatorMetrics.start(vertx, app.sandboxes()::size)
                          .compose(
                              m ->
                                  config.metricsPort() == null
                                      ? Future.succeededFuture(m)
                                      : m.listen(config.host(), config.metricsPort())
                                          .map(port -> m)
                                          .recover(
                                              err ->
                                                  m.close().compose(v -> Future.failedFuture(err))))
                      : Future.succeededFuture();
              return metrics
                  .compose(
                      m ->
                          WebListener.deploy(vertx, config, () -> router(vertx, app, pages, config))
                              .onSuccess(web -> times.mark("listening"))
                              .compose(
                                  web ->
                                      WarmUp.firstRequest(vertx, config.host(), web.port())
                                          .map(
                                              v ->
                                                  new TrafficLabServer(
                                                      vertx,
                                                      web,
                                                      app.mesh(),
                                                      app.sandboxes(),
                                                      timer,
                                                      m,
                                                      app.vault(),
                                                      times))))
                  .onFailure(
                      err -> {
                        vertx.cancelTimer(timer);
                        if (metrics.succeeded() && metrics.result() != null) {
                          metrics.result().close();
                        }
                        app.mesh().close();
                        app.vault().ifPresent(SandboxVault::close);
                      });
            });
  }

  /**
   * What every event loop's router shares: all of it is safe to use from several event loops at
   * once.
   */
  private record Services(
      BookinfoMesh mesh,
      SandboxRegistry sandboxes,
      BrowserSessions sessions,
      Shell shell,
      Optional<SandboxVault> vault) {}

  /** Every lesson's pages, files and compiled start state, read once: sandboxes share them. */
  private static LessonCatalog lessons(ServerConfig config, Clock clock) {
    WarmUp.flightRecorder();
    // Brotli's native library is unpacked from the jar to a temporary file on first use: here, on
    // a worker thread, rather than on the event loop that sets up the listeners.
    io.netty.handler.codec.compression.Brotli.isAvailable();
    return LessonCatalog.load(config.lessonsDirs(), clock);
  }

  private static Services services(
      Vertx vertx,
      ServerConfig config,
      Clock clock,
      BookinfoMesh mesh,
      LessonCatalog lessons,
      SandboxVault vault,
      SharedKeys keys) {
    CreationRateLimiter limiter =
        new CreationRateLimiter(
            clock, config.sandboxCreationsPerMinute(), config.sandboxCreationBurst());
    InMemorySandboxRegistry sandboxes =
        vault == null
            ? new InMemorySandboxRegistry(
                clock, config.sandboxIdleTimeout(), config.maxSandboxes(), lessons, mesh, limiter)
            : new InMemorySandboxRegistry(
                clock,
                config.sandboxIdleTimeout(),
                config.maxSandboxes(),
                lessons,
                mesh,
                limiter,
                new VaultSandboxStore(
                    vertx,
                    vault,
                    new SandboxStateCodec(lessons),
                    mesh,
                    clock,
                    config.sandboxIdleTimeout()),
                keys);
    return new Services(
        mesh,
        sandboxes,
        new BrowserSessions(sandboxes, config.forwardedHops()),
        new Shell(StandardCommands.all(), vertx, clock),
        Optional.ofNullable(vault));
  }

  /**
   * One event loop's routes; the handlers' state lives in {@code app} and {@code pages}, shared by
   * all loops.
   */
  private static Router router(
      Vertx vertx, Services app, Future<LessonPages> pages, ServerConfig config) {
    Router router = Router.router(vertx);
    if (config.accessLog()) {
      router.route().handler(LoggerHandler.create(LoggerFormat.DEFAULT));
    }
    router.route().handler(new SecurityHeaders());
    if (app.vault().isPresent()) {
      router.route().handler(new StoredSandboxes(app.sessions()));
    }
    router
        .get("/health")
        .handler(ctx -> JsonReply.send(ctx, 200, new JsonObject().put("status", "UP")));
    if (config.metrics() && config.metricsPort() == null) {
      OperatorMetrics.mount(router);
    }
    ApiRoutes api = ApiRoutes.mount(router, app.sessions(), app.shell(), config.adminToken());
    new TerminalSocket(app.sessions(), app.shell(), new Completer(StandardCommands.all().keySet()))
        .mount(router);
    // A product page view is a use: a reserved sandbox is made here (rate-limited per address),
    // then served.
    router
        .route(SecurityHeaders.FRAMEABLE_PREFIX + ":pageKey/*")
        .handler(
            ctx -> {
              app.sandboxes()
                  .useByPageKey(
                      ProductPageEdge.pageKeyOf(ctx.pathParam("pageKey")),
                      app.sessions().clientAddress(ctx))
                  .filter(s -> changesUser(ctx))
                  .ifPresent(Sandbox::userChanged);
              OperatorMetrics.productPageServed();
              ctx.next();
            });
    app.mesh().mountProductPage(router, key -> app.sandboxes().byPageKey(key).orElse(null));
    WebRoutes.mount(vertx, router, pages);
    api.finish();
    router.route().last().failureHandler(ErrorResponses.any());
    return router;
  }

  /** A sign-in (POST .../login) or sign-out (.../logout) on a product page. */
  private static boolean changesUser(io.vertx.ext.web.RoutingContext ctx) {
    String path = ctx.request().path();
    return (path.endsWith("/login") && ctx.request().method() == io.vertx.core.http.HttpMethod.POST)
        || path.endsWith("/logout");
  }

  /**
   * Often enough that a sandbox outlives its idle time by at most a quarter of it (and a minute at
   * most).
   */
  static Duration sweepInterval(Duration idleTimeout) {
    Duration quarter = idleTimeout.dividedBy(4);
    Duration interval =
        quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
  }

  public int port() {
    return web.port();
  }

  /** How long the start took, step by step (the line Main prints once listening). */
  public String startupTimes() {
    return times.describe();
  }

  /** How many event loops serve browser traffic (one listener each, sharing the port). */
  public int listeners() {
    return web.listeners();
  }

  public SandboxRegistry sandboxes() {
    return sandboxes;
  }

  /** The port operator metrics are served on alone (METRICS_PORT), -1 when there is none. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  public Future<Void> close() {
    return stop(() -> web.close());
  }

  /**
   * Stops as a server being restarted behind a load balancer should: refuses new connections at
   * once, finishes the requests in flight (for at most {@code grace}), then closes.
   */
  public Future<Void> shutdown(Duration grace) {
    return stop(() -> web.shutdown(grace));
  }

  /** Stops once; a second call (a shutdown hook after a test's close) answers the first's end. */
  private synchronized Future<Void> stop(java.util.function.Supplier<Future<Void>> stopWeb) {
    if (stopped != null) {
      return stopped;
    }
    stopped = stopping(stopWeb.get());
    return stopped;
  }

  private Future<Void> stopping(Future<Void> webStopped) {
    vertx.cancelTimer(expiryTimer);
    Future<Void> meshClosed = webStopped.compose(v -> mesh.close());
    Future<Void> measured = metrics == null ? meshClosed : meshClosed.compose(v -> metrics.close());
    return vault.isEmpty() ? measured : measured.eventually(() -> vault.get().close());
  }
}
