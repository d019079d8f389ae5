package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.http.BrowserSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-address creation limit holds across servers sharing one real redis-server: two servers
 * allow one address the configured burst in all, not each that many. Requests go to each server
 * directly, as a learner's address (X-Forwarded-For, TRUST_PROXY) seen by both.
 */
class SharedCreationLimitTest {
  private static final int BURST = 3;
  private static SharedServers lab;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    // one creation a minute after the burst: the window is three minutes, longer than the test
    lab = SharedServers.start(2, 1, BURST);
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String address)
      throws Exception {
    return http.send(
        request.header("X-Forwarded-For", address).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> create(int server, String address) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(lab.direct(server) + "/api/sandboxes"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")),
        address);
  }

  @Test
  void theCreationAfterTheBurstIsRefusedWhicheverServerMadeTheOthers() throws Exception {
    String address = "10.20.0.1";
    assertThat(create(0, address).statusCode()).isEqualTo(201);
    assertThat(create(1, address).statusCode()).isEqualTo(201);
    assertThat(create(0, address).statusCode()).isEqualTo(201);

    HttpResponse<String> refused = create(1, address);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.body()).contains("error");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(create(0, address).statusCode()).isEqualTo(429);
    // another learner is not held back by this one
    assertThat(create(1, "10.20.0.2").statusCode()).isEqualTo(201);
  }

  /** A lesson page's sandbox, made on its first use on either server, counts the same. */
  @Test
  void aReservedSandboxMadeOnFirstUseCountsAcrossServersToo() throws Exception {
    String address = "10.20.0.3";
    assertThat(create(0, address).statusCode()).isEqualTo(201);
    assertThat(create(1, address).statusCode()).isEqualTo(201);

    assertThat(firstUse(reservation(0, address), 1, address).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = firstUse(reservation(1, address), 0, address);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  /** The sandbox id a lesson page reserves for a new browser (made only when first used). */
  private static String reservation(int server, String address) throws Exception {
    HttpResponse<String> page =
        send(
            HttpRequest.newBuilder(
                    URI.create(lab.direct(server) + "/lessons/traffic-management/steps/1"))
                .GET(),
            address);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith(BrowserSessions.COOKIE + "="));
    Matcher id = Pattern.compile("name=\"sandbox-id\" content=\"([^\"]+)\"").matcher(page.body());
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  private static HttpResponse<String> firstUse(String id, int server, String address)
      throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(lab.direct(server) + "/api/sandboxes/" + id)).GET(),
        address);
  }
}
