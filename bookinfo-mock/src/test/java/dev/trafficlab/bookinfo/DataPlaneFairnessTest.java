package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.requests.BatchAdmission;
import dev.trafficlab.bookinfo.sidecar.EventLoops;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One learner's batches cannot take the data plane from the others: batches are counted once per
 * sandbox whatever event loop received them, a batch over the limit is refused with a message
 * naming it, and a quiet sandbox's product page and its own batch get through while a noisy sandbox
 * holds its whole share.
 */
class DataPlaneFairnessTest {
  private static final RouteRequest REVIEWS =
      new RouteRequest("productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of());

  /**
   * Snapshots of revision 7 belong to the noisy sandbox: its calls to reviews wait on a delay rule.
   */
  private static final long NOISY = 7;

  private static MeshFixture fixture(BatchAdmission.Limits limits, long noisyDelayMs) {
    MeshFixture f = new MeshFixture(BookinfoMesh.Options.defaults().withAdmission(limits));
    Decision slow =
        Routes.route(Routes.target("reviews", "v1", 100)).delay(noisyDelayMs, 100).build();
    Decision fast = Routes.route(Routes.target("reviews", "v1", 100)).build();
    f.routes.rule("reviews", (snapshot, request) -> snapshot.revision() == NOISY ? slow : fast);
    return f;
  }

  @Test
  void batchLimitIsCountedOncePerSandboxAcrossEventLoops() throws Exception {
    try (MeshFixture f = fixture(BatchAdmission.Limits.defaults(), 60_000)) {
      TestSandbox noisy = new TestSandbox("noisy", NOISY);
      List<Context> loops = EventLoops.contexts(f.vertx);
      assertThat(loops).hasSizeGreaterThan(1);
      List<Future<JsonObject>> batches = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch sent = new CountDownLatch(10);
      for (int i = 0; i < 10; i++) {
        Context loop = loops.get(i % loops.size());
        loop.runOnContext(
            v -> {
              batches.add(f.mesh.sendRequests(noisy, REVIEWS, 10, 4));
              sent.countDown();
            });
      }
      assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<JsonObject>> refused = batches.stream().filter(Future::failed).toList();
      assertThat(batches.stream().filter(b -> !b.isComplete())).hasSize(2);
      assertThat(refused)
          .hasSize(8)
          .allSatisfy(
              b -> {
                assertThat(b.cause())
                    .isInstanceOf(MeshBusyException.class)
                    .hasMessage(
                        "this sandbox is already sending 2 batches of requests: wait for one to finish");
                assertThat(((MeshBusyException) b.cause()).retryAfterSeconds()).isPositive();
              });
      assertThat(f.mesh.admission().batches("noisy")).isEqualTo(2);
      // Another sandbox is not affected by the noisy one's limit.
      JsonObject other = f.mesh.sendRequests(new TestSandbox("other"), REVIEWS, 3, 3).await();
      assertThat(other.getJsonObject("summary").getJsonObject("statuses").getInteger("200"))
          .isEqualTo(3);
    }
  }

  @Test
  void aFinishedBatchGivesItsSlotBack() {
    try (MeshFixture f = fixture(BatchAdmission.Limits.defaults(), 60_000)) {
      TestSandbox s = new TestSandbox("again");
      for (int i = 0; i < 5; i++) {
        assertThat(
                f.mesh
                    .sendRequests(s, REVIEWS, 2, 2)
                    .await()
                    .getJsonObject("summary")
                    .getJsonObject("statuses")
                    .getInteger("200"))
            .isEqualTo(2);
      }
      assertThat(f.mesh.admission().batches("again")).isZero();
      assertThat(f.mesh.admission().inFlight()).isZero();
    }
  }

  @Test
  void quietSandboxGetsThroughWhileANoisySandboxHoldsItsWholeShare() throws Exception {
    // A fixed bound of 4 batch requests in flight, all taken by the noisy sandbox's delayed
    // requests.
    try (MeshFixture f = fixture(BatchAdmission.Limits.fixed(4, 1, 2, 100), 300)) {
      TestSandbox noisy = new TestSandbox("noisy", NOISY);
      TestSandbox quiet = new TestSandbox("quiet");
      f.pages.put("quietKey", quiet);
      f.mesh.sendRequests(noisy, REVIEWS, 1000, 64);
      f.mesh.sendRequests(noisy, REVIEWS, 1000, 64);
      BatchAdmission admission = f.mesh.admission();
      for (int i = 0;
          i < 1000 && (admission.inFlight("noisy") < 4 || admission.waiting("noisy") == 0);
          i++) {
        Thread.sleep(10);
      }
      assertThat(admission.waiting("noisy"))
          .as("noisy requests waiting for their turn")
          .isPositive();
      assertThat(admission.inFlight()).isEqualTo(4);

      // The quiet learner's product page never waits for admission: it is answered while the bound
      // is full.
      var page = f.browser.get("/bookinfo/quietKey/productpage").send().await();
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.bodyAsString()).contains("Simple Bookstore App", "id=\"reviews\"");

      // The quiet learner's own batch is served ahead of the noisy sandbox's 120 waiting requests.
      JsonObject out = f.mesh.sendRequests(quiet, REVIEWS, 6, 6).await();
      assertThat(out.getJsonObject("summary").getJsonObject("statuses").getInteger("200"))
          .isEqualTo(6);
      assertThat(admission.inFlight()).isLessThanOrEqualTo(4);
      assertThat(admission.waiting("noisy")).isPositive();
    }
  }
}
