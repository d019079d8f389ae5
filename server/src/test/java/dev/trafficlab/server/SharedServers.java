package dev.trafficlab.server;

import dev.trafficlab.server.testing.FreePorts;
import dev.trafficlab.server.testing.LoadBalancer;
import dev.trafficlab.server.testing.RedisServer;
import dev.trafficlab.server.testing.SlowLink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several real servers sharing one real redis-server (REDIS_URL), behind a real nginx that sends
 * requests to them in turn: the deployment of docs/deployment.md, in one test. Each server has a
 * Vert.x of its own and a fixed port, so it can be restarted in place.
 */
final class SharedServers implements AutoCloseable {
  final RedisServer redis;
  final LoadBalancer nginx;
  private final List<Integer> ports = new ArrayList<>();
  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<TrafficLabServer> servers = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int creationsPerMinute;
  private final int creationBurst;
  private final List<String> redisUrls = new ArrayList<>();
  private SlowLink slowLink;

  private SharedServers(int count, int creationsPerMinute, int creationBurst) {
    this(count, creationsPerMinute, creationBurst, -1, Duration.ZERO);
  }

  private SharedServers(
      int count, int creationsPerMinute, int creationBurst, int slowIndex, Duration slowness) {
    this.creationsPerMinute = creationsPerMinute;
    this.creationBurst = creationBurst;
    // As production runs it (docs/deployment.md): a restarted Redis still holds every sandbox.
    redis = RedisServer.startWithAppendOnlyFile();
    try {
      for (int i = 0; i < count; i++) {
        if (i == slowIndex) {
          slowLink = SlowLink.to("127.0.0.1", redis.port(), slowness);
          redisUrls.add("redis://127.0.0.1:" + slowLink.port());
        } else {
          redisUrls.add(redis.url());
        }
      }
      for (int i = 0; i < count; i++) {
        int port = FreePorts.next();
        Vertx vertx = Vertx.vertx();
        ports.add(port);
        vertxes.add(vertx);
        servers.add(TrafficLabServer.start(vertx, config(i, port)).await());
      }
      nginx = LoadBalancer.roundRobin(ports);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  static SharedServers start(int count) {
    return new SharedServers(count, 600, 10_000);
  }

  /**
   * Server {@code slowIndex} reaches Redis over a slow network: every reply and every announcement
   * of a change arrives {@code slowness} late.
   */
  static SharedServers withSlowLink(int count, int slowIndex, Duration slowness) {
    return new SharedServers(count, 600, 10_000, slowIndex, slowness);
  }

  /** With this creation limit per client address (SANDBOX_CREATIONS_PER_MINUTE and _BURST). */
  static SharedServers start(int count, int creationsPerMinute, int creationBurst) {
    return new SharedServers(count, creationsPerMinute, creationBurst);
  }

  /**
   * Behind the proxy (TRUST_PROXY), so creations count per learner address; a burst large enough
   * for the tests' sandboxes.
   */
  private ServerConfig config(int index, int port) {
    return TestServer.config()
        .port(port)
        .maxSandboxes(200)
        .sandboxCreationsPerMinute(creationsPerMinute)
        .sandboxCreationBurst(creationBurst)
        .trustForwardedFor(true)
        .redisUrl(redisUrls.get(index))
        .build();
  }

  TrafficLabServer server(int index) {
    return servers.get(index);
  }

  /** The address learners use: nginx. */
  String base() {
    return nginx.base();
  }

  /** One server's own address, past nginx. */
  String direct(int index) {
    return "http://127.0.0.1:" + ports.get(index);
  }

  /**
   * Restarts one server as an operator would in a rolling restart: a graceful stop (new connections
   * refused, requests in flight finished), then a new server on the same port.
   */
  void restart(int index) {
    servers.get(index).shutdown(Duration.ofSeconds(10)).await();
    servers.set(
        index, TrafficLabServer.start(vertxes.get(index), config(index, ports.get(index))).await());
  }

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  Reply get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Reply post(String url, JsonObject body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  Reply postYaml(String url, String yaml) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.build().uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (nginx != null) {
      nginx.close();
    }
    for (TrafficLabServer server : servers) {
      server.close().otherwiseEmpty().await();
    }
    for (Vertx vertx : vertxes) {
      vertx.close().await();
    }
    if (slowLink != null) {
      slowLink.close();
    }
    redis.close();
  }
}
