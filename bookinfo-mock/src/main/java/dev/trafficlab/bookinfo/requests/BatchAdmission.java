package dev.trafficlab.bookinfo.requests;

import dev.trafficlab.bookinfo.MeshBusyException;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fair admission of batch requests (the API's POST .../requests and the page's "Send 100 requests")
 * into the data plane, shared by every event loop. Without it, a few sandboxes sending thousands of
 * requests fill the event loops' queues, and every other learner's product page waits behind them
 * for seconds.
 *
 * <ul>
 *   <li>A sandbox runs at most {@code maxBatchesPerSandbox} batches at once, and the server at most
 *       {@code maxBatches}: a batch over either limit is refused with {@link MeshBusyException}
 *       (429) before it sends anything. Counted once per sandbox, whichever event loop received the
 *       batch.
 *   <li>A bound on the batch requests in flight on the whole server (each one a root hop and the
 *       hops it causes: a request through the ingress is a whole product page). The bound follows
 *       the event loops' lag ({@link #adjust}): it shrinks while the loops run late and grows while
 *       they keep up. Each sandbox with work gets an equal share of it (the bound divided by the
 *       sandboxes with work, at least {@code minShare}); a request over its sandbox's share, or
 *       over the bound, waits in that sandbox's queue, and queues are served round robin, so one
 *       sandbox's 128 waiting requests never delay another's first.
 *   <li>Page views (the product page through the ingress, a single curl) never enter this
 *       admission: they are not queued behind anyone's batch, and batches hold few enough hops in
 *       flight that the event loops answer them promptly.
 * </ul>
 *
 * All state is guarded by this object's lock; queued requests run on the event loop of the batch
 * that sent them, outside the lock.
 */
public final class BatchAdmission {
  /**
   * @param minInFlight the bound on batch requests in flight on the whole server never goes below
   *     this
   * @param maxInFlight ... nor above this; in between it follows the event loops' lag
   * @param minShare in-flight requests a sandbox may always have, however many sandboxes have work
   * @param maxBatchesPerSandbox batches one sandbox may run at once
   * @param maxBatches batches the whole server may run at once (each keeps up to 1000 answers)
   * @param lagTargetMs the event-loop lag above which the bound shrinks (it grows again below half)
   */
  public record Limits(
      int minInFlight,
      int maxInFlight,
      int minShare,
      int maxBatchesPerSandbox,
      int maxBatches,
      long lagTargetMs) {
    public Limits {
      if (minInFlight < 1
          || maxInFlight < minInFlight
          || minShare < 1
          || maxBatchesPerSandbox < 1
          || maxBatches < 1
          || lagTargetMs < 1) {
        throw new IllegalArgumentException(
            "admission limits must be at least 1, and minInFlight <= maxInFlight");
      }
    }

    /**
     * Two requests in flight a core at least (a request through the ingress is a whole product
     * page), 256 a core at most (requests waiting on a 7 s delay rule cost no CPU), a loop lag of
     * 10 ms: a quiet page of a dozen loop turns stays well under a quarter of a second.
     */
    public static Limits defaults() {
      int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
      return new Limits(2 * cores, 256 * cores, 2, 2, 64 * cores, 10);
    }

    /** A fixed bound (tests): no adaptation to the loops' lag can move it. */
    public static Limits fixed(
        int inFlight, int minShare, int maxBatchesPerSandbox, int maxBatches) {
      return new Limits(inFlight, inFlight, minShare, maxBatchesPerSandbox, maxBatches, 1_000_000);
    }
  }

  /** One sandbox's batches, in-flight requests and waiting requests. */
  private static final class Tenant {
    final String sandboxId;
    int batches;
    int inFlight;
    final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    boolean scheduled;

    Tenant(String sandboxId) {
      this.sandboxId = sandboxId;
    }

    boolean idle() {
      return batches == 0 && inFlight == 0 && queue.isEmpty();
    }
  }

  private record Waiting(Context context, Runnable task) {}

  private final Limits limits;

  /** The bound on batch requests in flight now, between the limits' minimum and maximum. */
  private int limit;

  private final Map<String, Tenant> tenants = new HashMap<>();

  /** Sandboxes with waiting requests, in the order they are served. */
  private final ArrayDeque<Tenant> roundRobin = new ArrayDeque<>();

  private int inFlight;
  private int batches;

  /** Sandboxes with a request in flight or waiting: the divisor of the fair share. */
  private int busyTenants;

