package dev.trafficlab.bookinfo.vertx;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that uses Vert.x's internal API: Vert.x 5 has no public way to make a context on a
 * chosen event loop, or a worker context that is not a verticle's. Everything else in the lab uses
 * the public API.
 */
public final class VertxContexts {
  private VertxContexts() {}

  /** One event-loop context on each of Vert.x's event loops. */
  public static List<Context> onEachEventLoop(Vertx vertx) {
    VertxInternal internal = (VertxInternal) vertx;
    List<Context> out = new ArrayList<>();
    for (EventExecutor e : internal.nettyEventLoopGroup()) {
      out.add(
          internal
              .contextBuilder()
              .withThreadingModel(ThreadingModel.EVENT_LOOP)
              .withEventLoop((EventLoop) e)
              .build());
    }
    return out;
  }

  /**
   * A new worker context: its tasks run one at a time, in order, on Vert.x's worker pool, and
   * timers set or requests made from it call back on it. A sandbox's commands run on one, so they
   * never hold an event loop.
   */
  public static Context newWorker(Vertx vertx) {
    return ((VertxInternal) vertx).createWorkerContext();
  }
}
