package dev.trafficlab.server;

import java.time.Duration;
import java.util.Map;

/**
 * Settings read once at start-up; every value has a default so the jar runs with no configuration.
 *
 * @param sandboxIdleTimeout      a sandbox unused this long is removed (SANDBOX_IDLE_MINUTES, default 120; or
 *                                SANDBOX_IDLE_SECONDS, which wins when set: the soak benchmark expires sandboxes
 *                                within its few minutes)
 * @param maxSandboxes            total cap; creating one more evicts the least recently used (MAX_SANDBOXES)
 * @param sandboxCreationsPerMinute steady rate of new sandboxes one client address may create
 *                                (SANDBOX_CREATIONS_PER_MINUTE, default 30)
 * @param sandboxCreationBurst    how many it may create at once before the rate applies (SANDBOX_CREATION_BURST,
 *                                default 100; a test suite or a classroom behind one NAT starts many at once)
 * @param trustForwardedFor       take the client address from X-Forwarded-For (TRUST_PROXY=true), only safe
 *                                behind a reverse proxy that sets it
 */
public record ServerConfig(String host, int port, Duration sandboxIdleTimeout, int maxSandboxes,
    int sandboxCreationsPerMinute, int sandboxCreationBurst, boolean trustForwardedFor) {

  public static final int DEFAULT_CREATIONS_PER_MINUTE = 60;
  public static final int DEFAULT_CREATION_BURST = 200;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be between 0 and 65535, got " + port);
    }
    if (sandboxIdleTimeout.isNegative() || sandboxIdleTimeout.isZero()) {
      throw new IllegalArgumentException("SANDBOX_IDLE_MINUTES (or SANDBOX_IDLE_SECONDS) must be at least 1");
    }
    if (maxSandboxes < 1) {
      throw new IllegalArgumentException("MAX_SANDBOXES must be at least 1, got " + maxSandboxes);
    }
    if (sandboxCreationsPerMinute < 1 || sandboxCreationBurst < 1) {
      throw new IllegalArgumentException("SANDBOX_CREATIONS_PER_MINUTE and SANDBOX_CREATION_BURST must be at least 1");
    }
  }

  /** The original four settings, with the default creation rate limit and no proxy trust. */
  public ServerConfig(String host, int port, Duration sandboxIdleTimeout, int maxSandboxes) {
    this(host, port, sandboxIdleTimeout, maxSandboxes, DEFAULT_CREATIONS_PER_MINUTE, DEFAULT_CREATION_BURST, false);
  }

  public static ServerConfig fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("HOST", "127.0.0.1");
    int port = parseInt(env.get("PORT"), 8080, "PORT");
    long idleMinutes = parseInt(env.get("SANDBOX_IDLE_MINUTES"), 120, "SANDBOX_IDLE_MINUTES");
    int idleSeconds = parseInt(env.get("SANDBOX_IDLE_SECONDS"), 0, "SANDBOX_IDLE_SECONDS");
    Duration idle = env.get("SANDBOX_IDLE_SECONDS") == null || env.get("SANDBOX_IDLE_SECONDS").isBlank()
        ? Duration.ofMinutes(idleMinutes) : Duration.ofSeconds(idleSeconds);
    int max = parseInt(env.get("MAX_SANDBOXES"), 2000, "MAX_SANDBOXES");
    int perMinute = parseInt(env.get("SANDBOX_CREATIONS_PER_MINUTE"), DEFAULT_CREATIONS_PER_MINUTE,
        "SANDBOX_CREATIONS_PER_MINUTE");
    int burst = parseInt(env.get("SANDBOX_CREATION_BURST"), DEFAULT_CREATION_BURST, "SANDBOX_CREATION_BURST");
    boolean trustProxy = "true".equalsIgnoreCase(env.getOrDefault("TRUST_PROXY", "false").trim());
    return new ServerConfig(host, port, idle, max, perMinute, burst, trustProxy);
  }

  /** A copy with another port (tests listen on 0). */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, sandboxIdleTimeout, maxSandboxes, sandboxCreationsPerMinute,
        sandboxCreationBurst, trustForwardedFor);
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
