package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.vertx.VertxContexts;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * One Vert.x context on each of Vert.x's event loops. The data plane keeps every hop of a request
 * on the event loop that received it (a workload listener and an HTTP client per loop): a hop that
 * crossed to another loop would pay a thread hand-off, i.e. a wake-up and a cache miss, twice per
 * exchange.
 */
public final class EventLoops {
  private EventLoops() {}

  public static List<Context> contexts(Vertx vertx) {
    return VertxContexts.onEachEventLoop(vertx);
  }
}
