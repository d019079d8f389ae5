package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/**
 * Re-checks a condition of the cluster on a timer until it holds or time runs out (kubectl wait,
 * rollout status). No thread waits: each check is a timer callback on the sandbox's context.
 */
final class Poll {
  private Poll() {}

  /** How often the cluster is looked at again: pods change state within one to two seconds. */
  static final long INTERVAL_MS = 100;

  /**
   * Completes with true as soon as {@code check} holds, false after {@code timeoutMs} (bounded by
   * the shell's longest sleep). Outside Vert.x it checks once.
   */
  static Future<Boolean> until(Invocation inv, long timeoutMs, BooleanSupplier check) {
    if (check.getAsBoolean()) {
      return Future.succeededFuture(true);
    }
    Vertx vertx = inv.vertx();
    long bound = Math.min(timeoutMs, inv.budget().maxSleepMs());
    if (vertx == null || bound <= 0) {
      return Future.succeededFuture(false);
    }
    long start = System.nanoTime();
    Promise<Boolean> done = Promise.promise();
    tick(vertx, start, bound, check, done);
    return done.future()
        .onComplete(r -> inv.budget().countSleep((System.nanoTime() - start) / 1_000_000));
  }

  private static void tick(
      Vertx vertx, long start, long bound, BooleanSupplier check, Promise<Boolean> done) {
    vertx.setTimer(
        INTERVAL_MS,
        id -> {
          try {
            if (check.getAsBoolean()) {
              done.tryComplete(true);
            } else if ((System.nanoTime() - start) / 1_000_000 >= bound) {
              done.tryComplete(false);
            } else {
              tick(vertx, start, bound, check, done);
            }
          } catch (RuntimeException e) {
            done.tryFail(e);
          }
        });
  }

  /** A Go duration flag (--timeout=60s) in milliseconds; -1 when malformed. */
  static long millis(String value, long fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      long nanos = dev.trafficlab.mesh.validation.GoDuration.parseNanos(value);
      return nanos / 1_000_000;
    } catch (dev.trafficlab.mesh.validation.GoDuration.BadDuration e) {
      if (value.matches("[0-9]+")) {
        return Long.parseLong(value) * 1000;
      }
      return -1;
    }
  }
}
