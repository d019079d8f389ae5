package dev.trafficlab.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.ServerConfig;
import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.http.BrowserSessions;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A learner in a fresh browser opens an imported scenario: the page only reserves the sandbox, and
 * the terminal T1 is its first use, so T1's session runs the intro's scripts before it greets, and
 * the learner sees their output (the set-up answered with notes, the rest run) on the first screen.
 */
class ImportedScenarioTerminalTest {
  private Vertx vertx;
  private TestServer server;
  private WebSocketClient client;

  @BeforeEach
  void start() throws URISyntaxException {
    vertx = Vertx.vertx();
    Path killercoda =
        Path.of(
            getClass().getResource("/dev/trafficlab/server/lessons/imports/killercoda").toURI());
    server =
        TestServer.start(
            vertx,
            ServerConfig.fromEnvironment(
                Map.of("PORT", "0", "LESSONS_DIR", killercoda.toString(), "DATA_DIR", "")));
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    client.close().await();
    server.close();
    vertx.close().await();
  }

  @Test
  void theFirstScreenOfT1ShowsTheIntroScriptsRun() throws InterruptedException {
    var page = server.send(HttpMethod.GET, "/lessons/kk-sleep-delay");
    String cookie =
        page.cookies().stream()
            .filter(c -> c.startsWith(BrowserSessions.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    Matcher csrf =
        Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.bodyAsString());
    assertThat(csrf.find()).isTrue();

    LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(t -> received.add(new JsonObject(t)));
    ws.connect(
            new WebSocketConnectOptions()
                .setAllowOriginHeader(true)
                .setHost("127.0.0.1")
                .setPort(server.server.port())
                .setURI("/sandbox/terminals/T1/socket?csrf=" + csrf.group(1))
                .addHeader("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .addHeader("Origin", "http://127.0.0.1:" + server.server.port()))
        .await();
    JsonObject hello = received.poll(20, TimeUnit.SECONDS);
    assertThat(hello).isNotNull();
    assertThat(hello.getString("t")).isEqualTo("hello");
    assertThat(hello.getString("scrollback"))
        .contains("# Traffic Lab: Istio 1.8.1 (demo profile) is installed already\n")
        .contains("deployment.apps/sleep created\n")
        .endsWith("YOU ARE READY TO GO!\n");
    ws.close().await();
  }
}
