package dev.trafficlab.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings read once at start-up; every value has a default so the jar runs with no configuration.
 *
 * @param sandboxIdleTimeout a sandbox unused this long is removed (SANDBOX_IDLE_MINUTES, default
 *     120; or SANDBOX_IDLE_SECONDS, which wins when set: the soak benchmark expires sandboxes
 *     within its few minutes)
 * @param maxSandboxes total cap; creating one more evicts the least recently used (MAX_SANDBOXES)
 * @param sandboxCreationsPerMinute steady rate of new sandboxes one client address may create
 *     (SANDBOX_CREATIONS_PER_MINUTE, default 60)
 * @param sandboxCreationBurst how many it may create at once before the rate applies
 *     (SANDBOX_CREATION_BURST, default 200; a test suite or a classroom behind one NAT starts many
 *     at once)
 * @param trustForwardedFor take the client address from X-Forwarded-For (TRUST_PROXY=true), only
 *     safe behind a reverse proxy that sets it
 * @param trustedProxyHops how many proxies append to X-Forwarded-For (TRUSTED_PROXY_HOPS, default
 *     1): the client address is that many entries from the right, never one the client wrote
 * @param connectionIdleTimeout a connection with no traffic this long is closed
 *     (CONNECTION_IDLE_SECONDS, 120)
 * @param requestHeaderTimeout a connection must deliver a complete request head this soon after
 *     opening or after its last answer (REQUEST_HEADER_SECONDS, default 10)
 * @param maxConnectionsPerAddress open connections one peer address may hold
 *     (MAX_CONNECTIONS_PER_ADDRESS, default 256; IPv6 per /64; not applied behind a trusted proxy)
 * @param lessonsDir a scenarios folder to read the lessons from instead of the ones packaged in the
 *     jar (LESSONS_DIR; null: the packaged lessons)
 * @param accessLog log one line per HTTP request (ACCESS_LOG=true; off by default)
 * @param metrics serve operator metrics in Prometheus format on /metrics (METRICS=true; off by
 *     default)
 * @param metricsPort serve them on this port of HOST instead, alone, so the scrape need not pass
 *     the public listener (METRICS_PORT, which turns metrics on; null: on PORT's /metrics)
 * @param dataDir the directory sandboxes are kept in, so they survive a restart (DATA_DIR, default
 *     {@code ./data}, created on start; set empty for memory only: null here)
 * @param redisUrl keep sandboxes in this Redis, shared by every server given the same URL
 *     (REDIS_URL, {@code redis://host:port}; it takes precedence over DATA_DIR; null: not in Redis)
 */
public record ServerConfig(
    String host,
    int port,
    Duration sandboxIdleTimeout,
    int maxSandboxes,
    int sandboxCreationsPerMinute,
    int sandboxCreationBurst,
    boolean trustForwardedFor,
    int trustedProxyHops,
    Duration connectionIdleTimeout,
    Duration requestHeaderTimeout,
    int maxConnectionsPerAddress,
    Path lessonsDir,
    boolean accessLog,
    boolean metrics,
    Integer metricsPort,
    Path dataDir,
    String redisUrl) {

  /** Where sandboxes are kept when DATA_DIR is not set. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  public static final int DEFAULT_CREATIONS_PER_MINUTE = 60;
  public static final int DEFAULT_CREATION_BURST = 200;
  public static final Duration DEFAULT_CONNECTION_IDLE = Duration.ofSeconds(120);
  public static final Duration DEFAULT_REQUEST_HEADER = Duration.ofSeconds(10);
  public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be between 0 and 65535, got " + port);
    }
    if (sandboxIdleTimeout.isNegative() || sandboxIdleTimeout.isZero()) {
      throw new IllegalArgumentException(
          "SANDBOX_IDLE_MINUTES (or SANDBOX_IDLE_SECONDS) must be at least 1");
    }
    if (maxSandboxes < 1) {
      throw new IllegalArgumentException("MAX_SANDBOXES must be at least 1, got " + maxSandboxes);
    }
    if (sandboxCreationsPerMinute < 1 || sandboxCreationBurst < 1) {
      throw new IllegalArgumentException(
          "SANDBOX_CREATIONS_PER_MINUTE and SANDBOX_CREATION_BURST must be at least 1");
    }
    if (trustedProxyHops < 1) {
      throw new IllegalArgumentException(
          "TRUSTED_PROXY_HOPS must be at least 1, got " + trustedProxyHops);
    }
    if (connectionIdleTimeout.getSeconds() < 1 || requestHeaderTimeout.getSeconds() < 1) {
      throw new IllegalArgumentException(
          "CONNECTION_IDLE_SECONDS and REQUEST_HEADER_SECONDS must be at least 1");
    }
    if (maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException(
          "MAX_CONNECTIONS_PER_ADDRESS must be at least 1, got " + maxConnectionsPerAddress);
    }
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new IllegalArgumentException(
          "METRICS_PORT must be between 0 and 65535, got " + metricsPort);
    }
    if (metricsPort != null && metricsPort != 0 && metricsPort == port) {
      throw new IllegalArgumentException(
          "METRICS_PORT must differ from PORT ("
              + port
              + "): leave it unset to serve /metrics there");
    }
    if (redisUrl != null) {
      RedisUrl.check(redisUrl);
    }
  }

  /** All settings but REDIS_URL: sandboxes are not kept in Redis. */
  public ServerConfig(
      String host,
      int port,
      Duration sandboxIdleTimeout,
      int maxSandboxes,
      int sandboxCreationsPerMinute,
      int sandboxCreationBurst,
      boolean trustForwardedFor,
      int trustedProxyHops,
      Duration connectionIdleTimeout,
      Duration requestHeaderTimeout,
      int maxConnectionsPerAddress,
      Path lessonsDir,
      boolean accessLog,
      boolean metrics,
      Integer metricsPort,
      Path dataDir) {
    this(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        metrics,
        metricsPort,
        dataDir,
        null);
  }

  /**
   * The same settings with sandboxes kept in the Redis at {@code url} (which takes precedence over
   * DATA_DIR).
   */
  public ServerConfig withRedisUrl(String url) {
    return new ServerConfig(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        metrics,
        metricsPort,
        dataDir,
        url);
  }

  /** All settings but DATA_DIR: sandboxes live in memory only. */
  public ServerConfig(
      String host,
      int port,
      Duration sandboxIdleTimeout,
      int maxSandboxes,
      int sandboxCreationsPerMinute,
      int sandboxCreationBurst,
      boolean trustForwardedFor,
      int trustedProxyHops,
      Duration connectionIdleTimeout,
      Duration requestHeaderTimeout,
      int maxConnectionsPerAddress,
      Path lessonsDir,
      boolean accessLog,
      boolean metrics,
      Integer metricsPort) {
    this(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        metrics,
        metricsPort,
        null);
  }

  /** The same settings with sandboxes kept under this directory (null: in memory only). */
  public ServerConfig withDataDir(Path dataDir) {
    return new ServerConfig(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        metrics,
        metricsPort,
        dataDir,
        redisUrl);
  }

  /** All settings but METRICS_PORT: metrics, when on, are served on PORT's /metrics. */
  public ServerConfig(
      String host,
      int port,
      Duration sandboxIdleTimeout,
      int maxSandboxes,
      int sandboxCreationsPerMinute,
      int sandboxCreationBurst,
      boolean trustForwardedFor,
      int trustedProxyHops,
      Duration connectionIdleTimeout,
      Duration requestHeaderTimeout,
      int maxConnectionsPerAddress,
      Path lessonsDir,
      boolean accessLog,
      boolean metrics) {
    this(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        metrics,
        null);
  }

  /** All settings but METRICS, which is off. */
  public ServerConfig(
      String host,
      int port,
      Duration sandboxIdleTimeout,
      int maxSandboxes,
      int sandboxCreationsPerMinute,
      int sandboxCreationBurst,
      boolean trustForwardedFor,
      int trustedProxyHops,
      Duration connectionIdleTimeout,
      Duration requestHeaderTimeout,
      int maxConnectionsPerAddress,
      Path lessonsDir,
      boolean accessLog) {
    this(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        false);
  }

  /** The same settings with operator metrics on. */
  public ServerConfig withMetrics() {
    return new ServerConfig(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        true,
        metricsPort,
        dataDir,
        redisUrl);
  }

  /** The same settings with operator metrics on, served alone on {@code metricsPort} (0: any). */
  public ServerConfig withMetricsPort(int metricsPort) {
    return new ServerConfig(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        trustedProxyHops,
        connectionIdleTimeout,
        requestHeaderTimeout,
        maxConnectionsPerAddress,
        lessonsDir,
        accessLog,
        true,
        metricsPort,
        dataDir,
        redisUrl);
  }

  /**
   * The first seven settings, with the default connection limits, one trusted proxy hop, the
   * packaged lessons and no access log.
   */
  public ServerConfig(
      String host,
      int port,
      Duration sandboxIdleTimeout,
      int maxSandboxes,
      int sandboxCreationsPerMinute,
      int sandboxCreationBurst,
      boolean trustForwardedFor) {
    this(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        sandboxCreationsPerMinute,
        sandboxCreationBurst,
        trustForwardedFor,
        1,
        DEFAULT_CONNECTION_IDLE,
        DEFAULT_REQUEST_HEADER,
        DEFAULT_CONNECTIONS_PER_ADDRESS,
        null,
        false);
  }

  /** How many X-Forwarded-For entries from the right to believe: none unless TRUST_PROXY is on. */
  public int forwardedHops() {
    return trustForwardedFor ? trustedProxyHops : 0;
  }

  /** The original four settings, with the default creation rate limit and no proxy trust. */
  public ServerConfig(String host, int port, Duration sandboxIdleTimeout, int maxSandboxes) {
    this(
        host,
        port,
        sandboxIdleTimeout,
        maxSandboxes,
        DEFAULT_CREATIONS_PER_MINUTE,
        DEFAULT_CREATION_BURST,
        false);
  }

  public static ServerConfig fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("HOST", "127.0.0.1");
    int port = parseInt(env.get("PORT"), 8080, "PORT");
    long idleMinutes = parseInt(env.get("SANDBOX_IDLE_MINUTES"), 120, "SANDBOX_IDLE_MINUTES");
    int sandboxIdleSeconds = parseInt(env.get("SANDBOX_IDLE_SECONDS"), 0, "SANDBOX_IDLE_SECONDS");
    Duration idle =
        env.get("SANDBOX_IDLE_SECONDS") == null || env.get("SANDBOX_IDLE_SECONDS").isBlank()
            ? Duration.ofMinutes(idleMinutes)
            : Duration.ofSeconds(sandboxIdleSeconds);
    int max = parseInt(env.get("MAX_SANDBOXES"), 2000, "MAX_SANDBOXES");
    int perMinute =
        parseInt(
            env.get("SANDBOX_CREATIONS_PER_MINUTE"),
            DEFAULT_CREATIONS_PER_MINUTE,
            "SANDBOX_CREATIONS_PER_MINUTE");
    int burst =
        parseInt(
            env.get("SANDBOX_CREATION_BURST"), DEFAULT_CREATION_BURST, "SANDBOX_CREATION_BURST");
    boolean trustProxy = "true".equalsIgnoreCase(env.getOrDefault("TRUST_PROXY", "false").trim());
    int hops = parseInt(env.get("TRUSTED_PROXY_HOPS"), 1, "TRUSTED_PROXY_HOPS");
    int idleSeconds =
        parseInt(
            env.get("CONNECTION_IDLE_SECONDS"),
            (int) DEFAULT_CONNECTION_IDLE.getSeconds(),
            "CONNECTION_IDLE_SECONDS");
    int headerSeconds =
        parseInt(
            env.get("REQUEST_HEADER_SECONDS"),
            (int) DEFAULT_REQUEST_HEADER.getSeconds(),
            "REQUEST_HEADER_SECONDS");
    int perAddress =
        parseInt(
            env.get("MAX_CONNECTIONS_PER_ADDRESS"),
            DEFAULT_CONNECTIONS_PER_ADDRESS,
            "MAX_CONNECTIONS_PER_ADDRESS");
    String lessons = env.get("LESSONS_DIR");
    Path lessonsDir = lessons == null || lessons.isBlank() ? null : Path.of(lessons.trim());
    boolean accessLog = "true".equalsIgnoreCase(env.getOrDefault("ACCESS_LOG", "false").trim());
    String metricsPortSetting = env.get("METRICS_PORT");
    Integer metricsPort =
        metricsPortSetting == null || metricsPortSetting.isBlank()
            ? null
            : parseInt(metricsPortSetting, 0, "METRICS_PORT");
    boolean metrics =
        metricsPort != null || "true".equalsIgnoreCase(env.getOrDefault("METRICS", "false").trim());
    // Unset: the default directory. Set but empty: memory only, for a throwaway demo.
    String data = env.get("DATA_DIR");
    Path dataDir = data == null ? DEFAULT_DATA_DIR : data.isBlank() ? null : Path.of(data.trim());
    String redis = env.get("REDIS_URL");
    String redisUrl = redis == null || redis.isBlank() ? null : redis.trim();
    return new ServerConfig(
        host,
        port,
        idle,
        max,
        perMinute,
        burst,
        trustProxy,
        hops,
        Duration.ofSeconds(idleSeconds),
        Duration.ofSeconds(headerSeconds),
        perAddress,
        lessonsDir,
        accessLog,
        metrics,
        metricsPort,
        dataDir,
        redisUrl);
  }

  /**
   * The settings in effect (but HOST and PORT, which the address shows), for the line the server
   * prints at start.
   */
  public String describe() {
    String idle =
        sandboxIdleTimeout.toSecondsPart() == 0
            ? "SANDBOX_IDLE_MINUTES=" + sandboxIdleTimeout.toMinutes()
            : "SANDBOX_IDLE_SECONDS=" + sandboxIdleTimeout.toSeconds();
    return idle
        + " MAX_SANDBOXES="
        + maxSandboxes
        + " SANDBOX_CREATIONS_PER_MINUTE="
        + sandboxCreationsPerMinute
        + " SANDBOX_CREATION_BURST="
        + sandboxCreationBurst
        + " TRUST_PROXY="
        + trustForwardedFor
        + " TRUSTED_PROXY_HOPS="
        + trustedProxyHops
        + " CONNECTION_IDLE_SECONDS="
        + connectionIdleTimeout.toSeconds()
        + " REQUEST_HEADER_SECONDS="
        + requestHeaderTimeout.toSeconds()
        + " MAX_CONNECTIONS_PER_ADDRESS="
        + maxConnectionsPerAddress
        + " DATA_DIR="
        + (dataDir == null ? "(none: sandboxes in memory only)" : dataDir)
        + " LESSONS_DIR="
        + (lessonsDir == null ? "(packaged lessons)" : lessonsDir)
        + " ACCESS_LOG="
        + accessLog
        + " METRICS="
        + metrics
        + (metricsPort == null ? "" : " METRICS_PORT=" + metricsPort)
        + (redisUrl == null ? "" : " REDIS_URL=" + RedisUrl.withoutPassword(redisUrl));
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
