package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call from a pod without a sidecar: outside the mesh, so no VirtualService, DestinationRule or
 * Envoy header applies. kube-proxy in iptables mode sends the connection to a random endpoint of
 * the Service (each endpoint equally likely), on the target port; a Service with no ready endpoint
 * or without that port refuses the connection. The request carries only what the application set.
 */
final class KubeProxyCall {
  /** The response flag of a refused connection (no Envoy was involved to name it). */
  static final String REFUSED = Sidecar.CONNECTION_REFUSED;

  private KubeProxyCall() {}

  static Future<HopResult> send(
      Sidecar sidecar, MeshContext ctx, MeshDirectory.Entry entry, Outbound out, Pod from) {
    long t0 = System.nanoTime();
    Instant startedAt = Instant.now();
    Inventory inv = ctx.snapshot().inventory();
    Optional<Service> service = ServiceLookup.find(inv, out.host(), from.namespace());
    if (service.isEmpty()) {
      // Not a cluster service: the lab reaches nothing outside the cluster.
      return Future.succeededFuture(refused(out, t0));
    }
    Service s = service.get();
    Service.Port port = portOf(s, out.port());
    List<Pod> endpoints = inv.endpoints(s, Map.of(), startedAt);
    if (port == null || endpoints.isEmpty()) {
      return Future.succeededFuture(refused(out, t0));
    }
    Pod pod =
        endpoints.get(
            Math.min(
                endpoints.size() - 1, (int) (sidecar.random.getAsDouble() * endpoints.size())));
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (out.headers() != null) {
      h.addAll(out.headers());
    }
    h.remove(Sidecar.TOKEN_HEADER);
    h.remove(Sidecar.POD_HEADER);
    h.remove(Sidecar.FROM_HEADER);
    h.set(HttpHeaders.HOST, out.authority());
    return sidecar
        .upstreams
        .exchange(
            out.method(),
            out.path(),
            h,
            entry.token(),
            pod.name(),
            from.name(),
            out.body(),
            out.callerTimeoutMs() > 0 ? out.callerTimeoutMs() : Sidecar.MAX_UPSTREAM_MS)
        .map(
            resp -> {
              MultiMap rh = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers());
              rh.remove("content-length");
              rh.remove("transfer-encoding");
              rh.remove("connection");
              Buffer body = resp.body() == null ? Buffer.buffer() : resp.body();
              double ms = (System.nanoTime() - t0) / 1e6;
              ctx.traffic()
                  .record(
                      new TrafficRecord(
                          startedAt,
                          null,
                          from.name(),
                          out.method().name(),
                          out.authority(),
                          out.path(),
                          "HTTP/1.1",
                          resp.status(),
                          "-",
                          body.length(),
                          Math.round(ms * 10) / 10.0,
                          "-",
                          pod.ip() + ":" + port.targetPort(),
                          pod.name(),
                          "",
                          null,
                          h.get("user-agent"),
                          h.get("end-user")));
              return new HopResult(
                  resp.status(), "-", rh, body, null, null, pod, out.path(), h, ms, 0, 0, null, 1);
            })
        .otherwise(err -> refused(out, t0));
  }

  private static Service.Port portOf(Service s, Integer port) {
    if (port == null) {
      return s.ports().size() == 1 ? s.ports().get(0) : null;
    }
    for (Service.Port p : s.ports()) {
      if (p.port() == port) {
        return p;
      }
    }
    return null;
  }

  private static HopResult refused(Outbound out, long t0) {
    return new HopResult(
        0,
        REFUSED,
        MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer(),
        null,
        null,
        null,
        out.path(),
        null,
        (System.nanoTime() - t0) / 1e6,
        0,
        0,
        null,
        1);
  }
}
