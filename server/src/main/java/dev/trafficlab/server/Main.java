package dev.trafficlab.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/** Starts Traffic Lab: reads PORT and HOST from the environment and serves until the process ends. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ServerConfig config;
    try {
      config = ServerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Traffic Lab could not start: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Netty's epoll transport where it loads (Linux): a product page is five loopback HTTP exchanges, and epoll
    // served about a fifth more pages per CPU-second than NIO (docs/benchmarks.md). Elsewhere Vert.x uses NIO.
    Vertx vertx = Vertx.vertx(blockedThreadChecker(new VertxOptions().setPreferNativeTransport(true)));
    TrafficLabServer.start(vertx, config)
        .onSuccess(server -> {
          System.out.println("Traffic Lab listening on http://" + config.host() + ":" + server.port() + " ("
              + (vertx.isNativeTransportEnabled() ? "epoll" : "nio") + " transport, " + server.listeners()
              + " event loops)");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
        })
        .onFailure(err -> {
          System.err.println("Traffic Lab could not start: " + err.getMessage());
          vertx.close();
          System.exit(1);
        });
  }

  /**
   * Vert.x warns ("Thread ... has been blocked for ...") when an event loop runs one task longer than its limit
   * (2 s by default). -Dtrafficlab.maxEventLoopExecuteMs, -Dtrafficlab.blockedThreadCheckMs and
   * -Dtrafficlab.warningExceptionMs (stack trace after) tighten it: benchmarks/load/attacks.py runs the server at
   * 100 ms to prove no request holds a loop that long.
   */
  static VertxOptions blockedThreadChecker(VertxOptions options) {
    Long max = Long.getLong("trafficlab.maxEventLoopExecuteMs");
    if (max != null) {
      options.setMaxEventLoopExecuteTime(max).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    }
    Long interval = Long.getLong("trafficlab.blockedThreadCheckMs");
    if (interval != null) {
      options.setBlockedThreadCheckInterval(interval).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
    }
    // with a stack trace after this long (Vert.x's default is 5 s), to see what held the loop
    Long trace = Long.getLong("trafficlab.warningExceptionMs");
    if (trace != null) {
      options.setWarningExceptionTime(trace).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }
    return options;
  }
}
