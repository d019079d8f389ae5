package dev.trafficlab.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;

/**
 * One-time costs paid at start-up instead of by the first learner. Vert.x registers a Flight
 * Recorder event on its first network write, and JFR's set-up takes seconds on a busy machine; done
 * on a worker thread here, and then one request to /health runs the HTTP path once before the
 * server says it is ready.
 */
final class WarmUp {
  private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

  private WarmUp() {}

  /** Blocking: call on a worker thread. */
  static void flightRecorder() {
    try {
      jdk.jfr.FlightRecorder.register(ServerStarted.class);
    } catch (LinkageError | RuntimeException e) {
      // A runtime without JFR: Vert.x will not register anything either.
    }
  }

  /** One request to the server's own /health; never fails the start. */
  static Future<Void> firstRequest(Vertx vertx, String host, int port) {
    String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    HttpClient client = vertx.createHttpClient();
    return client
        .request(HttpMethod.GET, port, target, "/health")
        .compose(request -> request.send())
        .compose(response -> response.body())
        .<Void>mapEmpty()
        .recover(
            err -> {
              LOG.log(System.Logger.Level.WARNING, "warm-up request failed: " + err.getMessage());
              return Future.succeededFuture();
            })
        .eventually(() -> client.close());
  }

  @jdk.jfr.Name("dev.trafficlab.ServerStarted")
  @jdk.jfr.Label("Traffic Lab server started")
  @jdk.jfr.Enabled(false)
  static final class ServerStarted extends jdk.jfr.Event {}
}
