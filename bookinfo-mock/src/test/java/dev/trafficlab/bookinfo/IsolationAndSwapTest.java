package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One sandbox's rules never route another's traffic, and swapping rules mid-flight fails no
 * request.
 */
class IsolationAndSwapTest {

  @Test
  void twoSandboxesRouteAndRecordOnlyTheirOwnTraffic() {
    try (MeshFixture f = new MeshFixture()) {
      // Each sandbox's snapshot carries its own rule: revision 2 sends reviews to v2, revision 3 to
      // v3.
      f.routes.rule(
          "reviews",
          (s, r) -> Routes.route(Routes.target("reviews", "v" + s.revision(), 100)).build());
      TestSandbox a = new TestSandbox("iso-a", 2);
      TestSandbox b = new TestSandbox("iso-b", 3);
      List<Future<MeshResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(
            f.mesh.call(
                i % 2 == 0 ? a : b,
                new RouteRequest(
                    "istio-ingressgateway", "localhost", null, "GET", "/productpage", Map.of())));
      }
      Future.all(calls).await();
      for (int i = 0; i < 20; i++) {
        String version = WorkloadsTest.attr(calls.get(i).result().body(), "data-reviews-version");
        assertThat(version).isEqualTo(i % 2 == 0 ? "v2" : "v3");
      }
      assertThat(a.traffic().recent(1000))
          .allSatisfy(t -> assertThat(t.fromPod()).doesNotStartWith("reviews-v3"))
          .anyMatch(t -> t.fromPod().startsWith("reviews-v2"));
      assertThat(b.traffic().recent(1000))
          .allSatisfy(t -> assertThat(t.fromPod()).doesNotStartWith("reviews-v2"));
      assertThat(a.traffic().total()).isEqualTo(10 * 4);
    }
  }

  @Test
  void swappingSnapshotsWhileRequestsFlowFailsNone() throws Exception {
    try (MeshFixture f = new MeshFixture()) {
      f.routes.rule(
          "reviews",
          (s, r) ->
              s.revision() % 2 == 0
                  ? Routes.route(
                          Routes.target("reviews", "v1", 50), Routes.target("reviews", "v3", 50))
                      .build()
                  : Routes.route(Routes.target("reviews", "v3", 100)).build());
      TestSandbox s = new TestSandbox("swap", 1);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread swapper =
          new Thread(
              () -> {
                long rev = 2;
                while (running.get()) {
                  s.swap(TestSandbox.snapshot(rev++));
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      swapper.start();
      var out =
          f.mesh
              .sendRequests(
                  s,
                  new RouteRequest(
                      "istio-ingressgateway", "localhost", null, "GET", "/productpage", Map.of()),
                  300,
                  16)
              .await();
      running.set(false);
      swapper.join();
      assertThat(out.getJsonObject("summary").getJsonObject("statuses").getMap())
          .containsOnlyKeys("200");
      for (Object o : out.getJsonArray("responses")) {
        String body = ((io.vertx.core.json.JsonObject) o).getString("body");
        assertThat(body).contains("Book Reviews").doesNotContain("Error fetching");
        assertThat(WorkloadsTest.attr(body, "data-reviews-version")).isIn("v1", "v3");
      }
    }
  }
}
