package dev.trafficlab.mesh.model;

import java.util.List;

/**
 * networking.istio.io VirtualService spec (1.8 fields). Lists are never null; absent scalars are
 * null.
 */
public record VirtualServiceSpec(
    List<String> hosts,
    List<String> gateways,
    List<HttpRoute> http,
    List<TcpRoute> tcp,
    List<TlsRoute> tls,
    List<String> exportTo,
    Pos pos) {

  public VirtualServiceSpec {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    gateways = gateways == null ? List.of() : List.copyOf(gateways);
    http = http == null ? List.of() : List.copyOf(http);
    tcp = tcp == null ? List.of() : List.copyOf(tcp);
    tls = tls == null ? List.of() : List.copyOf(tls);
    exportTo = exportTo == null ? List.of() : List.copyOf(exportTo);
  }
}
