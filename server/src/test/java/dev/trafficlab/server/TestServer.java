package dev.trafficlab.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A real server on a free port with a hand-moved clock, and a client for it. Blocking helpers:
 * tests only.
 */
public final class TestServer implements AutoCloseable {
  public final Vertx vertx;
  public final MutableClock clock;
  public final TrafficLabServer server;
  public final WebClient client;

  private TestServer(Vertx vertx, ServerConfig config, MutableClock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.server = TrafficLabServer.start(vertx, config, clock).await();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port())
                .setFollowRedirects(false));
  }

  /** The settings tests start from: a free port, sandboxes in memory only, at most 100. */
  public static ServerConfig.Builder config() {
    return ServerConfig.builder().port(0).maxSandboxes(100).dataDir(null);
  }

  public static TestServer start(Vertx vertx) {
    return start(vertx, config().build());
  }

  public static TestServer start(Vertx vertx, ServerConfig config) {
    return new TestServer(vertx, config, new MutableClock());
  }

  /** A server whose clock moves with real time (pods start, kubectl wait returns). */
  public static TestServer startRunning(Vertx vertx) {
    return new TestServer(vertx, config().build(), MutableClock.running());
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path) {
    return client.request(method, path).send().await();
  }

  public HttpResponse<Buffer> sendJson(HttpMethod method, String path, JsonObject body) {
    return client.request(method, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> sendText(
      HttpMethod method, String path, String contentType, String body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  /** Creates a sandbox through the API and returns its JSON ({"id","productPage"}). */
  public JsonObject createSandbox(JsonObject body) {
    HttpResponse<Buffer> response = sendJson(HttpMethod.POST, "/api/sandboxes", body);
    if (response.statusCode() != 201) {
      throw new AssertionError(
          "create sandbox: HTTP " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  public String createSandbox() {
    return createSandbox(new JsonObject()).getString("id");
  }

  @Override
  public void close() {
    client.close();
    server.close().await();
  }
}
