package dev.trafficlab.server.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/** Chains asynchronous tasks so each starts when the previous one ended (success or failure). Never blocks. */
final class SerialQueue {
  private Future<?> tail = Future.succeededFuture();

  synchronized <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<?> previous = tail;
    tail = done.future();
    previous.onComplete(ignored -> {
      Future<T> started;
      try {
        started = task.get();
      } catch (RuntimeException e) {
        started = Future.failedFuture(e);
      }
      started.onComplete(done);
    });
    return done.future();
  }
}
