package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebListenerTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static ServerConfig onFreePort() {
    return TestServer.config().build();
  }

  @Test
  void portZeroGivesOneRandomPortSharedByAListenerPerCoreEachWithItsOwnRouter() {
    AtomicInteger routers = new AtomicInteger();
    WebListener web =
        WebListener.deploy(
                vertx,
                onFreePort(),
                () -> {
                  routers.incrementAndGet();
                  return Router.router(vertx);
                })
            .await();

    assertThat(web.listeners()).isEqualTo(WebListener.perCore());
    assertThat(routers).hasValue(WebListener.perCore());
    assertThat(web.port()).isPositive();
    web.close().await();
  }

  @Test
  void connectionsAreSpreadOverTheListenersEventLoops() {
    WebListener web =
        WebListener.deploy(
                vertx,
                onFreePort(),
                () -> {
                  Router router = Router.router(vertx);
                  router
                      .get("/thread")
                      .handler(ctx -> ctx.response().end(Thread.currentThread().getName()));
                  return router;
                })
            .await();
    // One connection per request: each is accepted by the next listener in turn.
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(false), new PoolOptions().setHttp1MaxSize(1));
    List<Future<String>> threads = new ArrayList<>();
    for (int i = 0; i < 4 * WebListener.perCore(); i++) {
      threads.add(
          client
              .request(HttpMethod.GET, web.port(), "127.0.0.1", "/thread")
              .compose(request -> request.send())
              .compose(response -> response.body())
              .map(Object::toString));
    }
    Set<String> seen = new HashSet<>();
    for (Future<String> thread : threads) {
      seen.add(thread.await());
    }

    assertThat(seen)
        .hasSize(WebListener.perCore())
        .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    web.close().await();
  }
}
