package dev.trafficlab.bookinfo.stats;

import java.util.List;

/**
 * One series of Istio's standard metrics as 1.8.1's stats filter labels it (the default dimensions;
 * no source_cluster/destination_cluster, which only a multi-cluster install adds).
 */
public record IstioSeries(
    String reporter,
    Peer source,
    Peer destination,
    String destinationService,
    int responseCode,
    String responseFlags) {

  /** A workload as the metadata exchange describes it; "unknown" fields when no pod was reached. */
  public record Peer(
      String workload, String namespace, String serviceAccount, String app, String version) {
    public static final Peer UNKNOWN = new Peer("unknown", "unknown", "", "unknown", "unknown");

    String principal() {
      return serviceAccount.isEmpty()
          ? "unknown"
          : "spiffe://cluster.local/ns/" + namespace + "/sa/" + serviceAccount;
    }
  }

  /** The labels in the stats filter's own order, which is how the /stats text names them. */
  List<String[]> dimensions() {
    String host = destinationService;
    int dot = host.indexOf('.');
    String serviceName = dot < 0 ? host : host.substring(0, dot);
    int dot2 = dot < 0 ? -1 : host.indexOf('.', dot + 1);
    String serviceNamespace =
        dot < 0 ? "unknown" : host.substring(dot + 1, dot2 < 0 ? host.length() : dot2);
    return List.of(
        kv("reporter", reporter),
        kv("source_workload", source.workload()),
        kv("source_workload_namespace", source.namespace()),
        kv("source_principal", source.principal()),
        kv("source_app", source.app()),
        kv("source_version", source.version()),
        kv("destination_workload", destination.workload()),
        kv("destination_workload_namespace", destination.namespace()),
        kv("destination_principal", destination.principal()),
        kv("destination_app", destination.app()),
        kv("destination_version", destination.version()),
        kv("destination_service", host),
        kv("destination_service_name", serviceName),
        kv("destination_service_namespace", serviceNamespace),
        kv("request_protocol", "http"),
        kv("response_code", Integer.toString(responseCode)),
        kv("grpc_response_status", ""),
        kv("response_flags", responseFlags),
        // Auto mTLS: the server side sees mutual TLS; the client side reports it does not know.
        kv("connection_security_policy", "destination".equals(reporter) ? "mutual_tls" : "unknown"),
        kv("source_canonical_service", source.app()),
        kv("destination_canonical_service", destination.app()),
        kv("source_canonical_revision", source.version()),
        kv("destination_canonical_revision", destination.version()));
  }

  /**
   * The labels in the order Envoy's tag extractors take them off the name: response_code first (its
   * rule comes first in the bootstrap's stats_tags), then the order of Istio's DefaultStatTags.
   */
  List<String[]> prometheusLabels() {
    List<String[]> d = dimensions();
    return List.of(
        d.get(15), d.get(0), d.get(1), d.get(2), d.get(3), d.get(4), d.get(5), d.get(6), d.get(7),
        d.get(8), d.get(9), d.get(10), d.get(11), d.get(12), d.get(13), d.get(14), d.get(17),
        d.get(16), d.get(18), d.get(19), d.get(20), d.get(21), d.get(22));
  }

  private static String[] kv(String k, String v) {
    return new String[] {k, v == null ? "" : v};
  }
}
