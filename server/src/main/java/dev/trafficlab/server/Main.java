package dev.trafficlab.server;

import io.vertx.core.Vertx;

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
    Vertx vertx = Vertx.vertx();
    TrafficLabServer.start(vertx, config)
        .onSuccess(server -> {
          System.out.println("Traffic Lab listening on http://" + config.host() + ":" + server.port());
          Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
        })
        .onFailure(err -> {
          System.err.println("Traffic Lab could not start: " + err.getMessage());
          vertx.close();
          System.exit(1);
        });
  }
}
