package dev.trafficlab.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param lessonsDirs folders whose scenarios (Katacoda, Killercoda or Traffic Lab lessons) are
 *     served beside the lessons packaged in the jar (LESSONS_DIR, separated by ':'; empty: the
 *     packaged lessons alone)
 * @param accessLog log one line per HTTP request (ACCESS_LOG=true; off by default)
 * @param metrics serve operator metrics in Prometheus format on /metrics (METRICS=true; off by
 *     default)
 * @param metricsPort serve them on this port of HOST instead, alone, so the scrape need not pass
 *     the public listener (METRICS_PORT, which turns metrics on; null: on PORT's /metrics)
 * @param adminToken the bearer token of the admin API (ADMIN_TOKEN; null: the admin API is off)
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
    List<Path> lessonsDirs,
    boolean accessLog,
    boolean metrics,
    Integer metricsPort,
    String adminToken,
    Path dataDir,
    String redisUrl) {

  /** Where sandboxes are kept when DATA_DIR is not set. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  public static final int DEFAULT_CREATIONS_PER_MINUTE = 60;
  public static final int DEFAULT_CREATION_BURST = 200;
  public static final Duration DEFAULT_CONNECTION_IDLE = Duration.ofSeconds(120);
  public static final Duration DEFAULT_REQUEST_HEADER = Duration.ofSeconds(10);
  public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;

  /** The shortest ADMIN_TOKEN accepted: a guessable token would open the admin API. */
  public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

  public ServerConfig {
    if (adminToken != null && adminToken.isBlank()) {
      adminToken = null;
    }
    if (adminToken != null && adminToken.strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "ADMIN_TOKEN must be at least " + MIN_ADMIN_TOKEN_LENGTH + " characters");
    }
    lessonsDirs = lessonsDirs == null ? List.of() : List.copyOf(lessonsDirs);
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
      List<Path> lessonsDirs,
      boolean accessLog,
      boolean metrics,
      Integer metricsPort,
      String adminToken,
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        adminToken,
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        adminToken,
        dataDir,
        url);
  }

  /** All settings but ADMIN_TOKEN: the admin API is off. */
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
      List<Path> lessonsDirs,
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        null,
        null);
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
      List<Path> lessonsDirs,
      boolean accessLog,
      boolean metrics,
      Integer metricsPort,
      String adminToken) {
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        adminToken,
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        adminToken,
        dataDir,
        redisUrl);
  }

  /** The same settings with the admin API on, behind this bearer token. */
  public ServerConfig withAdminToken(String token) {
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        token,
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
      List<Path> lessonsDirs,
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
        lessonsDirs,
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
      List<Path> lessonsDirs,
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
        lessonsDirs,
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
        lessonsDirs,
        accessLog,
        true,
        metricsPort,
        adminToken,
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
        lessonsDirs,
        accessLog,
        true,
        metricsPort,
        adminToken,
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
    List<Path> lessonsDirs = lessonsDirs(env.get("LESSONS_DIR"));
    boolean accessLog = "true".equalsIgnoreCase(env.getOrDefault("ACCESS_LOG", "false").trim());
    String metricsPortSetting = env.get("METRICS_PORT");
    Integer metricsPort =
        metricsPortSetting == null || metricsPortSetting.isBlank()
            ? null
            : parseInt(metricsPortSetting, 0, "METRICS_PORT");
    String adminTokenSetting = env.get("ADMIN_TOKEN");
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
        lessonsDirs,
        accessLog,
        metrics,
        metricsPort,
        adminTokenSetting == null || adminTokenSetting.isBlank() ? null : adminTokenSetting.strip(),
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
        + (lessonsDirs.isEmpty()
            ? "(packaged lessons)"
            : lessonsDirs.stream()
                .map(Path::toString)
                .collect(java.util.stream.Collectors.joining(":")))
        + " ACCESS_LOG="
        + accessLog
        + " METRICS="
        + metrics
        + (metricsPort == null ? "" : " METRICS_PORT=" + metricsPort)
        + (adminToken == null ? "" : " ADMIN_TOKEN=(set: the admin API is on)")
        + (redisUrl == null ? "" : " REDIS_URL=" + RedisUrl.withoutPassword(redisUrl));
  }

  /** LESSONS_DIR: one or more folders separated by ':' (empty parts are skipped). */
  static List<Path> lessonsDirs(String setting) {
    if (setting == null || setting.isBlank()) {
      return List.of();
    }
    List<Path> dirs = new java.util.ArrayList<>();
    for (String part : setting.split(":")) {
      if (!part.isBlank()) {
        dirs.add(Path.of(part.trim()));
      }
    }
    return dirs;
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
