package dev.trafficlab.bookinfo.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.bookinfo.MeshBusyException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of batch admission: limits counted once, shares, round robin between sandboxes,
 * lag-driven bound.
 */
class BatchAdmissionTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final LinkedBlockingQueue<String> ran = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void submit(BatchAdmission a, String sandbox, String name) {
    a.submit(sandbox, context, () -> ran.add(name));
  }

  private String next() throws InterruptedException {
    String s = ran.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("a request that should have been admitted").isNotNull();
    return s;
  }

  @Test
  void batchesAreCountedOncePerSandboxFromManyThreads() throws Exception {
    BatchAdmission a = new BatchAdmission(BatchAdmission.Limits.fixed(8, 1, 2, 100));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger accepted = new AtomicInteger();
    List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(40);
    for (int i = 0; i < 40; i++) {
      pool.execute(
          () -> {
            try {
              start.await();
              a.startBatch("heavy");
              accepted.incrementAndGet();
            } catch (MeshBusyException e) {
              refusals.add(e.getMessage());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              done.countDown();
            }
          });
    }
    start.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(accepted).hasValue(2);
    assertThat(refusals)
        .hasSize(38)
        .containsOnly(
            "this sandbox is already sending 2 batches of requests: wait for one to finish");
    a.endBatch("heavy");
    a.startBatch("heavy");
    assertThat(a.batches("heavy")).isEqualTo(2);
  }

  @Test
  void theServerWideBatchLimitNamesItself() {
    BatchAdmission a = new BatchAdmission(BatchAdmission.Limits.fixed(8, 1, 2, 3));
    a.startBatch("a");
    a.startBatch("b");
    a.startBatch("c");
    assertThatThrownBy(() -> a.startBatch("d"))
        .isInstanceOf(MeshBusyException.class)
        .hasMessageContaining(
            "the data plane is busy: 3 batches of requests are running on this server");
  }

  @Test
  void waitingSandboxesAreServedInTurnAheadOfOneOverItsShare() throws Exception {
    BatchAdmission a = new BatchAdmission(BatchAdmission.Limits.fixed(2, 1, 2, 100));
    for (int i = 1; i <= 5; i++) {
      submit(a, "noisy", "noisy-" + i);
    }
    assertThat(List.of(next(), next())).containsExactly("noisy-1", "noisy-2");
    assertThat(a.waiting("noisy")).isEqualTo(3);
    submit(a, "quiet", "quiet-1");
    submit(a, "quiet", "quiet-2");
    assertThat(a.share()).isEqualTo(1);
    // The slot the noisy sandbox frees goes to the quiet one, the noisy one being over its share;
    // then they
    // take turns, one request each.
    a.release("noisy");
    assertThat(next()).isEqualTo("quiet-1");
    a.release("noisy");
    assertThat(next()).isEqualTo("noisy-3");
    a.release("quiet");
    assertThat(next()).isEqualTo("quiet-2");
    a.release("noisy");
    assertThat(next()).isEqualTo("noisy-4");
    assertThat(a.inFlight()).isEqualTo(2);
    assertThat(a.waiting("noisy")).isEqualTo(1);
  }

  @Test
  void theBoundShrinksWhileTheLoopsRunLateAndGrowsWhileTheyKeepUp() throws Exception {
    BatchAdmission a = new BatchAdmission(new BatchAdmission.Limits(2, 64, 1, 2, 100, 10));
    int start = a.limit();
    for (int i = 0; i < 50; i++) {
      a.adjust(40);
    }
    assertThat(a.limit()).isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      submit(a, "s", "r" + i);
    }
    assertThat(List.of(next(), next())).hasSize(2);
    // Keeping up with the bound in use: it grows and the waiting requests are admitted.
    a.adjust(1);
    a.adjust(1);
    assertThat(a.limit()).isGreaterThan(2);
    assertThat(next()).isEqualTo("r2");
    // Keeping up but idle: no growth towards a burst nobody asked for.
    BatchAdmission idle = new BatchAdmission(new BatchAdmission.Limits(2, 64, 1, 2, 100, 10));
    idle.adjust(1);
    assertThat(idle.limit()).isEqualTo(start);
  }
}
