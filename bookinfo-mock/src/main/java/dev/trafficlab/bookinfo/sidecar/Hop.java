package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.HttpRedirect;
import dev.trafficlab.mesh.model.HttpRewrite;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.FaultPolicy;
import dev.trafficlab.mesh.routing.MirrorPolicy;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.RetryConditions;
import dev.trafficlab.mesh.routing.RetryPolicy;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request through one sidecar, in Envoy's filter order: route decision, fault filter (delay,
 * then abort), router (cluster, endpoint, route timeout started after the delay, retries with
 * jittered 25 ms backoff, mirror), response header operations. Every wait is a Vert.x timer. The
 * hop ends exactly once: with the upstream's answer, a local reply, or the caller hanging up.
 */
final class Hop {
  private static final long BACKOFF_BASE_MS = 25;
  private static final long BACKOFF_MAX_MS = 250;
  static final String TIMEOUT_BODY = "upstream request timeout";
  static final String ABORT_BODY = "fault filter abort";
  static final String NO_HEALTHY_BODY = "no healthy upstream";
  static final String CONNECT_FAILURE_BODY =
      "upstream connect error or disconnect/reset before headers. reset reason: connection failure";

  private final Sidecar sidecar;
  private final MeshContext ctx;
  private final MeshDirectory.Entry entry;
  private final Outbound out;
  private final long startNanos = System.nanoTime();
  private final Instant startedAt = Instant.now();
  private final Promise<HopResult> promise = Promise.promise();
  private final AtomicBoolean done = new AtomicBoolean();
  private final List<Long> timers = new ArrayList<>(3);
  private final Set<String> tried = new HashSet<>(2);
  private final boolean gateway;

  /** out.authority(), built once. */
  private final String authority;

  private MultiMap headers;
  private Snapshot snapshot;
  private Decision decision;
  private ClusterTarget target;

  /**
   * The target's endpoints that are ready when the request is routed (pods still starting are not).
   */
  private java.util.List<dev.trafficlab.mesh.inventory.Pod> readyEndpoints = java.util.List.of();

  private Pod pod;
  private String upstreamPath;
  private MultiMap upstreamHeaders;
  private RetryConditions retryOn = RetryConditions.NONE;
  private int maxRetries;
  private long perTryMs;
  private long routeDeadlineNanos;
  private long callerDeadlineNanos;
  private long delayMs;
  private String delayFlag = "";
  private String mirroredTo;
  private volatile int attempt;
  private boolean answered;

  /** The tries given up on for a retry, for the upstream pods' own access logs. */
  private final List<TrafficRecord.Try> earlierTries = new ArrayList<>(0);

  private Instant attemptStartedAt;
  private long attemptStartNanos;

  Hop(Sidecar sidecar, MeshContext ctx, MeshDirectory.Entry entry, Outbound out) {
    this.sidecar = sidecar;
    this.ctx = ctx;
    this.entry = entry;
    this.out = out;
    this.gateway = out.fromPod().startsWith("istio-ingressgateway");
    // A client outside the mesh names the host itself (curl -H Host:..., a browser's URL): the
    // gateway passes that Host upstream as it came, not the port its listener is on.
    String clientHost = gateway && out.headers() != null ? out.headers().get("host") : null;
    this.authority = clientHost == null || clientHost.isBlank() ? out.authority() : clientHost;
  }

  Future<HopResult> run() {
    headers = MultiMap.caseInsensitiveMultiMap();
    if (out.headers() != null) {
      headers.addAll(out.headers());
    }
    headers.remove(Sidecar.TOKEN_HEADER);
    headers.remove(Sidecar.POD_HEADER);
    headers.remove(Sidecar.FROM_HEADER);
    TraceHeaders.stamp(headers);
    if (out.callerTimeoutMs() > 0) {
      callerDeadlineNanos = startNanos + out.callerTimeoutMs() * 1_000_000L;
      timers.add(sidecar.vertx.setTimer(out.callerTimeoutMs(), id -> callerHungUp()));
    }
    try {
      snapshot = ctx.snapshot();
      decision = sidecar.decisions.decide(snapshot, routeRequest());
    } catch (RuntimeException e) {
      // A request the route table cannot place (a port left out on a multi-port service...) is
      // answered, with
      // the reason, rather than failing the caller with a stack trace.
      localReply(500, "-", "route resolution failed: " + e.getMessage());
      return promise.future();
    }
    if (decision == null) {
      localReply(404, "NR", "");
      return promise.future();
    }
    switch (decision.outcome()) {
      case NO_ROUTE -> localReply(404, "NR", "");
      // With destinations, a missing cluster or an empty one is found by the router, after the
      // fault filter.
      case CLUSTER_NOT_FOUND -> {
        if (decision.destinations().isEmpty()) {
          localReply(503, "NC", "");
        } else if (!cors()) {
          faults();
        }
      }
      case NO_HEALTHY_UPSTREAM -> {
        if (decision.destinations().isEmpty()) {
          localReply(503, "UH", NO_HEALTHY_BODY);
        } else if (!cors()) {
          faults();
        }
      }
      case REDIRECT -> redirect(decision.redirect());
      case PASSTHROUGH ->
          localReply(
              502,
              "UF",
              "upstream connect error or disconnect/reset before headers. "
                  + "reset reason: connection failure (no route to "
                  + out.host()
                  + " outside the cluster)");
      default -> {
        if (cors()) {
          return promise.future();
        }
        faults();
      }
    }
    return promise.future();
  }

