package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void everySettingHasADefault() {
    ServerConfig c = ServerConfig.fromEnvironment(Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.sandboxIdleTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(c.maxSandboxes()).isEqualTo(2000);
    assertThat(c.sandboxCreationsPerMinute()).isEqualTo(60);
    assertThat(c.sandboxCreationBurst()).isEqualTo(200);
    assertThat(c.trustForwardedFor()).isFalse();
    assertThat(c.forwardedHops()).isZero();
    assertThat(c.trustedProxyHops()).isEqualTo(1);
    assertThat(c.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxConnectionsPerAddress()).isEqualTo(256);
  }

  @Test
  void readsTheEdgeSettings() {
    ServerConfig c =
        ServerConfig.fromEnvironment(
            Map.of(
                "TRUST_PROXY",
                "true",
                "TRUSTED_PROXY_HOPS",
                "2",
                "CONNECTION_IDLE_SECONDS",
                "30",
                "REQUEST_HEADER_SECONDS",
                "5",
                "MAX_CONNECTIONS_PER_ADDRESS",
                "40"));
    assertThat(c.forwardedHops()).isEqualTo(2);
    assertThat(c.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxConnectionsPerAddress()).isEqualTo(40);
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TRUSTED_PROXY_HOPS", "0")))
        .hasMessageContaining("TRUSTED_PROXY_HOPS");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("REQUEST_HEADER_SECONDS", "0")))
        .hasMessageContaining("REQUEST_HEADER_SECONDS");
  }

  @Test
  void readsTheLessonsFolderAndTheAccessLogSwitch() {
    ServerConfig c =
        ServerConfig.fromEnvironment(Map.of("LESSONS_DIR", "/srv/lessons", "ACCESS_LOG", "true"));
    assertThat(c.lessonsDirs()).containsExactly(java.nio.file.Path.of("/srv/lessons"));
    assertThat(c.accessLog()).isTrue();
    ServerConfig defaults = ServerConfig.fromEnvironment(Map.of());
    assertThat(defaults.lessonsDirs()).isEmpty();
    assertThat(defaults.accessLog()).isFalse();
    assertThat(defaults.describe()).contains("LESSONS_DIR=(packaged lessons) ACCESS_LOG=false");
  }

  @Test
  void sandboxesAreKeptUnderDotDataUnlessDataDirSaysElsewhereOrIsEmpty() {
    ServerConfig defaults = ServerConfig.fromEnvironment(Map.of());
    assertThat(defaults.dataDir()).isEqualTo(java.nio.file.Path.of("data"));
    assertThat(defaults.describe()).contains(" DATA_DIR=data ");
    assertThat(ServerConfig.fromEnvironment(Map.of("DATA_DIR", "/data")).dataDir())
        .isEqualTo(java.nio.file.Path.of("/data"));
    ServerConfig memoryOnly = ServerConfig.fromEnvironment(Map.of("DATA_DIR", ""));
    assertThat(memoryOnly.dataDir()).isNull();
    assertThat(memoryOnly.describe()).contains("DATA_DIR=(none: sandboxes in memory only)");
    // the servers tests start keep their sandboxes in memory only
    assertThat(TestServer.config().build().dataDir()).isNull();
  }

  @Test
  void lessonsDirTakesSeveralFoldersSeparatedByColons() {
    ServerConfig c = ServerConfig.fromEnvironment(Map.of("LESSONS_DIR", "/a: /b/c ::"));
    assertThat(c.lessonsDirs())
        .containsExactly(java.nio.file.Path.of("/a"), java.nio.file.Path.of("/b/c"));
    assertThat(c.describe()).contains("LESSONS_DIR=/a:/b/c ");
  }

  @Test
  void theAdminApiIsOffUnlessAnAdminTokenOfSomeLengthIsSet() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).adminToken()).isNull();
    assertThat(ServerConfig.fromEnvironment(Map.of("ADMIN_TOKEN", "  ")).adminToken()).isNull();
    ServerConfig on =
        ServerConfig.fromEnvironment(Map.of("ADMIN_TOKEN", "0123456789abcdef-secret"));
    assertThat(on.adminToken()).isEqualTo("0123456789abcdef-secret");
    assertThat(on.describe())
        .contains("ADMIN_TOKEN=(set: the admin API is on)")
        .doesNotContain("secret");
    assertThat(on.toBuilder().metrics(true).build().adminToken())
        .isEqualTo("0123456789abcdef-secret");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ADMIN_TOKEN", "short")))
        .hasMessage("ADMIN_TOKEN must be at least 16 characters");
  }

  @Test
  void operatorMetricsAreOffUnlessMetricsIsTrue() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).metrics()).isFalse();
    ServerConfig on = ServerConfig.fromEnvironment(Map.of("METRICS", "true"));
    assertThat(on.metrics()).isTrue();
    assertThat(on.describe()).endsWith("METRICS=true");
    assertThat(on.metricsPort()).isNull();
  }

  @Test
  void aMetricsPortTurnsMetricsOnThereAndMustDifferFromTheAppsPort() {
    ServerConfig own = ServerConfig.fromEnvironment(Map.of("METRICS_PORT", "9464"));
    assertThat(own.metrics()).isTrue();
    assertThat(own.metricsPort()).isEqualTo(9464);
    assertThat(own.describe()).endsWith("METRICS=true METRICS_PORT=9464");
    assertThatThrownBy(
            () -> ServerConfig.fromEnvironment(Map.of("PORT", "9464", "METRICS_PORT", "9464")))
        .hasMessageContaining("METRICS_PORT must differ from PORT");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("METRICS_PORT", "70000")))
        .hasMessageContaining("METRICS_PORT must be between 0 and 65535");
  }

  @Test
  void redisUrlKeepsSandboxesInRedisAndItsPasswordIsNeverPrinted() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).redisUrl()).isNull();
    assertThat(ServerConfig.fromEnvironment(Map.of()).describe()).doesNotContain("REDIS_URL");
    ServerConfig redis =
        ServerConfig.fromEnvironment(Map.of("REDIS_URL", " redis://10.0.0.5:6379 "));
    assertThat(redis.redisUrl()).isEqualTo("redis://10.0.0.5:6379");
    assertThat(redis.describe()).endsWith("REDIS_URL=redis://10.0.0.5:6379");
    ServerConfig secret =
        ServerConfig.fromEnvironment(Map.of("REDIS_URL", "redis://:s3cret@redis.internal:6380/2"));
    assertThat(secret.describe())
        .endsWith("REDIS_URL=redis://***@redis.internal:6380/2")
        .doesNotContain("s3cret");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("REDIS_URL", "localhost:6379")))
        .hasMessage("REDIS_URL must look like redis://host:port, got \"localhost:6379\"");
    assertThatThrownBy(
            () -> ServerConfig.fromEnvironment(Map.of("REDIS_URL", "http://:pw@localhost:6379")))
        .hasMessage(
            "REDIS_URL must look like redis://host:port, got \"http://***@localhost:6379\"");
  }

  @Test
  void readsTheEnvironment() {
    ServerConfig c =
        ServerConfig.fromEnvironment(
            Map.of(
                "HOST",
                "0.0.0.0",
                "PORT",
                "0",
                "SANDBOX_IDLE_MINUTES",
                "5",
                "MAX_SANDBOXES",
                "10",
                "SANDBOX_CREATIONS_PER_MINUTE",
                "3",
                "SANDBOX_CREATION_BURST",
                "4",
                "TRUST_PROXY",
                "true"));
    assertThat(c)
        .isEqualTo(
            ServerConfig.builder()
                .host("0.0.0.0")
                .port(0)
                .sandboxIdleTimeout(Duration.ofMinutes(5))
                .maxSandboxes(10)
                .sandboxCreationsPerMinute(3)
                .sandboxCreationBurst(4)
                .trustForwardedFor(true)
                .build());
  }

  @Test
  void theBuilderStartsFromAnEmptyEnvironmentAndChecksLikeIt() {
    assertThat(ServerConfig.builder().build()).isEqualTo(ServerConfig.fromEnvironment(Map.of()));
    ServerConfig redis = ServerConfig.fromEnvironment(Map.of("REDIS_URL", "redis://10.0.0.5:6379"));
    assertThat(redis.toBuilder().build()).isEqualTo(redis);
    assertThat(redis.toBuilder().maxSandboxes(7).build())
        .isEqualTo(
            ServerConfig.fromEnvironment(
                Map.of("REDIS_URL", "redis://10.0.0.5:6379", "MAX_SANDBOXES", "7")));
    assertThatThrownBy(() -> ServerConfig.builder().maxSandboxes(0).build())
        .hasMessageContaining("MAX_SANDBOXES");
    assertThatThrownBy(() -> ServerConfig.builder().adminToken("short").build())
        .hasMessage("ADMIN_TOKEN must be at least 16 characters");
  }

  @Test
  void idleSecondsWinOverIdleMinutesForShortRuns() {
    ServerConfig c =
        ServerConfig.fromEnvironment(
            Map.of("SANDBOX_IDLE_MINUTES", "5", "SANDBOX_IDLE_SECONDS", "20"));
    assertThat(c.sandboxIdleTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SANDBOX_IDLE_SECONDS", "0")))
        .hasMessageContaining("SANDBOX_IDLE_SECONDS");
  }

  @Test
  void aBadValueIsNamed() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "eighty")))
        .hasMessage("PORT must be a whole number, got \"eighty\"");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("MAX_SANDBOXES", "0")))
        .hasMessageContaining("MAX_SANDBOXES");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "70000")))
        .hasMessageContaining("PORT");
  }

  @Test
  void theSweepRunsOftenEnoughButNotConstantly() {
    assertThat(TrafficLabServer.sweepInterval(Duration.ofHours(2)))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(TrafficLabServer.sweepInterval(Duration.ofMinutes(2)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(TrafficLabServer.sweepInterval(Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(1));
  }
}
