package dev.trafficlab.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.File;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the HTTP edge of one real server (issue 10, items 4 and 7), each with its clear answer
 * and a quiet learner, on another address, who still gets what they came for. The attacker is
 * 127.0.0.1; the learner 127.0.0.2.
 */
class HostileEdgesTest {
  private static final int CONNECTIONS_PER_ADDRESS = 8;
  private static final int CREATION_BURST = 3;
  private static final Pattern META =
      Pattern.compile(
          "<meta name=\"(sandbox-id|csrf-token|product-page)\" " + "content=\"([^\"]+)\">");

  private static Vertx vertx;
  private static TestServer server;
  private static WebClient learner;
  private static String learnerSandbox;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server =
        TestServer.start(
            vertx,
            TestServer.config()
                .sandboxCreationsPerMinute(30)
                .sandboxCreationBurst(CREATION_BURST)
                .connectionIdleTimeout(Duration.ofSeconds(60))
                .requestHeaderTimeout(Duration.ofSeconds(1))
                .maxConnectionsPerAddress(CONNECTIONS_PER_ADDRESS)
                .build());
    learner =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.server.port())
                .setLocalAddress("127.0.0.2")
                .setFollowRedirects(false)
                .setKeepAlive(false));
    HttpResponse<Buffer> created =
        learner.post("/api/sandboxes").sendJsonObject(new JsonObject()).await();
    assertThat(created.statusCode()).isEqualTo(201);
    learnerSandbox = created.bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    learner.close();
    server.close();
    vertx.close().await();
  }

  /** A learner on their own address runs a command in their sandbox, and the server is healthy. */
  private static void quietLearnerStillWorks() {
    HttpResponse<Buffer> exec =
        learner
            .post("/api/sandboxes/" + learnerSandbox + "/exec")
            .sendJsonObject(new JsonObject().put("command", "kubectl get virtualservices"))
            .await();
    assertThat(exec.statusCode()).isEqualTo(200);
    assertThat(exec.bodyAsJsonObject().getInteger("exitCode")).isZero();
    assertThat(learner.get("/health").send().await().statusCode()).isEqualTo(200);
  }

  private static String uploads() {
    File dir = new File("file-uploads");
    String[] names = dir.list();
    return dir.exists() ? String.valueOf(names == null ? 0 : names.length) : "none";
  }

  @Test
  void aMultipartUploadWithoutTheCsrfTokenIs403AndLeavesNoFileOnDisk() {
    String before = uploads();
    String boundary = "hostile";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "x".repeat(2000)
            + "\r\n--"
            + boundary
            + "--\r\n";
    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> refused =
          server
              .request(HttpMethod.POST, "/sandbox/traffic/send")
              .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
              .sendBuffer(Buffer.buffer(body))
              .await();
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.bodyAsString()).contains("CSRF");
    }
    assertThat(uploads()).as("files under ./file-uploads").isEqualTo(before);
    quietLearnerStillWorks();
  }

  @Test
  void aBodyOverThePageFormLimitIs413() {
    HttpResponse<Buffer> refused =
        server
            .request(HttpMethod.POST, "/sandbox/traffic/send")
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .sendBuffer(Buffer.buffer("user=" + "a".repeat(10_000)))
            .await();
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.bodyAsString()).contains("too large");
    quietLearnerStillWorks();
  }

  @Test
  void aHostHeaderThatIsNoHostIs400NotAServerError() throws Exception {
    for (String host : List.of("a b", "[::1", "exa mple.com:80", "x\u00e9")) {
      String answer =
          RawHttp.exchange(
              server.server.port(),
              "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(host).startsWith("HTTP/1.1 400").contains("invalid Host header");
    }
    String fine =
        RawHttp.exchange(
            server.server.port(),
            "GET /health HTTP/1.1\r\nHost: [::1]:8080\r\n" + "Connection: close\r\n\r\n");
    assertThat(fine).startsWith("HTTP/1.1 200");
    quietLearnerStillWorks();
  }

  @Test
  void aRequestHeadNeverFinishedIsClosedByTheServer() throws Exception {
    try (Socket slow = RawHttp.open(server.server.port(), "127.0.0.1")) {
      slow.getOutputStream()
          .write(
              "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.closedByServer(slow))
          .as("closed after the request-header timeout")
          .isTrue();
    }
    try (Socket silent = RawHttp.open(server.server.port(), "127.0.0.1")) {
      assertThat(RawHttp.closedByServer(silent))
          .as("a connection that never sends is closed too")
          .isTrue();
    }
    quietLearnerStillWorks();
  }

  @Test
  void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS_PER_ADDRESS; i++) {
        held.add(RawHttp.open(server.server.port(), "127.0.0.1"));
      }
      // The server counts a connection when it accepts it; a request on the last one proves all
      // were accepted.
      Socket last = held.get(held.size() - 1);
      last.getOutputStream()
          .write(
              "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(last.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
          .isEqualTo("HTTP/1.1 200");
      try (Socket extra = RawHttp.open(server.server.port(), "127.0.0.1")) {
        extra
            .getOutputStream()
            .write(
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.closedByServer(extra)).as("one connection over the limit").isTrue();
      }
      quietLearnerStillWorks();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void firstPageViewsReserveASandboxButStoreNothingUntilItIsUsed() {
    int before = server.server.sandboxes().size();
    List<String> cookies = new ArrayList<>();
    String id = null;
    String csrf = null;
    String productPage = null;
    for (int i = 0; i < 50; i++) {
      HttpResponse<Buffer> page = server.send(HttpMethod.GET, "/lessons/traffic-management");
      assertThat(page.statusCode()).isEqualTo(200);
      cookies.add(page.cookies().get(0));
      Matcher m = META.matcher(page.bodyAsString());
      while (m.find()) {
        switch (m.group(1)) {
          case "sandbox-id" -> id = m.group(2);
          case "csrf-token" -> csrf = m.group(2);
          default -> productPage = m.group(2);
        }
      }
    }
    assertThat(server.server.sandboxes().size())
        .as("sandboxes after 50 first page views")
        .isEqualTo(before);
    assertThat(cookies).doesNotHaveDuplicates();
    String cookie = cookies.get(cookies.size() - 1);
    cookie = cookie.substring(0, cookie.indexOf(';'));
    // The last page's reserved sandbox is made by its first command, with the page's id and token.
    HttpResponse<Buffer> exec =
        server
            .request(HttpMethod.POST, "/api/sandboxes/" + id + "/exec")
            .putHeader("Cookie", cookie)
            .putHeader("X-CSRF-Token", csrf)
            .sendJsonObject(new JsonObject().put("command", "kubectl get destinationrules"))
            .await();
    assertThat(exec.statusCode()).isEqualTo(200);
    assertThat(exec.bodyAsJsonObject().getString("output")).contains("reviews");
    assertThat(server.server.sandboxes().size()).isEqualTo(before + 1);
    assertThat(server.send(HttpMethod.GET, java.net.URI.create(productPage).getPath()).statusCode())
        .isEqualTo(200);
    assertThat(server.server.sandboxes().size()).isEqualTo(before + 1);
    quietLearnerStillWorks();
  }

  @Test
  void aProductPageRefusedForTheCreationRateIsAnHtmlPage() {
    // Use up this address's burst with sandboxes made by first product page views.
    HttpResponse<Buffer> refused = null;
    for (int i = 0; i <= CREATION_BURST * 2 && refused == null; i++) {
      HttpResponse<Buffer> page = server.send(HttpMethod.GET, "/lessons/traffic-management");
      Matcher m = META.matcher(page.bodyAsString());
      String productPage = null;
      while (m.find()) {
        if (m.group(1).equals("product-page")) {
          productPage = java.net.URI.create(m.group(2)).getPath();
        }
      }
      HttpResponse<Buffer> view = server.send(HttpMethod.GET, productPage);
      if (view.statusCode() == 429) {
        refused = view;
      } else {
        assertThat(view.statusCode()).isEqualTo(200);
      }
    }
    assertThat(refused).as("a 429 within twice the burst").isNotNull();
    assertThat(refused.getHeader("Content-Type")).startsWith("text/html");
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(refused.bodyAsString()).contains("too many new sandboxes").contains("<html");
    quietLearnerStillWorks();
    server.clock.advance(Duration.ofMinutes(10));
  }
}
