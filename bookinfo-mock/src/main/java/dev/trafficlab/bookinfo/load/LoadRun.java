package dev.trafficlab.bookinfo.load;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.requests.BatchAdmission;
import dev.trafficlab.bookinfo.sidecar.HopResult;
import dev.trafficlab.bookinfo.sidecar.Outbound;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fortio's load loop: each thread is one keep-alive connection to the fortio pod's sidecar, sending
 * its next call once the previous answer is in (after fortio's own turnaround, a millisecond), or
 * on its qps schedule. An upstream's answer reaches fortio a millisecond after the sidecar had it
 * (and freed its pool's connection); a local reply comes at once. That difference is what spreads a
 * connection pool's overflows over all threads, as on a cluster. Everything runs on one event loop
 * with timers; each call takes the sandbox's turn in {@link BatchAdmission} like any batch request.
 * {@link #stop()} ends the run early.
 */
public final class LoadRun {
  /**
   * Between an answer reaching fortio and its next request reaching the sidecar: fortio reads the
   * answer, records it and writes the next request over the pod's loopback.
   */
  static final long CLIENT_TURNAROUND_MS = 1;

  /**
   * An answer from upstream still crosses the server's sidecar and then the pod's own before fortio
   * reads it; a local reply of the pod's own sidecar (an overflow) does not.
   */
  static final long RESPONSE_LEG_MS = 1;

  private final Vertx vertx;
  private final Sidecar sidecar;
  private final BatchAdmission admission;
  private final MeshContext ctx;
  private final Outbound template;
  private final LoadSpec spec;
  private final Promise<LoadReport> promise = Promise.promise();
  private final List<LoadReport.Call> calls = new ArrayList<>();
  private final int[] threadCalls;
  private final long[] threadNanos;
  private final Instant startedAt = Instant.now();
  private long startNanos;
  private long deadlineNanos;
  private int running;
  private int started;
  private int sockets;
  private volatile boolean stopped;
  private boolean capped;
  private Context context;

  private LoadRun(
      Vertx vertx,
      Sidecar sidecar,
      BatchAdmission admission,
      MeshContext ctx,
      Outbound template,
      LoadSpec spec) {
    this.vertx = vertx;
    this.sidecar = sidecar;
    this.admission = admission;
    this.ctx = ctx;
    this.template = template;
    this.spec = spec;
    this.threadCalls = new int[spec.threads()];
    this.threadNanos = new long[spec.threads()];
  }

  /** Starts a run on {@code loop} (an event-loop context); the future has its report. */
  public static LoadRun start(
      Vertx vertx,
      Context loop,
      Sidecar sidecar,
      BatchAdmission admission,
      MeshContext ctx,
      Outbound template,
      LoadSpec spec) {
    LoadRun r = new LoadRun(vertx, sidecar, admission, ctx, template, spec);
    loop.runOnContext(v -> r.begin(loop));
    return r;
  }

  public Future<LoadReport> report() {
    return promise.future();
  }

  /** Ends the run: no thread sends another call; those in flight are awaited. */
  public void stop() {
    stopped = true;
  }

  private void begin(Context loop) {
    context = loop;
    startNanos = System.nanoTime();
    long bound = spec.calls() > 0 ? LoadSpec.MAX_DURATION_MS : spec.durationMs();
    deadlineNanos = startNanos + bound * 1_000_000L;
    running = spec.threads();
    sockets = spec.threads();
    for (int i = 0; i < spec.threads(); i++) {
      next(i, 0);
    }
  }

  /** Thread {@code t} sends its {@code k}-th call (counting from 0), or ends. */
  private void next(int t, int k) {
    boolean more =
        !stopped
            && System.nanoTime() < deadlineNanos
            && (spec.calls() > 0 ? k < spec.callsOf(t) : true);
    if (more && started >= LoadSpec.MAX_CALLS) {
      capped = true;
      more = false;
    }
    if (!more) {
      threadNanos[t] = System.nanoTime() - startNanos;
      if (--running == 0) {
        end();
      }
      return;
    }
    started++;
    admission.submit(ctx.sandboxId(), context, () -> send(t, k));
  }

  private void send(int t, int k) {
    long sent = System.nanoTime();
    long left = Math.max(1, (deadlineNanos - sent) / 1_000_000);
    Outbound out =
        new Outbound(
            template.fromPod(),
            template.host(),
            template.port(),
            template.method(),
            template.path(),
            template.headers(),
            null,
            left + 50);
    sidecar
        .send(ctx, out)
        .onComplete(
            ar -> {
              admission.release(ctx.sandboxId());
              if (ar.succeeded() && ar.result().pod() != null) {
                vertx.setTimer(RESPONSE_LEG_MS, id -> answered(t, k, sent, ar));
              } else {
                answered(t, k, sent, ar);
              }
            });
  }

  private void answered(int t, int k, long sent, io.vertx.core.AsyncResult<HopResult> ar) {
    long took = System.nanoTime() - sent;
    LoadReport.Call c =
        ar.succeeded()
            ? call(ar.result(), took)
            : new LoadReport.Call(-1, took, 0, 0, Instant.now());
    calls.add(c);
    threadCalls[t]++;
    if (c.status() < 200 || c.status() > 299) {
      sockets++;
    }
    vertx.setTimer(wait(t, k + 1), id -> next(t, k + 1));
  }

  /** Until thread t's next call: fortio's turnaround, or its place on the qps schedule. */
  private long wait(int t, int k) {
    if (spec.qps() <= 0) {
      return CLIENT_TURNAROUND_MS;
    }
    double perThread = spec.qps() / spec.threads();
    long due = startNanos + (long) (k / perThread * 1e9);
    return Math.max(CLIENT_TURNAROUND_MS, (due - System.nanoTime()) / 1_000_000);
  }

  private static LoadReport.Call call(HopResult r, long nanos) {
    int status = r.status() == 0 ? -1 : r.status();
    int body = r.body() == null ? 0 : r.body().length();
    int headers = headerBytes(r, body);
    boolean ok = status >= 200 && status <= 299;
    return new LoadReport.Call(status, nanos, ok ? headers : 0, headers + body, Instant.now());
  }

  /** The answer's status line and headers as they cross the wire (Envoy adds date and length). */
  static int headerBytes(HopResult r, int bodyLength) {
    int n = "HTTP/1.1 200 OK\r\n".length();
    boolean length = false;
    if (r.headers() != null) {
      for (Map.Entry<String, String> e : r.headers()) {
        n += e.getKey().length() + 2 + e.getValue().length() + 2;
        length |= e.getKey().equalsIgnoreCase("content-length");
      }
    }
    if (!length) {
      n += "content-length: ".length() + Integer.toString(bodyLength).length() + 2;
    }
    n += "date: Sun, 06 Dec 2026 22:00:00 GMT\r\n".length();
    return n + 2;
  }

  private void end() {
    long elapsed = System.nanoTime() - startNanos;
    promise.tryComplete(
        new LoadReport(
            startedAt,
            List.copyOf(calls),
            elapsed,
            threadCalls.clone(),
            threadNanos.clone(),
            sockets,
            stopped,
            capped));
  }
}
