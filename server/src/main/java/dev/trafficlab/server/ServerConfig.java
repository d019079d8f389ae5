package dev.trafficlab.server;

import java.time.Duration;
import java.util.Map;

/** Settings read once at start-up; every value has a default so the jar runs with no configuration. */
public record ServerConfig(String host, int port, Duration sandboxIdleTimeout, int maxSandboxes) {

  public static ServerConfig fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("HOST", "127.0.0.1");
    int port = parseInt(env.get("PORT"), 8080, "PORT");
    long idleMinutes = parseInt(env.get("SANDBOX_IDLE_MINUTES"), 120, "SANDBOX_IDLE_MINUTES");
    int max = parseInt(env.get("MAX_SANDBOXES"), 2000, "MAX_SANDBOXES");
    return new ServerConfig(host, port, Duration.ofMinutes(idleMinutes), max);
  }

  private static int parseInt(String value, int fallback, String name) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
    }
  }
}
