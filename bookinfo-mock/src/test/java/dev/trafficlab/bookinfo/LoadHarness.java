package dev.trafficlab.bookinfo;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.sidecar.DecisionSource;
import dev.trafficlab.mesh.store.Snapshot;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The load benchmark's server: one sandbox with the lesson's 50/50 rule (bookinfo-gateway,
 * destination-rule-all, virtual-service-reviews-50-v3) whose product page is served at
 * /bookinfo/bench/productpage.
 *
 * <p>Usage: {@code LoadHarness mesh|direct PORT}. "mesh" routes every hop through the sidecars;
 * "direct" is the baseline: the same handlers calling each other straight over loopback HTTP, no
 * routing, nothing recorded. {@code -Dnio=true} runs on the NIO transport instead of epoll.
 */
public final class LoadHarness {
  /**
   * CPU time of the event-loop threads, where all request work happens: unlike process CPU it
   * leaves out the JIT compiler and GC threads, whose cost is a start-up effect, not a per-page
   * one.
   */
  static long eventLoopCpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo t : mx.dumpAllThreads(false, false)) {
      if (t.getThreadName().startsWith("vert.x-eventloop-thread")) {
        long cpu = mx.getThreadCpuTime(t.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  public static void main(String[] args) {
    boolean direct = args.length > 0 && args[0].equals("direct");
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 18103;
    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    // As the server's Main: epoll where it loads; -Dnio=true measures the NIO transport instead.
    Vertx vertx =
        Vertx.vertx(new VertxOptions().setPreferNativeTransport(!Boolean.getBoolean("nio")));
    Snapshot snapshot = LessonConfigs.fiftyFifty();
    TestSandbox sandbox = new TestSandbox("bench");
    sandbox.swap(snapshot);
    BookinfoMesh mesh =
        BookinfoMesh.start(
                vertx,
                BookinfoMesh.Options.defaults()
                    .withDecisions(DecisionSource.routeTable())
                    .withDirect(direct))
            .await();
    vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    Router router = Router.router(vertx);
                    router
                        .get("/harness/cpu")
                        .handler(rc -> rc.response().end(Long.toString(eventLoopCpuNanos())));
                    mesh.mountProductPage(router, key -> key.equals("bench") ? sandbox : null);
                    return vertx
                        .createHttpServer(
                            new HttpServerOptions()
                                .setPort(port)
                                .setHost("127.0.0.1")
                                .setTcpNoDelay(true))
                        .requestHandler(router)
                        .listen();
                  }
                },
            new DeploymentOptions().setInstances(loops))
        .await();
    System.out.println(
        "READY "
            + (direct ? "direct" : "mesh")
            + " http://127.0.0.1:"
            + port
            + "/bookinfo/bench/productpage ("
            + loops
            + " event loops, "
            + (vertx.isNativeTransportEnabled() ? "epoll" : "nio")
            + " transport)");
  }
}
