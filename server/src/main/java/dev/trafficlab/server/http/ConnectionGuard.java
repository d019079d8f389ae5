package dev.trafficlab.server.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps half-open and hoarded connections from using up the server's file descriptors: one peer
 * address may hold at most {@code maxPerAddress} connections; a new connection must deliver a
 * complete request head within the header timeout, and a kept-alive one its next head within the
 * keep-alive time (a client that dribbles header bytes defeats an idle timeout, never this). Silent
 * connections are also closed by the server's idle timeout. One guard serves every listener: the
 * counts are per process.
 */
public final class ConnectionGuard {
  private static final RateLimitedLog ERRORS =
      new RateLimitedLog(System.getLogger(ConnectionGuard.class.getName()));

  /** Where the pages' terminal sessions are upgraded to WebSockets (server.session). */
  static final String TERMINAL_SOCKETS = "/sandbox/terminals/";

  private final Vertx vertx;
  private final long headerTimeoutMs;
  private final long quietChecksAllowed;
  private final int maxPerAddress;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();

  /**
   * @param keepAlive how long a connection may wait between an answer and the next request head
   * @param maxPerAddress 0 to count nothing (behind a proxy, every connection has the proxy's
   *     address)
   */
  public ConnectionGuard(
      Vertx vertx, Duration headerTimeout, Duration keepAlive, int maxPerAddress) {
    this.vertx = vertx;
    this.headerTimeoutMs = headerTimeout.toMillis();
    this.quietChecksAllowed = Math.max(1, keepAlive.toMillis() / headerTimeoutMs);
    this.maxPerAddress = maxPerAddress;
  }

  /** The server's connection handler. */
  public void connected(HttpConnection connection) {
    String address = ClientAddress.peer(connection.remoteAddress());
    boolean counted = maxPerAddress > 0;
    if (counted && open.merge(address, 1, Integer::sum) > maxPerAddress) {
      release(address);
      connection.close();
      return;
    }
    Watch watch = new Watch(quietChecksAllowed);
    watched.put(connection, watch);
    long timer =
        vertx.setPeriodic(
            headerTimeoutMs,
            id -> {
              if (watch.expired()) {
                connection.close();
              }
            });
    connection.closeHandler(
        v -> {
          vertx.cancelTimer(timer);
          watched.remove(connection);
          if (counted) {
            release(address);
          }
        });
  }

  /**
   * The server's exception handler: a peer that resets or drops its connection is ordinary and not
   * logged; anything else is, within the error-log budget.
   */
  public void failed(Throwable error) {
    if (!(error instanceof java.io.IOException)) {
      ERRORS.log("connection error: " + error, error);
    }
  }

  private void release(String address) {
    open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  /**
   * Wraps the server's request handler so each request head that arrives resets its connection's
   * deadline.
   */
  public Handler<HttpServerRequest> watching(Handler<HttpServerRequest> requests) {
    return request -> {
      Watch watch = watched.get(request.connection());
      if (watch != null) {
        watch.arrived(request);
      }
      requests.handle(request);
    };
  }

  /** How many connections this address holds now. */
  int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }

  /**
   * Checked once a header timeout. The first check comes one period after opening: by then a first
   * request head must have arrived. Later, a connection expires after {@code allowed} checks in a
   * row that found no new request head and none being answered. Touched only on the connection's
   * own event loop.
   */
  private static final class Watch {
    private final long allowed;
    private HttpServerRequest last;
    private long arrivals;
    private long arrivalsAtLastCheck;
    private long quietChecks;

    Watch(long allowed) {
      this.allowed = allowed;
    }

    void arrived(HttpServerRequest request) {
      last = request;
      arrivals++;
    }

    boolean expired() {
      if (last == null) {
        return true;
      }
      if (last.canUpgradeToWebSocket() && last.path().startsWith(TERMINAL_SOCKETS)) {
        // a terminal's session: the idle timeout (and the browser's pings) watch it; a refused
        // handshake's answer closes its connection
        return false;
      }
      boolean answering = !last.response().ended() && !last.response().closed();
      quietChecks = arrivals == arrivalsAtLastCheck && !answering ? quietChecks + 1 : 0;
      arrivalsAtLastCheck = arrivals;
      return quietChecks > allowed;
    }
  }
}
