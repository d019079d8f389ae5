package dev.trafficlab.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

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
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
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
}
