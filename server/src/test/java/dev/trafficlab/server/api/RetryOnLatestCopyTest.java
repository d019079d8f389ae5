package dev.trafficlab.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.sandbox.SandboxChangedElsewhere;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A change refused because this server's copy was stale runs once more, on the latest copy, with
 * the same body: the learner never sees the race. A second refusal is answered (409), not looped.
 */
class RetryOnLatestCopyTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<String> bodiesSeen = new CopyOnWriteArrayList<>();
  private HttpServer http;

  private WebClient serve(int staleTimes) {
    Router router = Router.router(vertx);
    ApiRouter api = new ApiRouter(router);
    api.add(
        HttpMethod.POST,
        "/api/sandboxes/:id/exec",
        4096,
        ctx -> {
          bodiesSeen.add(ctx.body().asString());
          if (bodiesSeen.size() <= staleTimes) {
            return Future.failedFuture(new SandboxChangedElsewhere(ctx.pathParam("id")));
          }
          JsonReply.send(ctx, 200, new JsonObject().put("ran", bodiesSeen.size()));
          return Future.succeededFuture();
        });
    api.finish();
    http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    return WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private HttpResponse<Buffer> exec(WebClient client) {
    return client
        .post(http.actualPort(), "127.0.0.1", "/api/sandboxes/abc/exec")
        .sendJsonObject(new JsonObject().put("command", "kubectl apply -f rule.yaml"))
        .await();
  }

  @Test
  void aStaleCopyIsRetriedWithTheSameBody() {
    HttpResponse<Buffer> response = exec(serve(3));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getInteger("ran")).isEqualTo(4);
    assertThat(bodiesSeen)
        .hasSize(4)
        .allSatisfy(body -> assertThat(body).contains("kubectl apply -f rule.yaml"));
  }

  @Test
  void aCopyStaleTimeAfterTimeIsAnsweredNotRetriedForever() {
    HttpResponse<Buffer> response = exec(serve(100));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getString("error"))
        .contains("was changed on another server a moment ago");
    assertThat(bodiesSeen).hasSize(11);
  }
}
