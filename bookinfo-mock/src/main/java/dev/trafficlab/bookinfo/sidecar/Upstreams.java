package dev.trafficlab.bookinfo.sidecar;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The sidecars' loopback HTTP to the workload server: one keep-alive pool per event loop, whose
 * connections are opened from (and so served on) that loop, to the workload listener of that same
 * loop. A hop therefore never leaves the event loop it started on; a caller off the event loops
 * uses a shared pool.
 */
public final class Upstreams {
  private final Map<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();
  private final HttpClient shared;
  private final IntSupplier portHere;

  /** What came back from the workload server: status, headers and the whole body. */
  record Response(int status, MultiMap headers, Buffer body) {}

  /**
   * @param loops the event-loop threads that have a workload listener
   * @param portHere the port of the calling loop's listener
   */
  public Upstreams(Vertx vertx, Set<Thread> loops, IntSupplier portHere) {
    this.portHere = portHere;
    for (Thread t : loops) {
      byLoop.put(t, create(vertx));
    }
    this.shared = create(vertx);
  }

  private static HttpClient create(Vertx vertx) {
    // Pool event loop size 0 (the default): a connection is opened on the event loop of the request
    // needing it.
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setDecompressionSupported(false)
            .setKeepAliveTimeout(60),
        new PoolOptions().setHttp1MaxSize(512));
  }

  /**
   * One exchange with the workload server. {@code headers} are copied into the request (the
   * caller's map is never changed); {@code token} and {@code pod} go in the internal headers that
   * name the sandbox and pod.
   */
  Future<Response> exchange(
      HttpMethod method,
      String path,
      MultiMap headers,
      String token,
      String pod,
      Buffer body,
      long timeoutMs) {
    return exchange(method, path, headers, token, pod, null, body, timeoutMs);
  }

  /** The same, naming the calling pod ({@code from}, may be null) to the destination's side. */
  Future<Response> exchange(
      HttpMethod method,
      String path,
      MultiMap headers,
      String token,
      String pod,
      String from,
      Buffer body,
      long timeoutMs) {
    HttpClient client = byLoop.get(Thread.currentThread());
    if (client == null) {
      client = shared;
    }
    RequestOptions o =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(portHere.getAsInt())
            .setURI(path)
            .setHeaders(headers)
            .setFollowRedirects(false)
            .setTimeout(timeoutMs);
    return client
        .request(o)
        .compose(
            req -> {
              req.putHeader(Sidecar.TOKEN_HEADER, token).putHeader(Sidecar.POD_HEADER, pod);
              if (from != null) {
                req.putHeader(Sidecar.FROM_HEADER, from);
              }
              return (body == null ? req.send() : req.send(body))
                  .compose(
                      resp ->
                          resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b)));
            });
  }

  public Future<Void> close() {
    return Future.all(byLoop.values().stream().map(HttpClient::close).toList())
        .eventually(shared::close)
        .mapEmpty();
  }
}
