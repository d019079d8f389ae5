package dev.trafficlab.server;

import dev.trafficlab.server.http.ConnectionGuard;
import dev.trafficlab.server.http.HostCheck;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.BrotliMode;
import io.netty.handler.codec.compression.CompressionOptions;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The browser-facing HTTP server: one listener per core, all on the same port, each on its own
 * event loop with its own router. Vert.x spreads the connections over them, and a product page's
 * hops stay on the loop that accepted it, so pages are served by every core instead of queueing
 * behind one loop.
 */
final class WebListener {
  private final Vertx vertx;
  private final String deploymentId;
  private final List<HttpServer> servers;

  private WebListener(Vertx vertx, String deploymentId, List<HttpServer> servers) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.servers = servers;
  }

  /** How many listeners to start: one per core (Vert.x's event-loop pool is twice that). */
  static int perCore() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  static Future<WebListener> deploy(Vertx vertx, ServerConfig config, Supplier<Router> routes) {
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    // Behind a trusted proxy every connection comes from the proxy: the per-address limit is the
    // proxy's to keep.
    ConnectionGuard guard =
        new ConnectionGuard(
            vertx,
            config.requestHeaderTimeout(),
            config.connectionIdleTimeout(),
            config.trustForwardedFor() ? 0 : config.maxConnectionsPerAddress());
    HttpServerOptions options =
        new HttpServerOptions()
            .setIdleTimeout((int) config.connectionIdleTimeout().getSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // Without cleartext HTTP/2 a connection is set up as HTTP/1.1 when accepted, not after
            // its first bytes, so
            // the connection handler (and the guard) sees it at once.
            .setHttp2ClearTextEnabled(false)
            // brotli, gzip or deflate, whichever the client prefers (Netty picks brotli when it
            // is accepted as well as gzip): scripts, pages and JSON shrink to a quarter or less;
            // Netty skips bodies below 1 KiB, where it would not pay off.
            .setCompressionSupported(true)
            .setCompressionContentSizeThreshold(1024);
    for (CompressionOptions c : compressors()) {
      options.addCompressor(c);
    }
    // Port 0 asks for a random port; Vert.x shares one random port among listeners that ask for
    // port -1.
    int port = config.port() == 0 ? -1 : config.port();
    return vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    HttpServer server =
                        vertx
                            .createHttpServer(options)
                            .connectionHandler(guard::connected)
                            .exceptionHandler(guard::failed);
                    return server
                        .requestHandler(guard.watching(HostCheck.before(routes.get())))
                        .listen(port, config.host())
                        .onSuccess(servers::add);
                  }
                },
            new DeploymentOptions().setInstances(perCore()))
        .map(id -> new WebListener(vertx, id, servers));
  }

  int listeners() {
    return servers.size();
  }

  int port() {
    return servers.get(0).actualPort();
  }

  Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  /**
   * Stops accepting connections at once, lets the requests in flight finish (for at most {@code
   * grace}), then closes: behind a load balancer, a server being restarted loses no request, as new
   * connections are refused and go to another server.
   */
  Future<Void> shutdown(Duration grace) {
    List<Future<Void>> stopping = new java.util.ArrayList<>();
    for (HttpServer server : servers) {
      stopping.add(server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
    }
    return Future.join(stopping).otherwiseEmpty().compose(v -> close());
  }

  /**
   * Brotli when its native library, which travels in the jar for Linux x86_64 and aarch64, loads
   * here; gzip and deflate always. Quality 6, not Netty's default 4: at 4 brotli came out larger
   * than gzip for app.js (12,362 against 11,860 bytes); at 6 it is 4% smaller for about gzip's CPU
   * (docs/benchmarks.md).
   */
  static List<CompressionOptions> compressors() {
    List<CompressionOptions> all = new java.util.ArrayList<>();
    if (Brotli.isAvailable()) {
      all.add(StandardCompressionOptions.brotli(BROTLI_QUALITY, BROTLI_WINDOW, BrotliMode.TEXT));
    }
    all.add(StandardCompressionOptions.gzip());
    all.add(StandardCompressionOptions.deflate());
    return all;
  }

  static final int BROTLI_QUALITY = 6;

  /** Brotli's default window (log2 of 4 MiB): larger than any answer the app sends. */
  private static final int BROTLI_WINDOW = 22;
}