  private RouteRequest routeRequest() {
    Map<String, String> flat = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers) {
      flat.merge(
          e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue(), (a, b) -> a + "," + b);
    }
    return new RouteRequest(
        out.fromPod(), out.host(), out.port(), out.method().name(), out.path(), flat);
  }

  private void redirect(HttpRedirect r) {
    String authority = r != null && r.authority() != null ? r.authority() : this.authority;
    String path = out.path();
    if (r != null && r.uri() != null) {
      // Envoy's path_redirect swaps the path and keeps the query string (strip_query is false).
      int q = path.indexOf('?');
      path = r.uri() + (q < 0 || r.uri().contains("?") ? "" : path.substring(q));
    }
    int code = r != null && r.redirectCode() != null ? r.redirectCode() : 301;
    MultiMap h =
        MultiMap.caseInsensitiveMultiMap().set(HttpHeaders.LOCATION, "http://" + authority + path);
    HeaderOps.applyResponse(decision, null, h);
    finish(code, "-", h, Buffer.buffer());
  }

  /** Envoy's CORS filter runs before the fault filter: it answers an allowed preflight itself. */
  private boolean cors() {
    Map<String, Object> policy = decision.corsPolicy();
    String origin = headers.get("origin");
    if (policy == null || !Cors.allowed(policy, origin)) {
      return false;
    }
    corsOrigin = origin;
    if (Cors.isPreflight(out.method().name(), headers)) {
      finish(200, "-", Cors.preflight(policy, origin), Buffer.buffer());
      return true;
    }
    return false;
  }

  private String corsOrigin;
  private CircuitBreaker limits;
  private ConnectionPool pool;
  private ConnectionPool.Lease lease;
  private ConnectionPool.Waiter waiting;
  private OutlierDetection outlier;
  private OutlierDetector detector;

  // ---- fault filter ----

  private void faults() {
    FaultPolicy fault = decision.fault();
    if (fault != null && fault.delay() != null && fires(fault.delay().percentage())) {
      delayMs = Math.max(1, fault.delay().fixedDelayMs());
      delayFlag = "DI";
      timers.add(sidecar.vertx.setTimer(delayMs, id -> afterDelay()));
    } else {
      afterDelay();
    }
  }

  private void afterDelay() {
    if (done.get()) {
      return;
    }
    FaultPolicy fault = decision.fault();
    if (fault != null && fault.abort() != null && fires(fault.abort().percentage())) {
      int status = fault.abort().httpStatus();
      localReply(status, flags("FI"), ABORT_BODY);
      return;
    }
    route();
  }

  private boolean fires(double percentage) {
    return percentage >= 100 || (percentage > 0 && sidecar.random.getAsDouble() * 100 < percentage);
  }

  // ---- router ----

  private void route() {
    target = decision.pick(sidecar.random);
    if (target == null) {
      localReply(404, flags("NR"), "");
      return;
    }
    if (target.status() == Outcome.CLUSTER_NOT_FOUND) {
      localReply(503, flags("NC"), "");
      return;
    }
    readyEndpoints =
        dev.trafficlab.mesh.inventory.Inventory.ready(target.endpoints(), java.time.Instant.now());
    if (target.status() == Outcome.NO_HEALTHY_UPSTREAM || readyEndpoints.isEmpty()) {
      localReply(503, flags("UH"), NO_HEALTHY_BODY);
      return;
    }
    limits = CircuitBreaker.of(target.trafficPolicy());
    if (limits != null) {
      pool =
          entry
              .balancers()
              .pool(out.fromPod(), target.cluster(), sidecar.vertx, sidecar.random, counters());
    }
    outlier = OutlierDetection.of(target.trafficPolicy());
    if (outlier != null) {
      detector = entry.balancers().detector(out.fromPod(), target.cluster(), counters());
    }
    upstreamPath = rewritePath(decision.rewrite(), out.path());
    upstreamHeaders = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    String authority =
        decision.rewrite() != null && decision.rewrite().authority() != null
            ? decision.rewrite().authority()
            : this.authority;
    upstreamHeaders.set(HttpHeaders.HOST, authority);
    long overrideMs = parseMs(upstreamHeaders.get("x-envoy-upstream-rq-timeout-ms"));
    upstreamHeaders.remove("x-envoy-upstream-rq-timeout-ms");
    HeaderOps.applyRequest(decision, target, upstreamHeaders);

    long routeTimeoutMs = overrideMs > 0 ? overrideMs : decision.timeoutMs();
    if (routeTimeoutMs > 0) {
      routeDeadlineNanos = System.nanoTime() + routeTimeoutMs * 1_000_000L;
      timers.add(sidecar.vertx.setTimer(routeTimeoutMs, id -> routeTimedOut()));
    }
    RetryPolicy rp = decision.retries();
    retryOn = rp == null ? RetryConditions.NONE : rp.conditions();
    maxRetries = rp == null ? 0 : Math.max(0, rp.attempts());
    perTryMs = rp == null ? 0 : rp.perTryTimeoutMs();
    mirror();
    send(1);
  }

  private String rewritePath(HttpRewrite rewrite, String path) {
    return rewritePath(rewrite, path, decision.matchedPrefix(), decision.matchedExact());
  }

  /**
   * Envoy's prefix_rewrite as Istio sets it: the matched prefix is replaced (the whole path for an
   * exact match), the query string is kept. With no uri match the matched prefix is "/", so /v1
   * turns /foo into /v1foo.
   */
  static String rewritePath(
      HttpRewrite rewrite, String path, String matchedPrefix, boolean matchedExact) {
    if (rewrite == null || rewrite.uri() == null) {
      return path;
    }
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    String query = q < 0 ? "" : path.substring(q);
    String prefix = matchedExact ? p : matchedPrefix == null ? "/" : matchedPrefix;
    if (!p.startsWith(prefix)) {
      return path;
    }
    return rewrite.uri() + p.substring(prefix.length()) + query;
  }

  private void send(int n) {
    if (done.get()) {
      return;
    }
    attempt = n;
    // the ready endpoints (cluster), then those outlier detection has not ejected (breaker)
    List<Pod> endpoints = readyEndpoints;
    if (detector != null) {
      endpoints = detector.healthy(endpoints, outlier, System.nanoTime());
      if (endpoints.isEmpty()) {
        // Istio sets the panic threshold to minHealthPercent (0): with every host ejected Envoy
        // has nothing to balance over.
        pod = null;
        counters().count(target.cluster(), "upstream_cx_none_healthy");
        localReply(503, flags("UH"), NO_HEALTHY_BODY);
        return;
      }
    }
    pod =
        LoadBalancer.choose(
            entry.balancers(),
            out.fromPod(),
            target.cluster(),
            endpoints,
            target.trafficPolicy(),
            tried,
            sidecar.random,
            name -> name.equals(":path") ? upstreamPath : upstreamHeaders.get(name));
    tried.add(pod.name());
    if (pool == null) {
      exchange(n);
      return;
    }
    Object got = pool.acquire(limits);
    if (got == null) {
      overflow();
    } else if (got instanceof ConnectionPool.Lease l) {
      lease = l;
      exchange(n);
    } else {
      ConnectionPool.Waiter w = (ConnectionPool.Waiter) got;
      waiting = w;
      w.future()
          .onComplete(
              ar -> {
                waiting = null;
                if (done.get() || n != attempt) {
                  if (ar.succeeded()) {
                    ar.result().release(true);
                  }
                } else if (ar.failed()) {
                  overflow();
                } else {
                  lease = ar.result();
                  exchange(n);
                }
              });
    }
  }

  /**
   * The pool refused the request: Envoy's router answers it locally, never retries it, and no host
   * saw it (so it never counts towards outlier detection).
   */
  private void overflow() {
    counters().upstreamCode(target.cluster(), 503);
    MultiMap h =
        MultiMap.caseInsensitiveMultiMap()
            .set("x-envoy-overloaded", "true")
            .set(HttpHeaders.CONTENT_TYPE, "text/plain")
            .set("server", gateway ? "istio-envoy" : "envoy");
    pod = null;
    finish(503, flags("UO"), h, Buffer.buffer(CircuitBreaker.OVERFLOW_BODY));
  }

  /** Ends the attempt's hold on its pooled connection, if it has one. */
  private void releaseConnection(boolean reusable) {
    ConnectionPool.Lease l = lease;
    lease = null;
    if (l != null) {
      l.release(reusable);
    }
    ConnectionPool.Waiter w = waiting;
    waiting = null;
    if (w != null) {
      w.cancel();
    }
  }

  /** One attempt's exchange with the chosen pod, on a connection (pooled or not). */
  private void exchange(int n) {
    long timeout = remainingMs();
    long perTryTimer = -1;
    if (perTryMs > 0 && (timeout <= 0 || perTryMs < timeout)) {
      timeout = perTryMs;
      perTryTimer = sidecar.vertx.setTimer(perTryMs, id -> perTryTimedOut(n));
      timers.add(perTryTimer);
    }
    long clientTimeout = timeout > 0 ? timeout + 50 : Sidecar.MAX_UPSTREAM_MS;
    attemptStartedAt = Instant.now();
    attemptStartNanos = System.nanoTime();
    upstreamHeaders.set("x-envoy-attempt-count", Integer.toString(n));
    counters().count(target.cluster(), "upstream_rq_total");
    counters().host(target.cluster(), pod.name()).total().increment();
    var active = entry.balancers().active(pod.name());
    active.incrementAndGet();
    ConnectionPool.Lease held = lease;
    // The exchange copies the headers, so the internal headers never reach upstreamHeaders (what
    // callers see).
    Future<Upstreams.Response> f =
        sidecar.upstreams.exchange(
            out.method(),
            upstreamPath,
            upstreamHeaders,
            entry.token(),
            pod.name(),
            out.fromPod(),
            out.body(),
            clientTimeout);
    long sentAt = System.nanoTime();
    f.onComplete(
        ar -> {
          active.decrementAndGet();
          if (held != null && lease == held) {
            releaseConnection(ar.succeeded());
          } else if (held != null) {
            held.release(false);
          }
          if (ar.succeeded()) {
            onResponse(n, ar.result(), sentAt);
          } else {
            onFailure(n, ar.cause());
          }
        });
  }

  private void onResponse(int n, Upstreams.Response resp, long sentAt) {
    if (done.get() || n != attempt) {
      return;
    }
    int status = resp.status();
    outlierResult(status);
    counters().upstreamCode(target.cluster(), status);
    var host = counters().host(target.cluster(), pod.name());
    (status >= 500 ? host.error() : host.success()).increment();
    if (retryOn.retriesStatus(status)) {
      if (n <= maxRetries) {
        triedAgain(status);
        retry(n);
        return;
      }
    }
    answered = true;
    if (n > 1 && status < 500) {
      counters().count(target.cluster(), "upstream_rq_retry_success");
    }
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    String server = gateway ? "istio-envoy" : "envoy";
    boolean serverSeen = false;
    for (Map.Entry<String, String> e : resp.headers()) {
      String k = e.getKey();
      if (k.equalsIgnoreCase("server")) {
        // Envoy overwrites the upstream's server header where it stands (gunicorn sends it first).
        if (!serverSeen) {
          h.add("server", server);
          serverSeen = true;
        }
      } else if (!k.equalsIgnoreCase("content-length")
          && !k.equalsIgnoreCase("transfer-encoding")
          && !k.equalsIgnoreCase("connection")
          && !k.equalsIgnoreCase("keep-alive")) {
        h.add(k, e.getValue());
      }
    }
    h.set("x-envoy-upstream-service-time", Long.toString((System.nanoTime() - sentAt) / 1_000_000));
    if (!serverSeen) {
      h.set("server", server);
    }
    HeaderOps.applyResponse(decision, target, h);
    if (corsOrigin != null) {
      Cors.decorate(decision.corsPolicy(), corsOrigin, h);
    }
    String flags = retryOn.retriesStatus(status) && maxRetries > 0 ? flags("URX") : flags("-");
    Buffer body = resp.body();
    finish(status, flags, h, body == null ? Buffer.buffer() : body);
  }

  private void onFailure(int n, Throwable cause) {
    if (done.get() || n != attempt) {
      return;
    }
    if (cause instanceof TimeoutException
        || String.valueOf(cause.getMessage()).contains("timeout")) {
      perTryTimedOut(n);
      return;
    }
    counters().count(target.cluster(), "upstream_cx_connect_fail");
    outlierResult(503);
    counters().host(target.cluster(), pod.name()).error().increment();
    if (retryOn.retriesConnectFailure() && n <= maxRetries) {
      retry(n);
      return;
    }
    counters().upstreamCode(target.cluster(), 503);
    localReply(503, flags("UF"), CONNECT_FAILURE_BODY);
  }

  private void routeTimedOut() {
    if (done.get()) {
      return;
    }
    counters().count(target.cluster(), "upstream_rq_timeout");
    if (waiting == null) {
      hostTimedOut();
      outlierResult(504);
    }
    counters().upstreamCode(target.cluster(), 504);
    localReply(504, flags("UT"), TIMEOUT_BODY);
  }

  private void hostTimedOut() {
    if (pod != null) {
      var host = counters().host(target.cluster(), pod.name());
      host.timeout().increment();
      host.error().increment();
    }
  }

  /**
   * Tells outlier detection what the chosen host did: its status, or for a reset the status Envoy
   * maps it to (split_external_local_origin_errors is off: timeouts count as 504, connect failures
   * as 503).
   */
  private void outlierResult(int status) {
    if (detector != null && pod != null) {
      detector.result(pod.name(), status, target.endpoints().size(), System.nanoTime());
    }
  }

  /** The client proxy's own counters. */
  private dev.trafficlab.bookinfo.stats.ProxyStats counters() {
    return entry.stats().proxy(out.fromPod());
  }

  private void perTryTimedOut(int n) {
    if (done.get() || n != attempt) {
      return;
    }
    counters().count(target.cluster(), "upstream_rq_per_try_timeout");
    hostTimedOut();
    outlierResult(504);
    if (retryOn.retriesPerTryTimeout() && n <= maxRetries) {
      triedAgain(0);
      retry(n);
    } else {
      counters().upstreamCode(target.cluster(), 504);
      localReply(504, flags("UT"), TIMEOUT_BODY);
    }
  }

  /** Notes the try being given up on: its pod answered {@code status} (0: reset by this side). */
  private void triedAgain(int status) {
    if (pod != null && attemptStartedAt != null) {
      earlierTries.add(
          new TrafficRecord.Try(
              attemptStartedAt,
              pod.name(),
              pod.ip() + ":" + TargetPorts.of(snapshot, target.host(), target.port()),
              status,
              round((System.nanoTime() - attemptStartNanos) / 1e6)));
    }
  }

  private void retry(int n) {
    attempt = -n; // responses of the abandoned attempt are ignored from now on
    releaseConnection(false);
    counters().count(target.cluster(), "upstream_rq_retry");
    long ceiling = Math.min(BACKOFF_BASE_MS * ((1L << Math.min(n, 10)) - 1), BACKOFF_MAX_MS);
    long wait = 1 + ThreadLocalRandom.current().nextLong(ceiling);
    timers.add(sidecar.vertx.setTimer(wait, id -> send(n + 1)));
  }

  private long remainingMs() {
    long now = System.nanoTime();
    long r = 0;
    if (routeDeadlineNanos != 0) {
      r = Math.max(1, (routeDeadlineNanos - now) / 1_000_000);
    }
    if (callerDeadlineNanos != 0) {
      long c = Math.max(1, (callerDeadlineNanos - now) / 1_000_000);
      r = r == 0 ? c : Math.min(r, c);
    }
    return r;
  }

  // ---- mirror ----

  private void mirror() {
    MirrorPolicy m = decision.mirror();
    if (m == null || !fires(m.percentage())) {
      return;
    }
    List<Pod> eps = MirrorEndpoints.of(snapshot, m);
    mirroredTo = m.cluster();
    String host = out.host();
    String authority = host + "-shadow" + (out.port() == null ? "" : ":" + out.port());
    MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(upstreamHeaders);
    h.set(HttpHeaders.HOST, authority);
    if (eps.isEmpty()) {
      record(new Shadow(503, "NC", null, 0), authority, m);
      return;
    }
    Pod p =
        LoadBalancer.choose(
            entry.balancers(),
            out.fromPod(),
            m.cluster(),
            eps,
            Map.of(),
            Set.of(),
            sidecar.random,
            h::get);
    long t0 = System.nanoTime();
    Instant at = Instant.now();
    sidecar
        .upstreams
        .exchange(
            out.method(),
            upstreamPath,
            h,
            entry.token(),
            p.name(),
            out.fromPod(),
            out.body(),
            decision.timeoutMs() > 0 ? decision.timeoutMs() : Sidecar.MAX_UPSTREAM_MS)
        .onComplete(
            ar -> {
              int status = ar.succeeded() ? ar.result().status() : 504;
              // what the mirror's sidecar sent back (and logs), though the caller discards it
              long bytes = ar.succeeded() ? ar.result().body().length() : 0;
              Shadow s = new Shadow(status, ar.succeeded() ? "-" : "UT", p, bytes);
              recordShadow(s, authority, m, at, (System.nanoTime() - t0) / 1e6, h);
            });
  }

  private record Shadow(int status, String flags, Pod pod, long bytes) {}

  private void record(Shadow s, String authority, MirrorPolicy m) {
    recordShadow(s, authority, m, Instant.now(), 0, upstreamHeaders);
  }

  private void recordShadow(
      Shadow s, String authority, MirrorPolicy m, Instant at, double ms, MultiMap h) {
    ctx.traffic()
        .record(
            new TrafficRecord(
                at,
                h.get("x-request-id"),
                out.fromPod(),
                out.method().name(),
                authority,
                upstreamPath,
                "HTTP/1.1",
                s.status(),
                s.flags(),
                s.bytes(),
                round(ms),
                m.cluster(),
                s.pod() == null
                    ? null
                    : s.pod().ip() + ":" + TargetPorts.of(snapshot, m.host(), m.port()),
                s.pod() == null ? null : s.pod().name(),
                m.subset() == null ? "" : m.subset(),
                decision.origin(),
                h.get("user-agent"),
                h.get("end-user")));
  }

  // ---- endings ----

  private String flags(String flag) {
    if (delayFlag.isEmpty()) {
      return flag;
    }
    return "-".equals(flag) ? delayFlag : delayFlag + "," + flag;
  }

  private void callerHungUp() {
    localReply(0, "DC", "");
  }

  private void localReply(int status, String flags, String body) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (!body.isEmpty()) {
      h.set(HttpHeaders.CONTENT_TYPE, "text/plain");
    }
    h.set("server", gateway ? "istio-envoy" : "envoy");
    if (decision != null && status != 0) {
      HeaderOps.applyResponse(decision, target, h);
    }
    finish(status, flags, h, Buffer.buffer(body));
  }

  private void finish(int status, String flags, MultiMap h, Buffer body) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    for (long t : timers) {
      sidecar.vertx.cancelTimer(t);
    }
    // An answer read in full leaves its connection to keep-alive; anything else resets it.
    releaseConnection(false);
    double ms = round((System.nanoTime() - startNanos) / 1e6);
    int attempts = Math.abs(attempt);
    long delay = delayFlag.isEmpty() ? 0 : delayMs;
    int abort = flags.contains("FI") ? status : 0;
    HopResult r =
        new HopResult(
            status,
            flags,
            h,
            body,
            decision,
            target,
            pod,
            upstreamPath,
            upstreamHeaders,
            ms,
            delay,
            abort,
            mirroredTo,
            attempts);
    ctx.traffic()
        .record(
            new TrafficRecord(
                startedAt,
                headers.get("x-request-id"),
                out.fromPod(),
                out.method().name(),
                authority,
                out.path(),
                "HTTP/1.1",
                status,
                flags,
                body.length(),
                ms,
                target == null ? "-" : target.cluster(),
                r.pod() == null
                    ? null
                    : r.pod().ip() + ":" + TargetPorts.of(snapshot, target.host(), target.port()),
                r.pod() == null ? null : r.pod().name(),
                target == null || target.subset() == null ? "" : target.subset(),
                decision == null ? null : decision.origin(),
                headers.get("user-agent"),
                headers.get("end-user"),
                earlierTries));
    HopStats.record(
        entry,
        snapshot,
        out.fromPod(),
        target == null ? authority : target.host(),
        pod,
        answered,
        status,
        flags,
        ms);
    promise.complete(r);
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  private static long parseMs(String v) {
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
