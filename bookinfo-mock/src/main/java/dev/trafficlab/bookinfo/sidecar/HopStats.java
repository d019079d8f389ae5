package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.bookinfo.stats.IstioSeries;
import dev.trafficlab.bookinfo.stats.ProxyStats;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.store.Snapshot;

/**
 * What a finished hop adds to Istio's standard metrics: the client proxy reports it as source; the
 * server pod's sidecar, when the request reached it and it answered, reports it as destination.
 */
final class HopStats {
  private HopStats() {}

  static void record(
      MeshDirectory.Entry entry,
      Snapshot snapshot,
      String fromPod,
      String host,
      Pod upstream,
      boolean answered,
      int status,
      String flags,
      double ms) {
    IstioSeries.Peer source = peer(snapshot, fromPod);
    IstioSeries.Peer destination = answered && upstream != null ? peer(upstream) : null;
    String service = host;
    int colon = service.lastIndexOf(':');
    if (colon > 0 && service.indexOf(']') < colon) {
      service = service.substring(0, colon);
    }
    ProxyStats client = entry.stats().proxy(fromPod);
    client.request(
        new IstioSeries(
            "source",
            source,
            destination == null ? IstioSeries.Peer.UNKNOWN : destination,
            service,
            status,
            flags),
        ms);
    if (destination != null) {
      entry
          .stats()
          .proxy(upstream.name())
          .request(new IstioSeries("destination", source, destination, service, status, "-"), ms);
    }
  }

  private static IstioSeries.Peer peer(Snapshot snapshot, String podName) {
    if (snapshot != null) {
      for (Pod p : snapshot.inventory().pods()) {
        if (p.name().equals(podName)) {
          return peer(p);
        }
      }
    }
    if (podName.startsWith("istio-ingressgateway")) {
      return new IstioSeries.Peer(
          "istio-ingressgateway",
          "istio-system",
          "istio-ingressgateway-service-account",
          "istio-ingressgateway",
          "unknown");
    }
    return IstioSeries.Peer.UNKNOWN;
  }

  private static IstioSeries.Peer peer(Pod p) {
    String version = p.version().isEmpty() ? "unknown" : p.version();
    String app = p.app().isEmpty() ? p.workload() : p.app();
    String sa = p.serviceAccount() == null ? "" : p.serviceAccount();
    return new IstioSeries.Peer(p.workload(), p.namespace(), sa, app, version);
  }
}
