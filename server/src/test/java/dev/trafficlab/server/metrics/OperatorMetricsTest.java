package dev.trafficlab.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.ServerConfig;
import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  private static final ServerConfig CONFIG =
      TestServer.config().sandboxIdleTimeout(Duration.ofSeconds(4)).build();

  private static double value(String scrape, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$")
            .matcher(scrape);
    assertThat(m.find()).as("%s in the scrape:%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void withMetricsOnTheScrapeCountsSandboxesCommandsPagesRequestsAndEventLoopDelay()
      throws Exception {
    Vertx vertx = OperatorMetrics.vertx(new VertxOptions());
    try (TestServer lab = TestServer.start(vertx, CONFIG.toBuilder().metrics(true).build())) {
      JsonObject sandbox = lab.createSandbox(new JsonObject());
      String id = sandbox.getString("id");
      for (String command : new String[] {"kubectl get pods", "istioctl version"}) {
        assertThat(
                lab.sendJson(
                        HttpMethod.POST,
                        "/api/sandboxes/" + id + "/exec",
                        new JsonObject().put("command", command))
                    .statusCode())
            .isEqualTo(200);
      }
      assertThat(lab.send(HttpMethod.GET, sandbox.getString("productPage")).statusCode())
          .isEqualTo(200);
      Thread.sleep(300); // a few ticks of the event-loop probes

      var scrape = lab.send(HttpMethod.GET, OperatorMetrics.PATH);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.getHeader("Content-Type")).startsWith("text/plain");
      String text = scrape.bodyAsString();
      assertThat(value(text, "trafficlab_sandboxes_active")).isEqualTo(1.0);
      assertThat(value(text, "trafficlab_sandbox_creations_total")).isEqualTo(1.0);
      assertThat(value(text, "trafficlab_commands_total")).isEqualTo(2.0);
      assertThat(value(text, "trafficlab_dataplane_pages_total")).isGreaterThanOrEqualTo(1.0);
      assertThat(value(text, "trafficlab_eventloop_delay_seconds_count")).isPositive();
      assertThat(text)
          .as("request latency by route pattern, never by sandbox id")
          .containsPattern(
              "vertx_http_server_response_time_seconds_count\\{[^}]*route=\"/api/sandboxes/:id/exec\"")
          .doesNotContain(id);

      // Idle past its 4 s: the sweep (every second) removes it.
      lab.clock.advance(Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String after = text;
      while (!after.contains("trafficlab_sandbox_expirations_total 1.0")
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
        after = lab.send(HttpMethod.GET, OperatorMetrics.PATH).bodyAsString();
      }
      assertThat(value(after, "trafficlab_sandbox_expirations_total")).isEqualTo(1.0);
      assertThat(value(after, "trafficlab_sandboxes_active")).isEqualTo(0.0);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void withAMetricsPortTheScrapeIsServedThereAndNotOnTheAppsPort() throws Exception {
    Vertx vertx = OperatorMetrics.vertx(new VertxOptions());
    try (TestServer lab =
        TestServer.start(vertx, CONFIG.toBuilder().metrics(true).metricsPort(0).build())) {
      lab.createSandbox(new JsonObject());
      int port = lab.server.metricsPort();
      assertThat(port).isPositive().isNotEqualTo(lab.server.port());
      var scrape =
          lab.client.get(port, "127.0.0.1", OperatorMetrics.PATH).send().toCompletionStage();
      var response = scrape.toCompletableFuture().get();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(value(response.bodyAsString(), "trafficlab_sandbox_creations_total"))
          .isEqualTo(1.0);
      assertThat(
              lab.client
                  .get(port, "127.0.0.1", "/api/sandboxes")
                  .send()
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get()
                  .statusCode())
          .as("the metrics port serves nothing else")
          .isEqualTo(404);
      assertThat(lab.send(HttpMethod.GET, OperatorMetrics.PATH).statusCode()).isNotEqualTo(200);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void withMetricsOffThereIsNoScrape() {
    Vertx vertx = Vertx.vertx();
    try (TestServer lab = TestServer.start(vertx, CONFIG)) {
      assertThat(lab.send(HttpMethod.GET, OperatorMetrics.PATH).statusCode()).isEqualTo(404);
    } finally {
      vertx.close().await();
    }
  }
}
