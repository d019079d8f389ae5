package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.mesh.inventory.Pod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.DoubleSupplier;

/**
 * The Envoy next to every workload: carries out the route decision for each outbound request, for
 * real, over loopback HTTP to the workload server. Stateless itself; a sandbox's balancing state
 * lives in its {@link MeshDirectory.Entry}.
 */
public final class Sidecar {
  /**
   * Internal headers that carry the sandbox and the target pod to the workload server; never shown.
   */
  public static final String TOKEN_HEADER = "x-tl-mesh";

  public static final String POD_HEADER = "x-tl-pod";

  /** Internal header naming the calling pod (the destination's inbound side needs its identity). */
  public static final String FROM_HEADER = "x-tl-from";

  /**
   * The response flag of a call from a pod without a sidecar whose connection was refused (no
   * Service port or no ready endpoint): no Envoy was there to name it, and the status is 0.
   */
  public static final String CONNECTION_REFUSED = "CR";

  /** Bound for any upstream exchange with no other deadline, so nothing can hang for ever. */
  static final long MAX_UPSTREAM_MS = 130_000;

  final Vertx vertx;
  final Upstreams upstreams;
  final MeshDirectory directory;
  final DecisionSource decisions;
  final DoubleSupplier random;
  final boolean direct;

  public Sidecar(
      Vertx vertx,
      Upstreams upstreams,
      MeshDirectory directory,
      DecisionSource decisions,
      DoubleSupplier random) {
    this(vertx, upstreams, directory, decisions, random, false);
  }

  /**
   * @param direct the benchmark's baseline: no routing at all, each call goes straight to a pod of
   *     the called service (round robin), nothing recorded; the same handlers calling each other
   *     over loopback
   */
  public Sidecar(
      Vertx vertx,
      Upstreams upstreams,
      MeshDirectory directory,
      DecisionSource decisions,
      DoubleSupplier random,
      boolean direct) {
    this.direct = direct;
    this.vertx = vertx;
    this.upstreams = upstreams;
    this.directory = directory;
    this.decisions = decisions;
    this.random = random;
  }

  /**
   * Sends one request from {@code out.fromPod()}'s sidecar; never fails: every outcome is a {@link
   * HopResult}.
   */
  public Future<HopResult> send(MeshContext ctx, Outbound out) {
    if (!Context.isOnEventLoopThread()) {
      // A hop's timers and responses must all run on one event loop; a caller outside Vert.x or on
      // a worker
      // (a sandbox's shell) gets one.
      Promise<HopResult> p = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> onContext(ctx, out).onComplete(p));
      return p.future();
    }
    return onContext(ctx, out);
  }

  private Future<HopResult> onContext(MeshContext ctx, Outbound out) {
    MeshDirectory.Entry entry = directory.enter(ctx);
    if (direct) {
      return DirectCall.send(this, ctx, entry, out);
    }
    Pod from = outsideMesh(ctx, out.fromPod());
    if (from != null) {
      return KubeProxyCall.send(this, ctx, entry, out, from);
    }
    return new Hop(this, ctx, entry, out).run();
  }

  /** The calling pod when it has no sidecar (and is no gateway): its calls bypass Envoy. */
  private static Pod outsideMesh(MeshContext ctx, String fromPod) {
    for (Pod p : ctx.snapshot().inventory().pods()) {
      if (p.name().equals(fromPod)) {
        String istio = p.labels().get("istio");
        boolean gateway = "ingressgateway".equals(istio) || "egressgateway".equals(istio);
        return p.sidecar() || gateway ? null : p;
      }
    }
    return null;
  }

  public MeshDirectory directory() {
    return directory;
  }
}
