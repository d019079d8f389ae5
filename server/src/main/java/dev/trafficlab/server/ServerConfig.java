package dev.trafficlab.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings read once at start-up; every value has a default so the jar runs with no configuration.
 * {@link #fromEnvironment} reads them; code and tests build them with {@link #builder()}.
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

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_SANDBOX_IDLE = Duration.ofMinutes(120);
  public static final int DEFAULT_MAX_SANDBOXES = 2000;

  /** Where sandboxes are kept when DATA_DIR is not set. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  public static final int DEFAULT_CREATIONS_PER_MINUTE = 60;
  public static final int DEFAULT_CREATION_BURST = 200;
  public static final Duration DEFAULT_CONNECTION_IDLE = Duration.ofSeconds(120);
  public static final Duration DEFAULT_REQUEST_HEADER = Duration.ofSeconds(10);
  public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;
  public static final int DEFAULT_TRUSTED_PROXY_HOPS = 1;

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

  /** How many X-Forwarded-For entries from the right to believe: none unless TRUST_PROXY is on. */
  public int forwardedHops() {
    return trustForwardedFor ? trustedProxyHops : 0;
  }

  /** The settings of an empty environment, to change one by one. */
  public static Builder builder() {
    return new Builder();
  }

  /** These settings, to change some. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .sandboxIdleTimeout(sandboxIdleTimeout)
        .maxSandboxes(maxSandboxes)
        .sandboxCreationsPerMinute(sandboxCreationsPerMinute)
        .sandboxCreationBurst(sandboxCreationBurst)
        .trustForwardedFor(trustForwardedFor)
        .trustedProxyHops(trustedProxyHops)
        .connectionIdleTimeout(connectionIdleTimeout)
        .requestHeaderTimeout(requestHeaderTimeout)
        .maxConnectionsPerAddress(maxConnectionsPerAddress)
        .lessonsDirs(lessonsDirs)
        .accessLog(accessLog)
        .metrics(metrics)
        .metricsPort(metricsPort)
        .adminToken(adminToken)
        .dataDir(dataDir)
        .redisUrl(redisUrl);
  }

  public static ServerConfig fromEnvironment(Map<String, String> env) {
    // Numbers are read in the documented order, so of several bad ones the first is named; both
    // idle settings are read (and checked) though only one is used.
    int port = number(env, "PORT", DEFAULT_PORT);
    int idleMinutes = number(env, "SANDBOX_IDLE_MINUTES", (int) DEFAULT_SANDBOX_IDLE.toMinutes());
    int idleSeconds = number(env, "SANDBOX_IDLE_SECONDS", 0);
    Builder config =
        builder()
            .host(env.getOrDefault("HOST", DEFAULT_HOST))
            .port(port)
            .sandboxIdleTimeout(
                isBlank(env.get("SANDBOX_IDLE_SECONDS"))
                    ? Duration.ofMinutes(idleMinutes)
                    : Duration.ofSeconds(idleSeconds))
            .maxSandboxes(number(env, "MAX_SANDBOXES", DEFAULT_MAX_SANDBOXES))
            .sandboxCreationsPerMinute(
                number(env, "SANDBOX_CREATIONS_PER_MINUTE", DEFAULT_CREATIONS_PER_MINUTE))
            .sandboxCreationBurst(number(env, "SANDBOX_CREATION_BURST", DEFAULT_CREATION_BURST))
            .trustForwardedFor(isTrue(env, "TRUST_PROXY"))
            .trustedProxyHops(number(env, "TRUSTED_PROXY_HOPS", DEFAULT_TRUSTED_PROXY_HOPS))
            .connectionIdleTimeout(
                Duration.ofSeconds(
                    number(
                        env, "CONNECTION_IDLE_SECONDS", (int) DEFAULT_CONNECTION_IDLE.toSeconds())))
            .requestHeaderTimeout(
                Duration.ofSeconds(
                    number(
                        env, "REQUEST_HEADER_SECONDS", (int) DEFAULT_REQUEST_HEADER.toSeconds())))
            .maxConnectionsPerAddress(
                number(env, "MAX_CONNECTIONS_PER_ADDRESS", DEFAULT_CONNECTIONS_PER_ADDRESS))
            .lessonsDirs(lessonsDirs(env.get("LESSONS_DIR")))
            .accessLog(isTrue(env, "ACCESS_LOG"));
    // METRICS_PORT turns metrics on, there.
    if (!isBlank(env.get("METRICS_PORT"))) {
      config.metrics(true).metricsPort(number(env, "METRICS_PORT", 0));
    } else {
      config.metrics(isTrue(env, "METRICS"));
    }
    String adminToken = env.get("ADMIN_TOKEN");
    if (!isBlank(adminToken)) {
      config.adminToken(adminToken.strip());
    }
    // Unset: the default directory. Set but empty: memory only, for a throwaway demo.
    String data = env.get("DATA_DIR");
    if (data != null) {
      config.dataDir(data.isBlank() ? null : Path.of(data.trim()));
    }
    String redis = env.get("REDIS_URL");
    if (!isBlank(redis)) {
      config.redisUrl(redis.trim());
    }
    return config.build();
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

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static boolean isTrue(Map<String, String> env, String name) {
    return "true".equalsIgnoreCase(env.getOrDefault(name, "false").trim());
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (isBlank(value)) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
    }
  }

  /**
   * Settings to change one by one from those of an empty environment; {@link #build()} checks them
   * in the record's constructor, as {@link ServerConfig#fromEnvironment} does.
   */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Duration sandboxIdleTimeout = DEFAULT_SANDBOX_IDLE;
    private int maxSandboxes = DEFAULT_MAX_SANDBOXES;
    private int sandboxCreationsPerMinute = DEFAULT_CREATIONS_PER_MINUTE;
    private int sandboxCreationBurst = DEFAULT_CREATION_BURST;
    private boolean trustForwardedFor;
    private int trustedProxyHops = DEFAULT_TRUSTED_PROXY_HOPS;
    private Duration connectionIdleTimeout = DEFAULT_CONNECTION_IDLE;
    private Duration requestHeaderTimeout = DEFAULT_REQUEST_HEADER;
    private int maxConnectionsPerAddress = DEFAULT_CONNECTIONS_PER_ADDRESS;
    private List<Path> lessonsDirs = List.of();
    private boolean accessLog;
    private boolean metrics;
    private Integer metricsPort;
    private String adminToken;
    private Path dataDir = DEFAULT_DATA_DIR;
    private String redisUrl;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** 0: any free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder sandboxIdleTimeout(Duration sandboxIdleTimeout) {
      this.sandboxIdleTimeout = sandboxIdleTimeout;
      return this;
    }

    public Builder maxSandboxes(int maxSandboxes) {
      this.maxSandboxes = maxSandboxes;
      return this;
    }

    public Builder sandboxCreationsPerMinute(int sandboxCreationsPerMinute) {
      this.sandboxCreationsPerMinute = sandboxCreationsPerMinute;
      return this;
    }

    public Builder sandboxCreationBurst(int sandboxCreationBurst) {
      this.sandboxCreationBurst = sandboxCreationBurst;
      return this;
    }

    public Builder trustForwardedFor(boolean trustForwardedFor) {
      this.trustForwardedFor = trustForwardedFor;
      return this;
    }

    public Builder trustedProxyHops(int trustedProxyHops) {
      this.trustedProxyHops = trustedProxyHops;
      return this;
    }

    public Builder connectionIdleTimeout(Duration connectionIdleTimeout) {
      this.connectionIdleTimeout = connectionIdleTimeout;
      return this;
    }

    public Builder requestHeaderTimeout(Duration requestHeaderTimeout) {
      this.requestHeaderTimeout = requestHeaderTimeout;
      return this;
    }

    public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
      this.maxConnectionsPerAddress = maxConnectionsPerAddress;
      return this;
    }

    public Builder lessonsDirs(List<Path> lessonsDirs) {
      this.lessonsDirs = lessonsDirs;
      return this;
    }

    public Builder accessLog(boolean accessLog) {
      this.accessLog = accessLog;
      return this;
    }

    public Builder metrics(boolean metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Serve metrics alone on this port (0: any free one); metrics must also be on. */
    public Builder metricsPort(Integer metricsPort) {
      this.metricsPort = metricsPort;
      return this;
    }

    /** The admin API's bearer token; null: the admin API is off. */
    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    /** Null: sandboxes in memory only. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Null: sandboxes not in Redis. */
    public Builder redisUrl(String redisUrl) {
      this.redisUrl = redisUrl;
      return this;
    }

    /** The config, checked: an IllegalArgumentException names a setting that is out of range. */
    public ServerConfig build() {
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
  }
}
