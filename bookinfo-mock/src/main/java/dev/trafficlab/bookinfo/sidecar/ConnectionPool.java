package dev.trafficlab.bookinfo.sidecar;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;

/**
 * One client proxy's HTTP/1.1 connection pool to one upstream cluster, with the cluster's circuit
 * breakers, as Envoy 1.16's pool runs it: a request takes an idle keep-alive connection if there is
 * one; otherwise it waits in the pending queue (when the queue is full it overflows at once, a
 * local 503 UO) and the pool opens a new connection if max_connections allows. A new connection is
 * usable after its connect and TLS handshake with the peer's sidecar (a timer of one or, now and
 * then, three milliseconds); a connection that has served max_requests_per_connection requests is
 * closed, so the next pending request waits for a fresh one. Requests beyond max_requests overflow
 * too. Thread-safe: one sandbox's proxies can be reached from several event loops.
 */
final class ConnectionPool {
  /** Connect plus mTLS handshake to the destination sidecar, most of the time. */
  static final long CONNECT_MS = 1;

  /** A handshake that took longer (a scheduling hiccup on either side). */
  static final long SLOW_CONNECT_MS = 3;

  /** How often a handshake is slow. */
  static final double SLOW_CONNECT_SHARE = 0.15;

  /** The pool said no: the request gets Envoy's overflow reply. */
  static final class Overflow extends RuntimeException {
    static final Overflow INSTANCE = new Overflow();

    private Overflow() {
      super("overflow", null, false, false);
    }
  }

  /** One upstream connection: how many requests it carried. */
  private static final class Connection {
    int served;
  }

  /** A request on a connection; released exactly once when its exchange ends. */
  final class Lease {
    private final Connection connection;
    private boolean released;

    private Lease(Connection connection) {
      this.connection = connection;
    }

    /**
     * @param reusable false when the exchange ended with a reset (timeout, connect failure): the
     *     connection is closed rather than kept alive
     */
    void release(boolean reusable) {
      synchronized (ConnectionPool.this) {
        if (released) {
          return;
        }
        released = true;
        active--;
      }
      done(connection, reusable);
    }
  }

  /** A request in the pending queue. */
  final class Waiter {
    private final Promise<Lease> promise = Promise.promise();
    private final Context context = Vertx.currentContext();
    private Lease handed;

    Future<Lease> future() {
      return promise.future();
    }

    /** The request went away while queued (timeout, caller hung up). */
    void cancel() {
      Lease late = null;
      synchronized (ConnectionPool.this) {
        if (!pending.remove(this)) {
          late = handed;
        }
      }
      if (late != null) {
        late.release(true);
      }
    }
  }

  private final Vertx vertx;
  private final DoubleSupplier random;
  private final PoolCounters counters;
  private final ArrayDeque<Waiter> pending = new ArrayDeque<>();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private volatile CircuitBreaker limits = CircuitBreaker.NONE;
  private int open;
  private int connecting;
  private int active;

  /** Where the pool counts what it did (the client proxy's cluster counters). */
  interface PoolCounters {
    void count(String counter);
  }

  ConnectionPool(Vertx vertx, DoubleSupplier random, PoolCounters counters) {
    this.vertx = vertx;
    this.random = random;
    this.counters = counters;
  }

  /**
   * Asks for a connection under {@code limits} (the cluster's thresholds as configured now). The
   * answer is a lease at once (idle connection), a waiter whose future completes when a connection
   * is free, or null: the request overflowed.
   */
  Object acquire(CircuitBreaker limits) {
    this.limits = limits;
    Lease lease = null;
    Waiter waiter = null;
    boolean connect = false;
    synchronized (this) {
      if (!idle.isEmpty()) {
        if (active >= limits.maxRequests()) {
          counters.count("upstream_rq_pending_overflow");
          return null;
        }
        active++;
        Connection c = idle.pop();
        c.served++;
        lease = new Lease(c);
      } else if (pending.size() < limits.maxPendingRequests()) {
        counters.count("upstream_rq_pending_total");
        waiter = new Waiter();
        pending.add(waiter);
        connect = reserveConnection();
      } else {
        counters.count("upstream_rq_pending_overflow");
        return null;
      }
    }
    if (connect) {
      openConnection();
    }
    return lease != null ? lease : waiter;
  }

  /**
   * Whether a new connection should be opened for the pending queue (called holding the lock): when
   * more requests wait than connections are being opened, and max_connections allows it, or the
   * pool has no connection at all (Envoy always lets a host's pool have one).
   */
  private boolean reserveConnection() {
    if (pending.size() <= connecting) {
      return false;
    }
    if (open >= limits.maxConnections() && open > 0) {
      counters.count("upstream_cx_overflow");
      return false;
    }
    open++;
    connecting++;
    counters.count("upstream_cx_total");
    return true;
  }

  private void openConnection() {
    long ms = random.getAsDouble() < SLOW_CONNECT_SHARE ? SLOW_CONNECT_MS : CONNECT_MS;
    vertx.setTimer(
        ms,
        id -> {
          synchronized (this) {
            connecting--;
          }
          ready(new Connection());
        });
  }

  /** A connection finished an exchange. */
  private void done(Connection c, boolean reusable) {
    long perConnection = limits.maxRequestsPerConnection();
    if (!reusable || (perConnection > 0 && c.served >= perConnection)) {
      boolean connect;
      synchronized (this) {
        open--;
        connect = reserveConnection();
      }
      if (connect) {
        openConnection();
      }
      return;
    }
    ready(c);
  }

  /** A connection is free: it takes the first pending request, or waits idle (keep-alive). */
  private void ready(Connection c) {
    Waiter w;
    Lease lease = null;
    boolean overflow = false;
    synchronized (this) {
      w = pending.poll();
      if (w == null) {
        idle.push(c);
        return;
      }
      if (active >= limits.maxRequests()) {
        overflow = true;
        idle.push(c);
      } else {
        active++;
        c.served++;
        lease = new Lease(c);
        w.handed = lease;
      }
    }
    if (overflow) {
      counters.count("upstream_rq_pending_overflow");
      complete(w, null);
    } else {
      complete(w, lease);
    }
  }

  private static void complete(Waiter w, Lease lease) {
    Runnable r =
        () -> {
          if (lease == null) {
            w.promise.tryFail(Overflow.INSTANCE);
          } else {
            w.promise.tryComplete(lease);
          }
        };
    if (w.context == null || w.context == Vertx.currentContext()) {
      r.run();
    } else {
      w.context.runOnContext(v -> r.run());
    }
  }

  /** Requests waiting for a connection (Envoy's upstream_rq_pending_active). */
  synchronized int pendingActive() {
    return pending.size();
  }

  /** Requests on connections (upstream_rq_active). */
  synchronized int requestsActive() {
    return active;
  }

  /** Connections open or opening (upstream_cx_active). */
  synchronized int connectionsActive() {
    return open;
  }

  /** 1 while the pending queue is full (circuit_breakers.default.rq_pending_open). */
  synchronized int pendingOpen() {
    return pending.size() >= limits.maxPendingRequests() ? 1 : 0;
  }

  /** 1 while max_connections is reached (circuit_breakers.default.cx_open). */
  synchronized int connectionsOpen() {
    return open >= limits.maxConnections() ? 1 : 0;
  }
}
