package dev.trafficlab.bookinfo.requests;

import dev.trafficlab.bookinfo.sidecar.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How late each event loop runs a short timer: the time a request that became ready waits before
 * its loop takes it up. Every {@link #WINDOW_MS} the worst lateness of all loops goes to {@link
 * BatchAdmission#adjust}, which sizes the batches' share of the loops by it.
 */
public final class LoopLagProbe {
  static final long PERIOD_MS = 10;
  static final long WINDOW_MS = 100;

  private final Vertx vertx;
  private final BatchAdmission admission;
  private final List<AtomicLong> worstNanos = new ArrayList<>();
  private volatile boolean stopped;
  private long windowTimer = -1;

  private LoopLagProbe(Vertx vertx, BatchAdmission admission) {
    this.vertx = vertx;
    this.admission = admission;
  }

  public static LoopLagProbe start(Vertx vertx, BatchAdmission admission) {
    LoopLagProbe p = new LoopLagProbe(vertx, admission);
    for (Context loop : EventLoops.contexts(vertx)) {
      AtomicLong worst = new AtomicLong();
      p.worstNanos.add(worst);
      loop.runOnContext(v -> p.tick(worst, System.nanoTime()));
    }
    p.windowTimer = vertx.setPeriodic(WINDOW_MS, id -> p.window());
    return p;
  }

  private void tick(AtomicLong worst, long scheduledAt) {
    if (stopped) {
      return;
    }
    long late = System.nanoTime() - scheduledAt - PERIOD_MS * 1_000_000;
    worst.accumulateAndGet(late, Math::max);
    long next = System.nanoTime();
    vertx.setTimer(PERIOD_MS, id -> tick(worst, next));
  }

  private void window() {
    long worst = 0;
    for (AtomicLong w : worstNanos) {
      worst = Math.max(worst, w.getAndSet(0));
    }
    admission.adjust(worst / 1e6);
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(windowTimer);
  }
}
