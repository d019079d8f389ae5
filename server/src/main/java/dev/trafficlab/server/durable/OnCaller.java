package dev.trafficlab.server.durable;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Answers on the context that asked: the stores run on their own threads, their callers do not. */
final class OnCaller {
  private OnCaller() {}

  /** Runs now when already on the caller's context (or there was none), else queued on it. */
  static void run(Context caller, Runnable answer) {
    if (caller == null || Vertx.currentContext() == caller) {
      answer.run();
    } else {
      caller.runOnContext(v -> answer.run());
    }
  }
}
