package dev.trafficlab.bookinfo;

import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/**
 * The data plane of every sandbox: the Bookinfo workloads on one internal loopback server, their sidecars,
 * and the ingress gateway. Stateless per sandbox apart from what {@link MeshContext} holds.
 */
public final class BookinfoMesh {

  private BookinfoMesh() {}

  /** Starts the internal workload server on a free loopback port. */
  public static Future<BookinfoMesh> start(Vertx vertx) {
    return Future.succeededFuture(new BookinfoMesh());
  }

  /**
   * Serves each sandbox's product page under /bookinfo/:pageKey/ (productpage, login, logout, static, api),
   * entering through the ingress gateway. {@code byPageKey} answers null for an unknown key (404).
   */
  public void mountProductPage(Router router, Function<String, MeshContext> byPageKey) {
    throw new UnsupportedOperationException("product page is not built yet");
  }

  /** One request from a workload's sidecar (or through the ingress when from is istio-ingressgateway). */
  public Future<MeshResponse> call(MeshContext ctx, RouteRequest request) {
    throw new UnsupportedOperationException("call is not built yet");
  }

  /** The body of POST /api/sandboxes/{id}/requests: count requests, at most concurrency at a time, 120 s bound. */
  public Future<JsonObject> sendRequests(MeshContext ctx, RouteRequest request, int count, int concurrency) {
    throw new UnsupportedOperationException("requests are not built yet");
  }

  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
