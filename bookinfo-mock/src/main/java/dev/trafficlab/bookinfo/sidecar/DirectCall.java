package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * The benchmark baseline: an application calling a service with no proxy logic at all: the called
 * service's pods in rotation (the ingress goes to productpage), a plain timeout, nothing recorded.
 */
final class DirectCall {
  private DirectCall() {}

  static Future<HopResult> send(
      Sidecar sidecar, MeshContext ctx, MeshDirectory.Entry entry, Outbound out) {
    long t0 = System.nanoTime();
    var inv = ctx.snapshot().inventory();
    Service service =
        inv.service("default", out.host())
            .or(() -> inv.service("default", "productpage"))
            .orElseThrow();
    List<Pod> pods = inv.endpoints(service, Map.of());
    Pod pod =
        pods.get(
            (int)
                Math.floorMod(
                    entry.balancers().next(out.fromPod(), service.name()), (long) pods.size()));
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (out.headers() != null) {
      h.addAll(out.headers());
    }
    h.set("host", out.authority());
    return sidecar
        .upstreams
        .exchange(
            out.method(),
            out.path(),
            h,
            entry.token(),
            pod.name(),
            out.body(),
            out.callerTimeoutMs() > 0 ? out.callerTimeoutMs() : Sidecar.MAX_UPSTREAM_MS)
        .map(
            resp -> {
              MultiMap rh = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers());
              rh.remove("content-length");
              return new HopResult(
                  resp.status(),
                  "-",
                  rh,
                  resp.body() == null ? Buffer.buffer() : resp.body(),
                  null,
                  null,
                  pod,
                  out.path(),
                  h,
                  (System.nanoTime() - t0) / 1e6,
                  0,
                  0,
                  null,
                  1);
            })
        .otherwise(
            err ->
                new HopResult(
                    0,
                    "DC",
                    MultiMap.caseInsensitiveMultiMap(),
                    Buffer.buffer(),
                    null,
                    null,
                    pod,
                    out.path(),
                    h,
                    (System.nanoTime() - t0) / 1e6,
                    0,
                    0,
                    null,
                    1));
  }
}
