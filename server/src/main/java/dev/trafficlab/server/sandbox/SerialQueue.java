package dev.trafficlab.server.sandbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Chains asynchronous tasks so each starts when the previous one ended (success or failure). Never
 * blocks.
 *
 * <p>With a worker context, every task runs there (off the event loops), one at a time; a task that
 * waits (a timer, a mesh request) holds no thread, and its answer goes back to the context that
 * submitted it. Without one (tests), tasks run on the thread that completes the previous one.
 */
final class SerialQueue {
  private final Supplier<Context> workerFactory;
  private final AtomicReference<Context> worker = new AtomicReference<>();
  private final AtomicReference<Future<?>> tail = new AtomicReference<>(Future.succeededFuture());

  SerialQueue() {
    this(null);
  }

  /**
   * A queue whose tasks run on a worker context made (once, at the first task) by {@code
   * workerFactory}.
   */
  SerialQueue(Supplier<Context> workerFactory) {
    this.workerFactory = workerFactory;
  }

  <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<?> previous = tail.getAndSet(done.future());
    Context worker = worker();
    if (worker == null) {
      previous.onComplete(ignored -> run(task, done));
      return done.future();
    }
    Context caller = Vertx.currentContext();
    previous.onComplete(ignored -> worker.runOnContext(v -> run(task, done)));
    if (caller == null) {
      return done.future();
    }
    Promise<T> answered = Promise.promise();
    done.future().onComplete(ar -> caller.runOnContext(v -> answered.handle(ar)));
    return answered.future();
  }

  /**
   * Runs an asynchronous task on this queue's worker context without waiting for queued tasks, and
   * without making later tasks wait for it.
   */
  <T> Future<T> alongside(Supplier<Future<T>> task) {
    Context worker = worker();
    Promise<T> done = Promise.promise();
    if (worker == null) {
      run(task, done);
      return done.future();
    }
    Context caller = Vertx.currentContext();
    worker.runOnContext(v -> run(task, done));
    if (caller == null) {
      return done.future();
    }
    Promise<T> answered = Promise.promise();
    done.future().onComplete(ar -> caller.runOnContext(v -> answered.handle(ar)));
    return answered.future();
  }

  /**
   * Runs work off the event loop on this queue's worker context, without waiting for queued tasks.
   */
  <T> Future<T> compute(Supplier<T> work) {
    Context worker = worker();
    if (worker == null) {
      try {
        return Future.succeededFuture(work.get());
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    Context caller = Vertx.currentContext();
    Promise<T> answered = Promise.promise();
    worker.runOnContext(
        v -> {
          Future<T> result;
          try {
            result = Future.succeededFuture(work.get());
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          Future<T> r = result;
          if (caller == null) {
            answered.handle(r);
          } else {
            caller.runOnContext(x -> answered.handle(r));
          }
        });
    return answered.future();
  }

  private Context worker() {
    if (workerFactory == null) {
      return null;
    }
    Context w = worker.get();
    if (w == null) {
      // made at the first task, so a sandbox that is only looked at costs no context; of two racing
      // callers
      // one context wins and the other, unused, is dropped
      worker.compareAndSet(null, workerFactory.get());
      w = worker.get();
    }
    return w;
  }

  private static <T> void run(Supplier<Future<T>> task, Promise<T> done) {
    Future<T> started;
    try {
      started = task.get();
    } catch (RuntimeException | StackOverflowError e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(done);
  }
}
