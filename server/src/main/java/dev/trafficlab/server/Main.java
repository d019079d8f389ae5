package dev.trafficlab.server;

import dev.trafficlab.server.metrics.OperatorMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/**
 * Starts Traffic Lab: reads its settings from the environment and serves until the process ends.
 */
public final class Main {
  /**
   * One line per record for java.util.logging, the one backend of the process (Thymeleaf, Netty and
   * Vert.x reach it through SLF4J): time, level, logger, message, then the stack trace of an error.
   */
  static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n";

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("check-lessons")) {
      System.exit(
          dev.trafficlab.server.lessons.CheckLessons.run(
              java.util.List.of(args).subList(1, args.length), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals(ClassArchiveRun.COMMAND)) {
      System.exit(ClassArchiveRun.run(System.getenv(), System.out, System.err));
      return;
    }
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    ServerConfig config;
    try {
      config = ServerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Traffic Lab could not start: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Netty's epoll transport where it loads (Linux): a product page is five loopback HTTP
    // exchanges, and epoll
    // served about a fifth more pages per CPU-second than NIO (docs/benchmarks.md). Elsewhere
    // Vert.x uses NIO.
    VertxOptions options = blockedThreadChecker(new VertxOptions().setPreferNativeTransport(true));
    Vertx vertx = config.metrics() ? OperatorMetrics.vertx(options) : Vertx.vertx(options);
    TrafficLabServer.start(vertx, config)
        .onSuccess(
            server -> {
              System.out.println(
                  "Traffic Lab listening on http://"
                      + config.host()
                      + ":"
                      + server.port()
                      + " ("
                      + (vertx.isNativeTransportEnabled() ? "epoll" : "nio")
                      + " transport, "
                      + server.listeners()
                      + " event loops) with "
                      + config.describe());
              System.out.println(server.startupTimes());
              if (server.metricsPort() > 0) {
                System.out.println(
                    "Operator metrics on http://"
                        + config.host()
                        + ":"
                        + server.metricsPort()
                        + OperatorMetrics.PATH);
              }
              // Waits for the graceful stop, which also syncs the sandbox store and marks its file
              // clean.
              Runtime.getRuntime()
                  .addShutdownHook(new Thread(() -> stopGracefully(server), "graceful-stop"));
            })
        .onFailure(
            err -> {
              System.err.println("Traffic Lab could not start: " + err.getMessage());
              vertx.close();
              System.exit(1);
            });
  }

  /**
   * On SIGTERM (a rolling restart, docker stop): no new connections, the requests in flight finish,
   * then the process exits. Waiting here is on the JVM's shutdown thread, not an event loop.
   */
  private static void stopGracefully(TrafficLabServer server) {
    try {
      server
          .shutdown(SHUTDOWN_GRACE)
          .toCompletionStage()
          .toCompletableFuture()
          .get(SHUTDOWN_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("Traffic Lab did not stop cleanly: " + e);
    }
  }

  /** Long enough for any API call or page; a terminal's WebSocket is cut after it. */
  private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(10);

  /**
   * Vert.x warns ("Thread ... has been blocked for ...") when an event loop runs one task longer
   * than its limit (2 s by default). -Dtrafficlab.maxEventLoopExecuteMs,
   * -Dtrafficlab.blockedThreadCheckMs and -Dtrafficlab.warningExceptionMs (stack trace after)
   * tighten it: benchmarks/load/attacks.py runs the server at 100 ms to prove no request holds a
   * loop that long.
   */
  static VertxOptions blockedThreadChecker(VertxOptions options) {
    Long max = Long.getLong("trafficlab.maxEventLoopExecuteMs");
    if (max != null) {
      options.setMaxEventLoopExecuteTime(max).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    }
    Long interval = Long.getLong("trafficlab.blockedThreadCheckMs");
    if (interval != null) {
      options
          .setBlockedThreadCheckInterval(interval)
          .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
    }
    // with a stack trace after this long (Vert.x's default is 5 s), to see what held the loop
    Long trace = Long.getLong("trafficlab.warningExceptionMs");
    if (trace != null) {
      options.setWarningExceptionTime(trace).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }
    return options;
  }
}
