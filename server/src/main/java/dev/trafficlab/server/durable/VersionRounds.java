package dev.trafficlab.server.durable;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Stored versions read in rounds: one read goes out at a time, and the reads asked while it is out
 * wait for the next, which asks for all of them at once (each sandbox once, however many requests
 * wait on it). A server serving many product pages thus sends one command per round trip instead of
 * one per request.
 *
 * <p>A read is always answered by a round sent after it was asked, never by the one already out:
 * that one may have been answered before a change another server has since acknowledged to the
 * learner, whose next request must see it.
 */
final class VersionRounds {
  /** Reads the versions of these sandboxes (0: none stored), in the same order. */
  private final Function<List<String>, Future<List<Long>>> read;

  /** Guarded by this: the reads waiting for the next round, by sandbox id. */
  private Map<String, List<Waiting>> next = new LinkedHashMap<>();

  /** Guarded by this: a round is out. */
  private boolean out;

  private record Waiting(Context context, Promise<OptionalLong> answer) {}

  VersionRounds(Function<List<String>, Future<List<Long>>> read) {
    this.read = read;
  }

  /**
   * The stored version of the sandbox (empty: none stored), answered on the caller's context.
   *
   * <p>With no round out, the round goes once the caller's event loop has handled what it read this
   * turn (a task queued behind it, microseconds later): requests that arrived together join it.
   */
  Future<OptionalLong> read(String id) {
    Context caller = Vertx.currentContext();
    Promise<OptionalLong> answer = Promise.promise();
    boolean send;
    synchronized (this) {
      next.computeIfAbsent(id, k -> new ArrayList<>(1)).add(new Waiting(caller, answer));
      send = !out;
      out = true;
    }
    if (send) {
      if (caller == null) {
        sendRound();
      } else {
        caller.runOnContext(v -> sendRound());
      }
    }
    return answer.future();
  }

  private void sendRound() {
    Map<String, List<Waiting>> round;
    synchronized (this) {
      round = next;
      next = new LinkedHashMap<>();
    }
    List<String> ids = new ArrayList<>(round.keySet());
    Future<List<Long>> versions;
    try {
      versions = read.apply(ids);
    } catch (RuntimeException e) {
      versions = Future.failedFuture(e);
    }
    versions.onComplete(
        done -> {
          try {
            List<Long> stored = done.succeeded() ? done.result() : null;
            Throwable failure =
                done.failed()
                    ? done.cause()
                    : stored == null || stored.size() != ids.size()
                        ? new IllegalStateException(
                            "the store answered " + stored + " for the versions of " + ids)
                        : null;
            for (int i = 0; i < ids.size(); i++) {
              Future<OptionalLong> outcome =
                  failure != null
                      ? Future.failedFuture(failure)
                      : Future.succeededFuture(version(stored.get(i)));
              for (Waiting w : round.get(ids.get(i))) {
                answer(w, outcome);
              }
            }
          } finally {
            // whatever happened to this round, the reads waiting for the next one get it: a
            // round that never ended would hold every later request
            boolean more;
            synchronized (this) {
              more = !next.isEmpty();
              out = more;
            }
            if (more) {
              sendRound();
            }
          }
        });
  }

  private static OptionalLong version(Long stored) {
    return stored == null || stored <= 0 ? OptionalLong.empty() : OptionalLong.of(stored);
  }

  private static void answer(Waiting w, Future<OptionalLong> outcome) {
    OnCaller.run(w.context(), () -> settle(w.answer(), outcome));
  }

  /** A listener that throws is its own caller's business, never the other waiting reads'. */
  private static void settle(Promise<OptionalLong> answer, Future<OptionalLong> outcome) {
    try {
      if (outcome.succeeded()) {
        answer.tryComplete(outcome.result());
      } else {
        answer.tryFail(outcome.cause());
      }
    } catch (RuntimeException e) {
      // reported by Vert.x to the context; the other reads are still answered
    }
  }
}
