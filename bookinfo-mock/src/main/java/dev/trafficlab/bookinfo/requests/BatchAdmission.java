package dev.trafficlab.bookinfo.requests;

import dev.trafficlab.bookinfo.MeshBusyException;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fair admission of batch requests (the API's POST .../requests and the page's "Send 100 requests") into the
 * data plane, shared by every event loop. Without it, a few sandboxes sending thousands of requests fill the
 * event loops' queues, and every other learner's product page waits behind them for seconds.
 *
 * <ul>
 *   <li>A sandbox runs at most {@code maxBatchesPerSandbox} batches at once, and the server at most {@code
 *       maxBatches}: a batch over either limit is refused with {@link MeshBusyException} (429) before it sends
 *       anything. Counted once per sandbox, whichever event loop received the batch.</li>
 *   <li>At most {@code maxInFlight} batch requests are in flight on the whole server (each one a root hop and
 *       the hops it causes: a request through the ingress is the whole product page). Each sandbox with work
 *       gets an equal share of that bound ({@code maxInFlight} divided by the sandboxes with work, at least
 *       {@code minShare}); a request over its sandbox's share waits in that sandbox's queue, and queues are
 *       served round robin, so one sandbox's 128 waiting requests never delay another's first.</li>
 *   <li>Page views (the product page through the ingress, a single curl) never enter this admission: they are
 *       not queued behind anyone's batch, and batches hold few enough hops in flight that the event loops
 *       answer them promptly.</li>
 * </ul>
 *
 * All state is guarded by this object's lock; queued requests run on the event loop of the batch that sent them,
 * outside the lock.
 */
public final class BatchAdmission {
  /**
   * @param maxInFlight          batch requests in flight on the whole server
   * @param minShare             in-flight requests a sandbox may always have, however many sandboxes have work
   * @param maxBatchesPerSandbox batches one sandbox may run at once
   * @param maxBatches           batches the whole server may run at once (each keeps up to 1000 answers)
   */
  public record Limits(int maxInFlight, int minShare, int maxBatchesPerSandbox, int maxBatches) {
    public Limits {
      if (maxInFlight < 1 || minShare < 1 || maxBatchesPerSandbox < 1 || maxBatches < 1) {
        throw new IllegalArgumentException("admission limits must be at least 1");
      }
    }

    /** 32 requests in flight a core: enough to keep the cores busy, few enough that a page view stays quick. */
    public static Limits defaults() {
      int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
      return new Limits(32 * cores, 4, 2, 64 * cores);
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

  private record Waiting(Context context, Runnable task) {
  }

  private final Limits limits;
  private final Map<String, Tenant> tenants = new HashMap<>();
  /** Sandboxes with waiting requests, in the order they are served. */
  private final ArrayDeque<Tenant> roundRobin = new ArrayDeque<>();
  private int inFlight;
  private int batches;
  /** Sandboxes with a request in flight or waiting: the divisor of the fair share. */
  private int busyTenants;

  public BatchAdmission(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** Claims a batch slot for the sandbox, or throws {@link MeshBusyException} naming the limit reached. */
  public synchronized void startBatch(String sandboxId) {
    Tenant t = tenants.computeIfAbsent(sandboxId, Tenant::new);
    if (t.batches >= limits.maxBatchesPerSandbox()) {
      forgetIfIdle(t);
      throw new MeshBusyException("this sandbox is already sending " + limits.maxBatchesPerSandbox()
          + " batches of requests: wait for one to finish", 5);
    }
    if (batches >= limits.maxBatches()) {
      forgetIfIdle(t);
      throw new MeshBusyException("the data plane is busy: " + limits.maxBatches()
          + " batches of requests are running on this server; try again in a few seconds", 5);
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
   * Runs {@code task} on {@code context} now if the server and the sandbox's share have room, or when its turn
   * comes. Every task run must be followed by exactly one {@link #release} of the same sandbox.
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
    return Math.max(limits.minShare(), limits.maxInFlight() / Math.max(1, busyTenants));
  }

  private boolean hasRoom(Tenant t) {
    return inFlight < limits.maxInFlight() && t.inFlight < share();
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

  /** Hands free slots to waiting sandboxes, one request each in turn, skipping those at their share. */
  private List<Waiting> dispatch() {
    List<Waiting> out = new ArrayList<>();
    int skipped = 0;
    while (inFlight < limits.maxInFlight() && !roundRobin.isEmpty() && skipped < roundRobin.size()) {
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
