package dev.trafficlab.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.http.BrowserSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A terminal's live session over a WebSocket: who may open one, what it streams, its limits. */
class TerminalSessionTest {
  static Vertx vertx;
  static TestServer server;
  static WebSocketClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx);
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    client.close().await();
    server.close();
    vertx.close().await();
  }

  /** A browser's sandbox: its cookie and the page's CSRF token. */
  record Browser(String cookie, String csrf, String sandboxId) {}

  static Browser browser() {
    HttpResponse<io.vertx.core.buffer.Buffer> page =
        server.send(HttpMethod.GET, "/lessons/traffic-management/steps/1");
    String cookie =
        page.cookies().stream()
            .filter(c -> c.startsWith(BrowserSessions.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    Matcher m =
        Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.bodyAsString());
    assertThat(m.find()).isTrue();
    Matcher id =
        Pattern.compile("name=\"sandbox-id\" content=\"([^\"]+)\"").matcher(page.bodyAsString());
    assertThat(id.find()).isTrue();
    return new Browser(cookie.substring(0, cookie.indexOf(';')), m.group(1), id.group(1));
  }

  static Future<WebSocket> connect(String terminal, String cookie, String csrf, String origin) {
    return connect(client.webSocket(), terminal, cookie, csrf, origin).map(ws -> ws);
  }

  static Future<ClientWebSocket> connect(
      ClientWebSocket ws, String terminal, String cookie, String csrf, String origin) {
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setAllowOriginHeader(origin != null)
            .setHost("127.0.0.1")
            .setPort(server.server.port())
            .setURI("/sandbox/terminals/" + terminal + "/socket?csrf=" + csrf);
    if (cookie != null) {
      o.addHeader("Cookie", cookie);
    }
    if (origin != null) {
      o.addHeader("Origin", origin);
    }
    return ws.connect(o).map(ws);
  }

  static String origin() {
    return "http://127.0.0.1:" + server.server.port();
  }

  /** An open session and the messages it received. */
  static final class Session {
    final ClientWebSocket ws = client.webSocket();
    final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    /** Connects with the handler in place before the first message can arrive. */
    Session(Browser b, String terminal) {
      ws.textMessageHandler(t -> received.add(new JsonObject(t)));
      connect(ws, terminal, b.cookie(), b.csrf(), origin()).await();
    }

    JsonObject next() throws InterruptedException {
      JsonObject m = received.poll(20, TimeUnit.SECONDS);
      assertThat(m).as("a message within 20 s").isNotNull();
      return m;
    }

    void send(JsonObject m) {
      ws.writeTextMessage(m.encode()).await();
    }

    /** Sends a line and collects the output until the session says it is done. */
    String run(String line) throws InterruptedException {
      send(new JsonObject().put("t", "line").put("text", line));
      StringBuilder out = new StringBuilder();
      for (JsonObject m = next(); !m.getString("t").equals("done"); m = next()) {
        if (m.getString("t").equals("out")) {
          out.append(m.getString("d"));
        }
      }
      return out.toString();
    }
  }

  static Session open(Browser b, String terminal) throws InterruptedException {
    Session s = new Session(b, terminal);
    assertThat(s.next().getString("t")).isEqualTo("hello");
    return s;
  }

  @Test
  void aHandshakeFromAnotherOriginOrWithoutCookieOrTokenIsRefused() {
    Browser b = browser();
    assertRefused(connect("T1", b.cookie(), b.csrf(), "https://evil.example"), 403);
    assertRefused(connect("T1", b.cookie(), b.csrf(), null), 403);
    assertRefused(connect("T1", null, b.csrf(), origin()), 403);
    assertRefused(connect("T1", b.cookie(), "wrong", origin()), 403);
    assertRefused(connect("T9x", b.cookie(), b.csrf(), origin()), 404);
  }

  private static void assertRefused(Future<WebSocket> attempt, int status) {
    Throwable cause = awaitFailure(attempt);
    assertThat(cause).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) cause).getStatus()).isEqualTo(status);
  }

  private static Throwable awaitFailure(Future<WebSocket> attempt) {
    try {
      attempt.await();
    } catch (Exception e) {
      return e instanceof UpgradeRejectedException ? e : e.getCause() == null ? e : e.getCause();
    }
    throw new AssertionError("the handshake was accepted");
  }

  @Test
  void aCommandRunsAndItsScrollbackIsThereForTheNextSession() throws Exception {
    Browser b = browser();
    Session s = open(b, "T1");
    assertThat(s.run("echo hello from the session")).isEqualTo("hello from the session\n");
    s.ws.close().await();
    Session again = new Session(b, "T1");
    JsonObject hello = again.next();
    assertThat(hello.getString("scrollback"))
        .isEqualTo("controlplane $ echo hello from the session\nhello from the session\n");
    assertThat(hello.getJsonArray("history").getList()).contains("echo hello from the session");
    again.ws.close().await();
  }

  @Test
  void anOpenQuoteAsksForMoreAndRunsWhenComplete() throws Exception {
    Session s = open(browser(), "T1");
    s.send(new JsonObject().put("t", "line").put("text", "echo 'one"));
    assertThat(s.next().getString("t")).isEqualTo("more");
    assertThat(s.run("two'")).isEqualTo("one\ntwo\n");
    s.ws.close().await();
  }

  @Test
  void ctrlCStopsASleepAtOnce() throws Exception {
    Session s = open(browser(), "T1");
    s.send(new JsonObject().put("t", "line").put("text", "sleep 30"));
    Thread.sleep(200);
    long t0 = System.nanoTime();
    s.send(new JsonObject().put("t", "int"));
    StringBuilder out = new StringBuilder();
    JsonObject m;
    while (!(m = s.next()).getString("t").equals("done")) {
      out.append(m.getString("d", ""));
    }
    assertThat(m.getInteger("code")).isEqualTo(130);
    assertThat(out.toString()).isEqualTo("^C\n");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
    s.ws.close().await();
  }

  @Test
  void aLineForASandboxThatIsGoneIsAnsweredWithWhyAndTheSessionCloses() throws Exception {
    Browser b = browser();
    Session s = open(b, "T1");
    assertThat(server.send(HttpMethod.DELETE, "/api/sandboxes/" + b.sandboxId()).statusCode())
        .isEqualTo(204);
    s.send(new JsonObject().put("t", "line").put("text", "echo still there?"));
    JsonObject answer = s.next();
    assertThat(answer.getString("t")).isEqualTo("refused");
    assertThat(answer.getString("message")).contains("This sandbox is gone");
  }

  @Test
  void closingASessionStopsItsRunningCommand() throws Exception {
    Browser b = browser();
    Session first = open(b, "T1");
    first.send(new JsonObject().put("t", "line").put("text", "sleep 300"));
    Thread.sleep(200);
    first.ws.close().await();
    var shell = server.server.sandboxes().byId(b.sandboxId()).orElseThrow().shell();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Integer code = null;
    while (code == null && System.nanoTime() < deadline) {
      code =
          shell.ranCommands().stream()
              .filter(c -> c.line().equals("sleep 300"))
              .findFirst()
              .orElseThrow()
              .exitCode();
      Thread.sleep(50);
    }
    assertThat(code).as("the sleep of a closed session has ended").isNotNull().isNotZero();
  }

  @Test
  void aSleepInOneTerminalHoldsBackNeitherAnotherTerminalNorTheExecApi() throws Exception {
    Browser b = browser();
    Session first = open(b, "T1");
    first.send(new JsonObject().put("t", "line").put("text", "sleep 300"));
    Thread.sleep(200);
    Session second = open(b, "T2");
    assertThat(second.run("echo T2 is free")).isEqualTo("T2 is free\n");
    HttpResponse<io.vertx.core.buffer.Buffer> exec =
        server.sendJson(
            HttpMethod.POST,
            "/api/sandboxes/" + b.sandboxId() + "/exec",
            new JsonObject().put("command", "echo the API too"));
    assertThat(exec.bodyAsJsonObject().getString("output")).isEqualTo("the API too\n");
    first.send(new JsonObject().put("t", "int"));
    JsonObject m;
    while (!(m = first.next()).getString("t").equals("done")) {
      // ^C
    }
    assertThat(m.getInteger("code")).isEqualTo(130);
    first.ws.close().await();
    second.ws.close().await();
  }

  @Test
  void tabCompletionAnswersWithCandidates() throws Exception {
    Session s = open(browser(), "T1");
    s.send(new JsonObject().put("t", "complete").put("id", 7).put("line", "kubectl get virt"));
    JsonObject c = s.next();
    assertThat(c.getInteger("id")).isEqualTo(7);
    assertThat(c.getJsonArray("candidates").getList()).containsExactly("virtualservices");
    assertThat(c.getInteger("from")).isEqualTo(12);
    s.ws.close().await();
  }

  @Test
  void aFifthTerminalAndANinthSessionAreToldWhy() throws Exception {
    Browser b = browser();
    List<Session> open = new ArrayList<>();
    for (String t : List.of("T1", "T2", "T3", "T4")) {
      open.add(open(b, t));
    }
    Session fifth = new Session(b, "T5");
    JsonObject refused = fifth.next();
    assertThat(refused.getString("t")).isEqualTo("refused");
    assertThat(refused.getString("message")).contains("at most 4 terminals");
    for (int i = 0; i < 4; i++) {
      open.add(open(b, "T" + (1 + i)));
    }
    Session ninth = new Session(b, "T1");
    assertThat(ninth.next().getString("message")).contains("already has 8 terminal sessions");
    for (Session s : open) {
      s.ws.close().await();
    }
  }
}
