package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.sidecar.MeshDirectory;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import dev.trafficlab.mesh.inventory.Pod;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one internal loopback server behind every pod of every sandbox. Each request names its sandbox by the
 * directory token and its pod by name (internal headers the sidecar sets); nothing here is reachable from a
 * browser, and a token opens only its own sandbox's workloads.
 */
public final class WorkloadServer {
  private final Vertx vertx;
  private final MeshDirectory directory;
  private volatile Map<String, Workload> byApp = Map.of();
  private final AtomicInteger port = new AtomicInteger();
  private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();

  private WorkloadServer(Vertx vertx, MeshDirectory directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  /** Binds 127.0.0.1 on a free port with one server per event loop requested (they share the port). */
  public static Future<WorkloadServer> start(Vertx vertx, MeshDirectory directory, int instances) {
    return attempt(vertx, directory, Math.max(1, instances), 5);
  }

  /**
   * Vert.x shares a port between server instances only when they ask for the same explicit port, so a free
   * port is found first; another process may take it in between, hence the few tries.
   */
  private static Future<WorkloadServer> attempt(Vertx vertx, MeshDirectory directory, int instances, int triesLeft) {
    WorkloadServer s = new WorkloadServer(vertx, directory);
    int free;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    } catch (java.io.IOException e) {
      return Future.failedFuture(e);
    }
    s.port.set(free);
    return vertx.deployVerticle(() -> s.new Listener(), new DeploymentOptions().setInstances(instances))
        .map(id -> {
          s.deployments.add(id);
          return s;
        })
        .recover(err -> triesLeft > 1 ? attempt(vertx, directory, instances, triesLeft - 1) : Future.failedFuture(err));
  }

  /** Installs the applications once the sidecars (which need the port) exist. */
  public void install(Sidecar sidecar) {
    AppClient client = new AppClient(sidecar);
    StaticFiles statics = new StaticFiles();
    byApp = Map.of(
        "productpage", new ProductPage(client, statics),
        "details", new Details(),
        "reviews", new Reviews(client),
        "ratings", new Ratings(),
        "istio-ingressgateway", new IngressWorkload(sidecar));
  }

  public int port() {
    return port.get();
  }

  public Future<Void> close() {
    return Future.all(deployments.stream().map(vertx::undeploy).toList()).mapEmpty();
  }

  private void handle(HttpServerRequest req) {
    MeshDirectory.Entry entry = directory.byToken(req.getHeader(Sidecar.TOKEN_HEADER));
    MeshContext ctx = entry == null ? null : entry.context();
    if (ctx == null) {
      req.response().setStatusCode(403).end();
      return;
    }
    String podName = req.getHeader(Sidecar.POD_HEADER);
    Pod pod = null;
    for (Pod p : ctx.snapshot().inventory().pods()) {
      if (p.name().equals(podName)) {
        pod = p;
        break;
      }
    }
    Workload w = pod == null ? null : byApp.get(pod.app());
    if (w == null) {
      req.response().setStatusCode(503).end();
      return;
    }
    req.headers().remove(Sidecar.TOKEN_HEADER);
    req.headers().remove(Sidecar.POD_HEADER);
    w.handle(new Inbound(ctx, pod, req));
  }

  private final class Listener extends VerticleBase {
    @Override
    public Future<?> start() {
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port.get())
              .setTcpNoDelay(true).setIdleTimeout(300))
          .requestHandler(WorkloadServer.this::handle)
          .listen();
    }
  }
}
