package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Weighted routing over many real requests, and the requests endpoint's contract. */
class TrafficSplitTest {

  @Test
  void thousandRequestsUnderFiftyFiftyLandWithinFortyFiveToFiftyFivePercent() {
    try (MeshFixture f =
        new MeshFixture(BookinfoMesh.Options.defaults().withRandom(new Random(7)::nextDouble))) {
      f.routes.rule(
          "reviews",
          Routes.route(Routes.target("reviews", "v1", 50), Routes.target("reviews", "v3", 50))
              .build());
      JsonObject out =
          f.mesh
              .sendRequests(
                  new TestSandbox("split"),
                  new RouteRequest(
                      "productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of()),
                  1000,
                  32)
              .await();
      JsonObject subsets = out.getJsonObject("summary").getJsonObject("subsets");
      assertThat(subsets.getInteger("v1") + subsets.getInteger("v3")).isEqualTo(1000);
      assertThat(subsets.getInteger("v1")).isBetween(450, 550);
      assertThat(out.getJsonObject("summary").getJsonObject("statuses").getInteger("200"))
          .isEqualTo(1000);
      assertThat(out.getJsonObject("summary").getDouble("p50Ms")).isPositive();
      assertThat(out.getJsonObject("summary").getDouble("p99Ms"))
          .isGreaterThanOrEqualTo(out.getJsonObject("summary").getDouble("p50Ms"));
      JsonObject first = out.getJsonArray("responses").getJsonObject(0);
      assertThat(first.fieldNames())
          .contains(
              "status",
              "responseFlags",
              "host",
              "port",
              "subset",
              "pod",
              "cluster",
              "durationMs",
              "upstreamPath",
              "upstreamHeaders",
              "responseHeaders",
              "body",
              "fault",
              "mirroredTo");
      assertThat(first.getString("host")).isEqualTo("reviews.default.svc.cluster.local");
      assertThat(first.getInteger("port")).isEqualTo(9080);
      assertThat(first.getString("cluster")).startsWith("outbound|9080|v");
      assertThat(first.getString("upstreamPath")).isEqualTo("/reviews/0");
      assertThat(first.getValue("fault")).isNull();
    }
  }

  @Test
  void faultAndNoUpstreamAreReportedPerResponse() {
    try (MeshFixture f = new MeshFixture()) {
      f.routes.rule(
          "ratings", Routes.route(Routes.target("ratings", "v1", 100)).abort(500, 100).build());
      JsonObject out =
          f.mesh
              .sendRequests(
                  new TestSandbox("fault"),
                  new RouteRequest(
                      "reviews-v2",
                      "ratings",
                      null,
                      "GET",
                      "/ratings/0",
                      Map.of("end-user", "jason")),
                  3,
                  2)
              .await();
      JsonObject r = out.getJsonArray("responses").getJsonObject(0);
      assertThat(r.getInteger("status")).isEqualTo(500);
      assertThat(r.getString("responseFlags")).isEqualTo("FI");
      assertThat(r.getJsonObject("fault")).isEqualTo(new JsonObject().put("abortStatus", 500));
      assertThat(r.getValue("pod")).isNull();
      assertThat(r.getString("body")).isEqualTo("fault filter abort");
      assertThat(out.getJsonObject("summary").getJsonObject("statuses").getInteger("500"))
          .isEqualTo(3);
    }
  }

  @Test
  void batchIsBoundedAndReportsUnfinishedRequestsAsCancelled() {
    try (MeshFixture f =
        new MeshFixture(BookinfoMesh.Options.defaults().withRequestsBoundMs(400))) {
      f.routes.rule(
          "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(5000, 100).build());
      long t0 = System.nanoTime();
      JsonObject out =
          f.mesh
              .sendRequests(
                  new TestSandbox("bound"),
                  new RouteRequest("reviews-v2", "ratings", null, "GET", "/ratings/0", Map.of()),
                  5,
                  2)
              .await();
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(3.0);
      JsonObject r = out.getJsonArray("responses").getJsonObject(4);
      assertThat(r.getInteger("status")).isEqualTo(0);
      assertThat(r.getString("responseFlags")).isEqualTo("cancelled");
      assertThat(out.getJsonObject("summary").getJsonObject("statuses").getInteger("0"))
          .isEqualTo(5);
    }
  }

  @Test
  void countAndConcurrencyOutOfRangeAreClearErrors() {
    try (MeshFixture f = new MeshFixture()) {
      RouteRequest req =
          new RouteRequest("productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of());
      TestSandbox s = new TestSandbox("bad");
      assertThatThrownBy(() -> f.mesh.sendRequests(s, req, 0, 1).await())
          .isInstanceOf(MeshRequestException.class)
          .hasMessage("count must be between 1 and 1000, got 0");
      assertThatThrownBy(() -> f.mesh.sendRequests(s, req, 1001, 1).await())
          .isInstanceOf(MeshRequestException.class);
      assertThatThrownBy(() -> f.mesh.sendRequests(s, req, 10, 65).await())
          .isInstanceOf(MeshRequestException.class)
          .hasMessage("concurrency must be between 1 and 64, got 65");
      assertThatThrownBy(
              () ->
                  f.mesh
                      .call(s, new RouteRequest("sleep-v1", "reviews", null, "GET", "/", Map.of()))
                      .await())
          .isInstanceOf(MeshRequestException.class)
          .hasMessage("pods \"sleep-v1\" not found");
    }
  }
}
