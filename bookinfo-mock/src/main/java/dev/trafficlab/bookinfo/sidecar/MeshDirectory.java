package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.images.ContainerLogs;
import dev.trafficlab.bookinfo.stats.MeshStats;
import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sandbox an internal request belongs to. One loopback server serves the workloads of every
 * sandbox, so each hop carries an unguessable per-sandbox token (never the sandbox id, which
 * controls the sandbox's API); the token maps back to the sandbox's context and its load-balancer
 * state. Contexts are held weakly: a deleted sandbox's entry is swept, never kept alive by the data
 * plane.
 */
public final class MeshDirectory {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConcurrentHashMap<String, Entry> byToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> bySandbox = new ConcurrentHashMap<>();

  /**
   * A sandbox as the data plane knows it: its token, its context and its proxies' balancing state.
   */
  public static final class Entry {
    private final String token;
    private volatile WeakReference<MeshContext> context;
    private final LoadBalancerState balancers = new LoadBalancerState();
    private final MeshStats stats = new MeshStats();
    private final ContainerLogs containerLogs = new ContainerLogs();

    Entry(String token, MeshContext context) {
      this.token = token;
      this.context = new WeakReference<>(context);
    }

    public String token() {
      return token;
    }

    public MeshContext context() {
      return context.get();
    }

    public LoadBalancerState balancers() {
      return balancers;
    }

    /** What this sandbox's application containers wrote (kubectl logs POD -c APP). */
    public ContainerLogs containerLogs() {
      return containerLogs;
    }

    /** The Envoy statistics of this sandbox's proxies. */
    public MeshStats stats() {
      return stats;
    }
  }

  public Entry enter(MeshContext ctx) {
    Entry e =
        bySandbox.computeIfAbsent(
            ctx.sandboxId(),
            id -> {
              Entry n = new Entry(newToken(), ctx);
              byToken.put(n.token, n);
              return n;
            });
    if (e.context.get() != ctx) {
      e.context = new WeakReference<>(ctx);
    }
    return e;
  }

  /**
   * The sandbox of an internal request, or null when the token is unknown or its sandbox is gone.
   */
  public Entry byToken(String token) {
    if (token == null) {
      return null;
    }
    Entry e = byToken.get(token);
    return e == null || e.context() == null ? null : e;
  }

  /** Forgets sandboxes whose context was collected. */
  public void sweep() {
    bySandbox
        .values()
        .removeIf(
            e -> {
              if (e.context() == null) {
                byToken.remove(e.token);
                return true;
              }
              return false;
            });
  }

  public int size() {
    return bySandbox.size();
  }

  private static String newToken() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