  public BatchAdmission(Limits limits) {
    this.limits = limits;
    this.limit =
        Math.max(limits.minInFlight(), Math.min(limits.maxInFlight(), 8 * limits.minInFlight()));
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Claims a batch slot for the sandbox, or throws {@link MeshBusyException} naming the limit
   * reached.
   */
  public synchronized void startBatch(String sandboxId) {
    Tenant t = tenants.computeIfAbsent(sandboxId, Tenant::new);
    if (t.batches >= limits.maxBatchesPerSandbox()) {
      forgetIfIdle(t);
      throw new MeshBusyException(
          "this sandbox is already sending "
              + limits.maxBatchesPerSandbox()
              + " batches of requests: wait for one to finish",
          5);
    }
    if (batches >= limits.maxBatches()) {
      forgetIfIdle(t);
      throw new MeshBusyException(
          "the data plane is busy: "
              + limits.maxBatches()
              + " batches of requests are running on this server; try again in a few seconds",
          5);
    }
    t.batches++;
    batches++;
  }

  /** Gives back a slot taken by {@link #startBatch}. */
  public synchronized void endBatch(String sandboxId) {
    Tenant t = tenants.get(sandboxId);
    if (t == null || t.batches == 0) {
      return;
    }
    t.batches--;
    batches--;
    forgetIfIdle(t);
  }

  /**
   * Runs {@code task} on {@code context} now if the server and the sandbox's share have room, or
   * when its turn comes. Every task run must be followed by exactly one {@link #release} of the
   * same sandbox.
   */
  public void submit(String sandboxId, Context context, Runnable task) {
    List<Waiting> next = List.of();
    boolean now;
    synchronized (this) {
      Tenant t = tenants.computeIfAbsent(sandboxId, Tenant::new);
      markBusy(t);
      now = t.queue.isEmpty() && hasRoom(t);
      if (now) {
        admit(t);
      } else {
        t.queue.add(new Waiting(context, task));
        schedule(t);
        next = dispatch();
      }
    }
    if (now) {
      task.run();
    }
    run(next);
  }

  private static void run(List<Waiting> admitted) {
    for (Waiting w : admitted) {
      w.context().runOnContext(v -> w.task().run());
    }
  }

  /** One admitted request of the sandbox is over: its slot goes to the next sandbox in turn. */
  public void release(String sandboxId) {
    List<Waiting> next;
    synchronized (this) {
      Tenant t = tenants.get(sandboxId);
      if (t != null && t.inFlight > 0) {
        t.inFlight--;
        inFlight--;
        if (t.inFlight == 0 && t.queue.isEmpty()) {
          busyTenants--;
        }
        forgetIfIdle(t);
      }
      next = dispatch();
    }
    run(next);
  }

  /**
   * Follows the event loops' lag (how late a 10 ms timer fired, the worst of the last probe
   * window): over the target, batch requests are what makes the loops late, so the bound shrinks by
   * a quarter; under half the target with the bound in use, it grows by an eighth. Requests waiting
   * on a delay rule or a slow upstream cost no CPU, so the bound grows until the loops are busy;
   * CPU-heavy batches keep it small and page views quick.
   */
  public void adjust(double lagMs) {
    List<Waiting> next = List.of();
    synchronized (this) {
      if (lagMs > limits.lagTargetMs()) {
        limit = Math.max(limits.minInFlight(), limit - Math.max(1, limit / 4));
      } else if (lagMs < limits.lagTargetMs() / 2.0 && inFlight >= limit) {
        limit = Math.min(limits.maxInFlight(), limit + Math.max(1, limit / 8));
        next = dispatch();
      }
    }
    run(next);
  }

  /** The bound on batch requests in flight now. */
  public synchronized int limit() {
    return limit;
  }

  /** Requests of the sandbox in flight now (tests and the benchmark read it). */
  public synchronized int inFlight(String sandboxId) {
    Tenant t = tenants.get(sandboxId);
    return t == null ? 0 : t.inFlight;
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  /** Requests of the sandbox waiting for their turn. */
  public synchronized int waiting(String sandboxId) {
    Tenant t = tenants.get(sandboxId);
    return t == null ? 0 : t.queue.size();
  }

  /** Batches of the sandbox running now. */
  public synchronized int batches(String sandboxId) {
    Tenant t = tenants.get(sandboxId);
    return t == null ? 0 : t.batches;
  }

  /** The in-flight requests each sandbox with work may have now. */
  public synchronized int share() {
    return Math.max(limits.minShare(), limit / Math.max(1, busyTenants));
  }

  private boolean hasRoom(Tenant t) {
    return inFlight < limit && t.inFlight < share();
  }

  private void admit(Tenant t) {
    t.inFlight++;
    inFlight++;
  }

  private void markBusy(Tenant t) {
    if (t.inFlight == 0 && t.queue.isEmpty()) {
      busyTenants++;
    }
  }

  private void schedule(Tenant t) {
    if (!t.scheduled) {
      t.scheduled = true;
      roundRobin.add(t);
    }
  }

  /**
   * Hands free slots to waiting sandboxes, one request each in turn, skipping those at their share.
   */
  private List<Waiting> dispatch() {
    List<Waiting> out = new ArrayList<>();
    int skipped = 0;
    while (inFlight < limit && !roundRobin.isEmpty() && skipped < roundRobin.size()) {
      Tenant t = roundRobin.poll();
      if (t.inFlight >= share()) {
        roundRobin.add(t);
        skipped++;
        continue;
      }
      skipped = 0;
      admit(t);
      out.add(t.queue.poll());
      if (t.queue.isEmpty()) {
        t.scheduled = false;
      } else {
        roundRobin.add(t);
      }
    }
    return out;
  }

  private void forgetIfIdle(Tenant t) {
    if (t.idle()) {
      tenants.remove(t.sandboxId, t);
    }
  }
}
