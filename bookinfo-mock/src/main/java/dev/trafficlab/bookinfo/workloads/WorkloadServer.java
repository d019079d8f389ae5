package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.images.Behaviour;
import dev.trafficlab.bookinfo.images.ImageCatalogue;
import dev.trafficlab.bookinfo.sidecar.EventLoops;
import dev.trafficlab.bookinfo.sidecar.MeshDirectory;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import dev.trafficlab.mesh.inventory.Pod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one internal loopback server behind every pod of every sandbox. Each request names its
 * sandbox by the directory token and its pod by name (internal headers the sidecar sets); nothing
 * here is reachable from a browser, and a token opens only its own sandbox's workloads.
 */
public final class WorkloadServer {
  private final Vertx vertx;
  private final MeshDirectory directory;
  private volatile Map<Behaviour, Workload> byBehaviour = Map.of();
  private volatile Workload ingress;

  /**
   * The listener of each event loop, by the loop's thread: a client reaches the one on its own
   * loop.
   */
  private final Map<Thread, Integer> portByLoop = new ConcurrentHashMap<>();

  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private volatile int anyPort;

  private WorkloadServer(Vertx vertx, MeshDirectory directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  /**
   * Binds 127.0.0.1: one listener on each Vert.x event loop, each on its own free port, so that a
   * hop sent from a loop is served on that same loop.
   */
  public static Future<WorkloadServer> start(Vertx vertx, MeshDirectory directory) {
    WorkloadServer s = new WorkloadServer(vertx, directory);
    List<Future<?>> all = new ArrayList<>();
    for (Context loop : EventLoops.contexts(vertx)) {
      Promise<Void> bound = Promise.promise();
      loop.runOnContext(
          v -> {
            Thread thread = Thread.currentThread();
            // Port 0 outside a verticle deployment: each listener gets its own port, bound to this
            // loop's context.
            vertx
                .createHttpServer(
                    new HttpServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(0)
                        .setTcpNoDelay(true)
                        .setIdleTimeout(300))
                .requestHandler(s::handle)
                .listen()
                .onSuccess(
                    server -> {
                      s.servers.add(server);
                      s.portByLoop.put(thread, server.actualPort());
                      s.anyPort = server.actualPort();
                    })
                .<Void>mapEmpty()
                .onComplete(bound);
          });
      all.add(bound.future());
    }
    return Future.all(all)
        .map(s)
        .recover(err -> s.close().transform(x -> Future.failedFuture(err)));
  }

  /** Installs the applications once the sidecars (which need the port) exist. */
  public void install(Sidecar sidecar) {
    AppClient client = new AppClient(sidecar);
    StaticFiles statics = new StaticFiles();
    EchoServer echo = new EchoServer();
    Map<Behaviour, Workload> m = new EnumMap<>(Behaviour.class);
    m.put(Behaviour.PRODUCTPAGE, new ProductPage(client, statics));
    m.put(Behaviour.DETAILS, new Details());
    m.put(Behaviour.REVIEWS, new Reviews(client));
    m.put(Behaviour.RATINGS, new Ratings());
    m.put(Behaviour.HTTPBIN, new HttpBin(vertx));
    m.put(Behaviour.HELLOWORLD, new HelloWorld());
    m.put(Behaviour.SLEEP, NoListener.INSTANCE);
    m.put(Behaviour.TCP_ECHO, new TcpEcho());
    m.put(Behaviour.FORTIO, echo);
    m.put(Behaviour.ECHO, echo);
    byBehaviour = Map.copyOf(m);
    ingress = new IngressWorkload(sidecar);
  }

  /**
   * What runs in a pod: the ingress gateway by its app label, any other pod by its image (see
   * docs/images.md); null when the pod serves nothing over HTTP (istiod, other gateways).
   */
  Workload workloadOf(Pod pod) {
    if (pod.app().equals("istio-ingressgateway")) {
      return ingress;
    }
    return byBehaviour.get(ImageCatalogue.behaviour(pod.image()));
  }

  /** A port of the workload server (any listener serves every workload). */
  public int port() {
    return anyPort;
  }

  /**
   * The listener on the calling thread's event loop, or any listener when called from elsewhere.
   */
  public int portHere() {
    Integer p = portByLoop.get(Thread.currentThread());
    return p == null ? anyPort : p;
  }

  /** The event-loop threads that have a listener. */
  public java.util.Set<Thread> loops() {
    return portByLoop.keySet();
  }

  public Future<Void> close() {
    return Future.all(servers.stream().map(HttpServer::close).toList()).mapEmpty();
  }

  private void handle(HttpServerRequest req) {
    MeshDirectory.Entry entry = directory.byToken(req.getHeader(Sidecar.TOKEN_HEADER));
    MeshContext ctx = entry == null ? null : entry.context();
    if (ctx == null) {
      req.response().setStatusCode(403).end();
      return;
    }
    String podName = req.getHeader(Sidecar.POD_HEADER);
    String fromName = req.getHeader(Sidecar.FROM_HEADER);
    Pod pod = null;
    Pod caller = null;
    for (Pod p : ctx.snapshot().inventory().pods()) {
      if (p.name().equals(podName)) {
        pod = p;
      }
      if (p.name().equals(fromName)) {
        caller = p;
      }
    }
    Workload w = pod == null ? null : workloadOf(pod);
    if (w == null) {
      req.response().setStatusCode(503).end();
      return;
    }
    req.headers().remove(Sidecar.TOKEN_HEADER);
    req.headers().remove(Sidecar.POD_HEADER);
    req.headers().remove(Sidecar.FROM_HEADER);
    w.handle(new Inbound(ctx, pod, req, caller, entry.containerLogs()));
  }
}
