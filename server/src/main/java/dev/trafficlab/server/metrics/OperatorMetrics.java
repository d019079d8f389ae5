package dev.trafficlab.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Operator metrics (METRICS=true), in Prometheus format on {@link #PATH} of the app's port, or of a
 * port of their own (METRICS_PORT): Vert.x's own meters (HTTP server requests by route, method and
 * code, with their latency; pools; JVM) plus the app's: active sandboxes, sandboxes created and
 * expired, commands run, product pages served by the data plane, and each event loop's delay. The
 * app's counters go to Micrometer's global registry, which does nothing until {@link #start} adds
 * Vert.x's Prometheus registry to it: with metrics off they cost a no-op call.
 */
public final class OperatorMetrics {
  public static final String PATH = "/metrics";
  static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final String probes;
  private HttpServer listener;

  private OperatorMetrics(Vertx vertx, MeterRegistry registry, String probes) {
    this.vertx = vertx;
    this.registry = registry;
    this.probes = probes;
  }

  /** A Vert.x whose HTTP servers, clients and pools report to a Prometheus registry. */
  public static Vertx vertx(VertxOptions options) {
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
            // The route pattern (/api/sandboxes/:id/exec), never the path: ids stay out of labels.
            // Pools by type and name, as Vert.x's HTTP client pool always labels its own.
            .setLabels(
                EnumSet.of(
                    Label.HTTP_ROUTE,
                    Label.HTTP_METHOD,
                    Label.HTTP_CODE,
                    Label.POOL_TYPE,
                    Label.POOL_NAME));
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory())
        .build();
  }

  /**
   * Starts the app's meters on the Vert.x's Prometheus registry (a Vert.x made by {@link #vertx}).
   */
  public static Future<OperatorMetrics> start(Vertx vertx, IntSupplier activeSandboxes) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      return Future.failedFuture("METRICS=true but Vert.x was started without Micrometer metrics");
    }
    Metrics.addRegistry(registry);
    // A Supplier gauge holds its source strongly (an object gauge would hold it weakly).
    Gauge.builder("trafficlab.sandboxes.active", activeSandboxes::getAsInt)
        .description("Sandboxes alive now")
        .register(registry);
    Timer delay =
        Timer.builder("trafficlab.eventloop.delay")
            .description(
                "How late a timer set every "
                    + PROBE_INTERVAL.toMillis()
                    + " ms fires on an event loop: the time a task there waits")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    // One probe per event loop: Vert.x gives each instance the next loop in turn.
    int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    return vertx
        .deployVerticle(
            () -> new DelayProbe(delay),
            new DeploymentOptions()
                .setInstances(loops)
                .setThreadingModel(ThreadingModel.EVENT_LOOP))
        .map(id -> new OperatorMetrics(vertx, registry, id))
        .onFailure(err -> Metrics.removeRegistry(registry));
  }

  /** Serves the scrape on {@link #PATH}. */
  public static void mount(Router router) {
    router.get(PATH).handler(PrometheusScrapingHandler.create());
  }

  /**
   * Serves the scrape alone on a port of its own (METRICS_PORT): {@link #PATH}, nothing else. Its
   * answer is the port it listens on (the one asked for, or the one found for 0).
   */
  public Future<Integer> listen(String host, int port) {
    Router router = Router.router(vertx);
    mount(router);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port, host)
        .map(
            server -> {
              listener = server;
              return server.actualPort();
            });
  }

  /** The port of the scrape's own listener, -1 when it is served on the app's. */
  public int port() {
    return listener == null ? -1 : listener.actualPort();
  }

  // Not "...created": Prometheus reserves the _created suffix and the registry would drop it.
  public static void sandboxCreated() {
    Metrics.counter("trafficlab.sandbox.creations").increment();
  }

  /** A stored sandbox brought back into memory on its first use since a restart or an eviction. */
  public static void sandboxRestored() {
    Metrics.counter("trafficlab.sandbox.restores").increment();
  }

  public static void sandboxesExpired(int count) {
    Metrics.counter("trafficlab.sandbox.expirations").increment(count);
  }

  public static void commandRun() {
    Metrics.counter("trafficlab.commands").increment();
  }

  public static void productPageServed() {
    Metrics.counter("trafficlab.dataplane.pages").increment();
  }

  public Future<Void> close() {
    Metrics.removeRegistry(registry);
    Future<Void> closed = listener == null ? Future.succeededFuture() : listener.close();
    return closed.compose(v -> vertx.undeploy(probes));
  }

  /** Measures how late its loop runs a periodic timer. */
  private static final class DelayProbe extends VerticleBase {
    private final Timer delay;
    private long expected;

    DelayProbe(Timer delay) {
      this.delay = delay;
    }

    @Override
    public Future<?> start() {
      long interval = PROBE_INTERVAL.toNanos();
      expected = System.nanoTime() + interval;
      vertx.setPeriodic(
          PROBE_INTERVAL.toMillis(),
          id -> {
            long now = System.nanoTime();
            delay.record(Math.max(0, now - expected), TimeUnit.NANOSECONDS);
            expected = now + interval;
          });
      return Future.succeededFuture();
    }
  }
}
