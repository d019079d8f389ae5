package dev.trafficlab.bookinfo;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.mesh.routing.RetryPolicy;
import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** A running data plane with hand-made routes, and an edge server that mounts the product pages. */
final class MeshFixture implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final Routes routes = new Routes();
  final Map<String, MeshContext> pages = new ConcurrentHashMap<>();
  final BookinfoMesh mesh;
  final HttpServer edge;
  final WebClient browser;

  MeshFixture() {
    this(BookinfoMesh.Options.defaults().withRandom(new Random(42)::nextDouble));
  }

  MeshFixture(BookinfoMesh.Options options) {
    this(options, false);
  }

  /**
   * With {@code realRoutes} the sidecars ask the snapshot's compiled route table, as in production.
   */
  MeshFixture(BookinfoMesh.Options options, boolean realRoutes) {
    mesh =
        BookinfoMesh.start(
                vertx,
                realRoutes
                    ? options.withDecisions(
                        dev.trafficlab.bookinfo.sidecar.DecisionSource.routeTable())
                    : options.withDecisions(routes))
            .await();
    Router router = Router.router(vertx);
    mesh.mountProductPage(router, pages::get);
    edge = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    browser =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(edge.actualPort()));
  }

  MeshResponse call(
      MeshContext ctx, String from, String host, String path, Map<String, String> headers) {
    return mesh.call(ctx, new RouteRequest(from, host, null, "GET", path, headers)).await();
  }

  /**
   * Ratings answers after 500 ms (give or take 100) and reviews v2's pool holds one connection and
   * one pending request, without retries: a few requests at once overflow it.
   */
  void slowRatingsAndAOneConnectionReviewsPool() {
    routes.rule(
        "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(500, 100).build());
    routes.rule(
        "reviews",
        Routes.route(
                Routes.target(
                    "reviews",
                    "v2",
                    100,
                    Map.of(
                        "connectionPool",
                        Map.of(
                            "tcp",
                            Map.of("maxConnections", 1),
                            "http",
                            Map.of("http1MaxPendingRequests", 1))),
                    null))
            .retries(new RetryPolicy(0, null, List.of(), 0))
            .build());
  }

  @Override
  public void close() {
    browser.close();
    edge.close().await();
    mesh.close().await();
    vertx.close().await();
  }
}
