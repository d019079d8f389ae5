package dev.trafficlab.bookinfo.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
  static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    VERTX.close().await();
  }

  final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  ConnectionPool pool() {
    return new ConnectionPool(
        VERTX, () -> 0.5, c -> counts.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet());
  }

  long count(String c) {
    AtomicLong a = counts.get(c);
    return a == null ? 0 : a.get();
  }

  /** Runs on one event-loop context, as a hop does, and waits for the answer. */
  static <T> T onLoop(Supplier<Future<T>> body) {
    Promise<T> p = Promise.promise();
    VERTX.getOrCreateContext().runOnContext(v -> body.get().onComplete(p));
    return p.future().await();
  }

  static final CircuitBreaker TASK = new CircuitBreaker(1, 1, CircuitBreaker.UNLIMITED, 1);

  @Test
  void aColdPoolQueuesTheFirstRequestWhileConnectingAndOverflowsTheNext() {
    ConnectionPool p = pool();
    Object first =
        onLoop(
            () -> {
              Object a = p.acquire(TASK);
              Object b = p.acquire(TASK);
              assertThat(a).isInstanceOf(ConnectionPool.Waiter.class);
              assertThat(b).isNull();
              assertThat(p.pendingActive()).isEqualTo(1);
              assertThat(p.pendingOpen()).isEqualTo(1);
              return ((ConnectionPool.Waiter) a).future().map(l -> (Object) l);
            });
    assertThat(first).isInstanceOf(ConnectionPool.Lease.class);
    assertThat(count("upstream_rq_pending_total")).isEqualTo(1);
    assertThat(count("upstream_rq_pending_overflow")).isEqualTo(1);
    assertThat(count("upstream_cx_total")).isEqualTo(1);
    assertThat(p.pendingActive()).isZero();
    assertThat(p.requestsActive()).isEqualTo(1);
  }

  @Test
  void oneRequestPerConnectionMakesTheQueuedRequestWaitForAFreshConnection() {
    ConnectionPool p = pool();
    long waitedNanos =
        onLoop(
            () ->
                ((ConnectionPool.Waiter) p.acquire(TASK))
                    .future()
                    .compose(
                        lease -> {
                          var second = (ConnectionPool.Waiter) p.acquire(TASK);
                          long released = System.nanoTime();
                          lease.release(true);
                          // The connection closed after its one request: the queued one is still
                          // pending while a new connection opens, so a third overflows.
                          assertThat(p.pendingActive()).isEqualTo(1);
                          assertThat(p.acquire(TASK)).isNull();
                          return second.future().map(l -> System.nanoTime() - released);
                        }));
    assertThat(waitedNanos).isGreaterThanOrEqualTo(ConnectionPool.CONNECT_MS * 900_000L);
    assertThat(count("upstream_cx_total")).isEqualTo(2);
    assertThat(count("upstream_rq_pending_overflow")).isEqualTo(1);
    assertThat(count("upstream_cx_overflow")).isEqualTo(1);
  }

  @Test
  void aKeptAliveConnectionServesTheQueuedRequestAtOnce() {
    ConnectionPool p = pool();
    CircuitBreaker keepAlive = new CircuitBreaker(1, 1, CircuitBreaker.UNLIMITED, 0);
    Object second =
        onLoop(
            () ->
                ((ConnectionPool.Waiter) p.acquire(keepAlive))
                    .future()
                    .map(
                        lease -> {
                          var w = (ConnectionPool.Waiter) p.acquire(keepAlive);
                          lease.release(true);
                          assertThat(w.future().isComplete()).isTrue();
                          return (Object) w.future().result();
                        }));
    assertThat(second).isInstanceOf(ConnectionPool.Lease.class);
    assertThat(count("upstream_cx_total")).isEqualTo(1);
  }

  @Test
  void maxRequestsOverflowsEvenWithAnIdleConnection() {
    ConnectionPool p = pool();
    CircuitBreaker twoConnectionsOneRequest = new CircuitBreaker(2, 10, 1, 0);
    onLoop(
        () -> {
          var a = (ConnectionPool.Waiter) p.acquire(twoConnectionsOneRequest);
          var b = (ConnectionPool.Waiter) p.acquire(twoConnectionsOneRequest);
          return Future.all(a.future(), b.future().recover(e -> Future.succeededFuture()))
              .map(x -> null);
        });
    assertThat(count("upstream_rq_pending_overflow")).isEqualTo(1);
    assertThat(p.requestsActive()).isEqualTo(1);
  }

  @Test
  void aCancelledWaiterLeavesTheQueue() {
    ConnectionPool p = pool();
    onLoop(
        () -> {
          var w = (ConnectionPool.Waiter) p.acquire(TASK);
          w.cancel();
          assertThat(p.pendingActive()).isZero();
          assertThat(p.acquire(TASK)).isInstanceOf(ConnectionPool.Waiter.class);
          return Future.succeededFuture();
        });
  }
}
