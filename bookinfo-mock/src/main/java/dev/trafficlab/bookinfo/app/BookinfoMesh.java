package dev.trafficlab.bookinfo.app;

import dev.trafficlab.bookinfo.MeshBusyException;
import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.MeshRequestException;
import dev.trafficlab.bookinfo.ingress.ProductPageEdge;
import dev.trafficlab.bookinfo.load.LoadRun;
import dev.trafficlab.bookinfo.load.LoadSpec;
import dev.trafficlab.bookinfo.requests.BatchAdmission;
import dev.trafficlab.bookinfo.requests.LoopLagProbe;
import dev.trafficlab.bookinfo.requests.RequestBatch;
import dev.trafficlab.bookinfo.sidecar.DecisionSource;
import dev.trafficlab.bookinfo.sidecar.EventLoops;
import dev.trafficlab.bookinfo.sidecar.HopResult;
import dev.trafficlab.bookinfo.sidecar.MeshDirectory;
import dev.trafficlab.bookinfo.sidecar.Outbound;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import dev.trafficlab.bookinfo.sidecar.Upstreams;
import dev.trafficlab.bookinfo.workloads.WorkloadServer;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.RouteRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * The data plane of every sandbox: the Bookinfo workloads on one internal loopback server, their
 * sidecars, and the ingress gateway. Stateless per sandbox apart from what {@link MeshContext}
 * holds and the balancers' positions (kept per sandbox, dropped with it).
 *
 * <p>Errors: {@link #call} and {@link #sendRequests} fail their future with {@link
 * MeshRequestException} (answer 400 with its message) for bad input: unknown pod, count or
 * concurrency out of range; {@link #sendRequests} with {@link MeshBusyException} (answer 429) when
 * the sandbox already runs its batches. Routing outcomes (404 NR, 503 NC/UH, 504 UT, faults) are
 * never errors: they are responses, as on a cluster.
 */
public final class BookinfoMesh {
  /**
   * One POST .../requests call is bounded by this; requests still running are reported as
   * cancelled.
   */
  public static final long REQUESTS_BOUND_MS = 120_000;

  /**
   * @param decisions where routing decisions come from (the snapshot's route table by default)
   * @param random the random source for weights, fault and mirror percentages, RANDOM/LEAST_CONN
   *     balancing
   * @param direct benchmark baseline: handlers call each other straight over loopback, no sidecar
   *     routing
   * @param requestsBoundMs the time bound of one {@link #sendRequests} call
   * @param admission how many batches and batch requests the data plane takes at once, and each
   *     sandbox's share
   */
  public record Options(
      DecisionSource decisions,
      DoubleSupplier random,
      boolean direct,
      long requestsBoundMs,
      BatchAdmission.Limits admission) {
    public Options(
        DecisionSource decisions, DoubleSupplier random, boolean direct, long requestsBoundMs) {
      this(decisions, random, direct, requestsBoundMs, BatchAdmission.Limits.defaults());
    }

    public static Options defaults() {
      return new Options(
          DecisionSource.routeTable(),
          () -> ThreadLocalRandom.current().nextDouble(),
          false,
          REQUESTS_BOUND_MS);
    }

    public Options withDecisions(DecisionSource d) {
      return new Options(d, random, direct, requestsBoundMs, admission);
    }

    public Options withRandom(DoubleSupplier r) {
      return new Options(decisions, r, direct, requestsBoundMs, admission);
    }

    public Options withDirect(boolean d) {
      return new Options(decisions, random, d, requestsBoundMs, admission);
    }

    public Options withRequestsBoundMs(long ms) {
      return new Options(decisions, random, direct, ms, admission);
    }

    public Options withAdmission(BatchAdmission.Limits limits) {
      return new Options(decisions, random, direct, requestsBoundMs, limits);
    }
  }

  private final Vertx vertx;
  private final WorkloadServer workloads;
  private final Upstreams client;
  private final Sidecar sidecar;
  private final ProductPageEdge edge;
  private final Options options;
  private final BatchAdmission admission;
  private final LoopLagProbe lag;
  private final long sweepTimer;

  private BookinfoMesh(
      Vertx vertx, WorkloadServer workloads, Upstreams client, Sidecar sidecar, Options options) {
    this.vertx = vertx;
    this.workloads = workloads;
    this.client = client;
    this.sidecar = sidecar;
    this.options = options;
    this.admission = new BatchAdmission(options.admission());
    this.lag = LoopLagProbe.start(vertx, admission);
    this.edge = new ProductPageEdge(sidecar);
    this.sweepTimer = vertx.setPeriodic(60_000, id -> sidecar.directory().sweep());
  }

  /** The Vert.x instance the mesh runs on (sandboxes take their worker contexts from it). */
  public Vertx vertx() {
    return vertx;
  }

  /** Starts the internal workload server on a free loopback port. */
  public static Future<BookinfoMesh> start(Vertx vertx) {
    return start(vertx, Options.defaults());
  }

  public static Future<BookinfoMesh> start(Vertx vertx, Options options) {
    MeshDirectory directory = new MeshDirectory();
    return WorkloadServer.start(vertx, directory)
        .map(
            server -> {
              Upstreams client = new Upstreams(vertx, server.loops(), server::portHere);
              Sidecar sidecar =
                  new Sidecar(
                      vertx,
                      client,
                      directory,
                      options.decisions(),
                      options.random(),
                      options.direct());
              server.install(sidecar);
              return new BookinfoMesh(vertx, server, client, sidecar, options);
            });
  }

  /**
   * Serves each sandbox's product page under /bookinfo/:pageKey/ (productpage, login, logout,
   * static, api), entering through the ingress gateway. {@code byPageKey} answers null for an
   * unknown key (404).
   */
  public void mountProductPage(Router router, Function<String, MeshContext> byPageKey) {
    edge.mount(router, byPageKey);
  }

  /**
   * One request from a workload's sidecar (or through the ingress when from is
   * istio-ingressgateway). {@code request.from()} is a pod or deployment name; {@code
   * request.host()} may carry a port.
   */
  public Future<MeshResponse> call(MeshContext ctx, RouteRequest request) {
    return call(ctx, request, null);
  }

  /** As {@link #call(MeshContext, RouteRequest)}, with a request body (null for none). */
  public Future<MeshResponse> call(MeshContext ctx, RouteRequest request, String body) {
    Outbound out;
    try {
      out = outbound(ctx, request);
    } catch (MeshRequestException e) {
      return Future.failedFuture(e);
    }
    if (body != null) {
      out =
          new Outbound(
              out.fromPod(),
              out.host(),
              out.port(),
              out.method(),
              out.path(),
              out.headers(),
              io.vertx.core.buffer.Buffer.buffer(body),
              out.callerTimeoutMs());
    }
    return sidecar.send(ctx, out).map(BookinfoMesh::response);
  }

  /**
   * The body of POST /api/sandboxes/{id}/requests (and of the page's "Send 100 requests"): count
   * requests, at most concurrency at a time and within the sandbox's fair share of the data plane,
   * 120 s bound. Fails with {@link MeshBusyException} when the sandbox (or the server) already runs
   * as many batches as it may.
   */
  public Future<JsonObject> sendRequests(
      MeshContext ctx, RouteRequest request, int count, int concurrency) {
    Outbound out;
    try {
      RequestBatch.validate(count, concurrency);
      out = outbound(ctx, request);
      admission.startBatch(ctx.sandboxId());
    } catch (MeshRequestException | MeshBusyException e) {
      return Future.failedFuture(e);
    }
    String id = ctx.sandboxId();
    try {
      return RequestBatch.run(
              vertx, sidecar, admission, ctx, out, count, concurrency, options.requestsBoundMs())
          .onComplete(done -> admission.endBatch(id));
    } catch (RuntimeException e) {
      admission.endBatch(id);
      throw e;
    }
  }

  /**
   * Starts fortio's load run from {@code spec.fromPod()}'s sidecar on one event loop; it counts as
   * one of the sandbox's batches (fails with {@link MeshBusyException} when it may run no more).
   * The caller may stop it early; its report future always completes.
   */
  public LoadRun load(MeshContext ctx, LoadSpec spec) {
    Outbound out =
        outbound(
            ctx,
            new RouteRequest(
                spec.fromPod(), spec.host(), spec.port(), "GET", spec.path(), spec.headers()));
    admission.startBatch(ctx.sandboxId());
    String id = ctx.sandboxId();
    try {
      List<Context> loops = EventLoops.contexts(vertx);
      Context loop = loops.get(ThreadLocalRandom.current().nextInt(loops.size()));
      LoadRun run = LoadRun.start(vertx, loop, sidecar, admission, ctx, out, spec);
      run.report().onComplete(done -> admission.endBatch(id));
      return run;
    } catch (RuntimeException e) {
      admission.endBatch(id);
      throw e;
    }
  }

  /** The Envoy statistics of a sandbox's proxies (what their admin endpoints show). */
  public dev.trafficlab.bookinfo.stats.MeshStats stats(MeshContext ctx) {
    return sidecar.directory().enter(ctx).stats();
  }

  /** What a pod's application container wrote, oldest line first (kubectl logs POD -c APP). */
  public java.util.List<String> containerLogs(MeshContext ctx, Pod pod) {
    return dev.trafficlab.bookinfo.images.ContainerOutput.lines(
        sidecar.directory().enter(ctx).containerLogs(), pod);
  }

  /** Who may send how many batch requests now (tests and benchmarks read it). */
  public BatchAdmission admission() {
    return admission;
  }

  /** The loopback port of the workload server (for tests and the load harness). */
  public int workloadPort() {
    return workloads.port();
  }

  public Future<Void> close() {
    vertx.cancelTimer(sweepTimer);
    lag.stop();
    return workloads.close().eventually(client::close);
  }

  private static Outbound outbound(MeshContext ctx, RouteRequest request) {
    String from = request.from();
    if (from == null || from.isBlank()) {
      throw new MeshRequestException(
          "from is required: the pod or deployment the request is sent from");
    }
    Optional<Pod> pod = ctx.snapshot().inventory().podOrWorkload(from.trim());
    if (pod.isEmpty()) {
      throw new MeshRequestException("pods \"" + from + "\" not found");
    }
    String host = request.host();
    if (host == null || host.isBlank()) {
      throw new MeshRequestException("host is required");
    }
    host = host.trim();
    Integer port = request.port();
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      try {
        int parsed = Integer.parseInt(host.substring(colon + 1));
        port = port == null ? parsed : port;
      } catch (NumberFormatException e) {
        throw new MeshRequestException("invalid port in host \"" + host + "\"");
      }
      host = host.substring(0, colon);
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new MeshRequestException("port must be between 1 and 65535, got " + port);
    }
    HttpMethod method;
    try {
      method = HttpMethod.valueOf(request.method().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new MeshRequestException("invalid method \"" + request.method() + "\"");
    }
    String path = request.path().startsWith("/") ? request.path() : "/" + request.path();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request.headers().forEach(headers::set);
    headers.remove(Sidecar.TOKEN_HEADER);
    headers.remove(Sidecar.POD_HEADER);
    if (pod.get().workload().equals(ProductPageEdge.INGRESS_DEPLOYMENT) && port == null) {
      port = 80;
    }
    return new Outbound(pod.get().name(), host, port, method, path, headers, null, 0);
  }

  static MeshResponse response(HopResult r) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.headers() != null) {
      for (Map.Entry<String, String> e : r.headers()) {
        headers.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + ", " + b);
      }
    }
    headers.put("content-length", Integer.toString(r.body() == null ? 0 : r.body().length()));
    return new MeshResponse(
        r.status(),
        headers,
        r.bodyText(),
        r.responseFlags(),
        r.target() == null ? null : r.target().cluster(),
        r.target() == null ? "" : r.target().subset(),
        r.pod() == null ? null : r.pod().name(),
        r.durationMs());
  }
}
