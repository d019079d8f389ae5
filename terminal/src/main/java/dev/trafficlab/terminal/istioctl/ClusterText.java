package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.terminal.format.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** istioctl 1.8 proxy-config cluster, listener and endpoint tables. */
final class ClusterText {
  private ClusterText() {}

  static String clusters(ProxyConfig pc, List<ProxyConfig.Cluster> clusters, boolean withStatic) {
    Table t = Table.istioctl();
    t.row("SERVICE FQDN", "PORT", "SUBSET", "DIRECTION", "TYPE", "DESTINATION RULE");
    if (withStatic) {
      if (!pc.gateway()) {
        t.row("", "9080", "-", "inbound", "STATIC", "");
      }
      t.row("BlackHoleCluster", "-", "-", "-", "STATIC", "");
      if (!pc.gateway()) {
        t.row("InboundPassthroughClusterIpv4", "-", "-", "-", "ORIGINAL_DST", "");
        t.row("PassthroughCluster", "-", "-", "-", "ORIGINAL_DST", "");
      }
      t.row("agent", "-", "-", "-", "STATIC", "");
    }
    List<ProxyConfig.Cluster> sorted = new ArrayList<>(clusters);
    sorted.sort(
        Comparator.comparing(ProxyConfig.Cluster::fqdn)
            .thenComparingInt(ProxyConfig.Cluster::port)
            .thenComparing(ProxyConfig.Cluster::subset));
    for (ProxyConfig.Cluster c : sorted) {
      t.row(
          c.fqdn(),
          String.valueOf(c.port()),
          c.subset().isEmpty() ? "-" : c.subset(),
          c.direction(),
          c.type(),
          c.destinationRule() == null ? "" : c.destinationRule());
    }
    if (withStatic) {
      t.row("prometheus_stats", "-", "-", "-", "STATIC", "");
      t.row("sds-grpc", "-", "-", "-", "STATIC", "");
      t.row("xds-grpc", "-", "-", "-", "STRICT_DNS", "");
      t.row("zipkin", "-", "-", "-", "STRICT_DNS", "");
    }
    return t.render();
  }

  static String listeners(List<ProxyConfig.Listener> listeners) {
    Table t = Table.istioctl();
    t.row("ADDRESS", "PORT", "MATCH", "DESTINATION");
    for (ProxyConfig.Listener l : listeners) {
      String match;
      String dest;
      if (l.port() == 15001) {
        match = "ALL";
        dest = "PassthroughCluster";
      } else if (l.port() == 15006) {
        match = "ALL";
        dest = "Inline Route: /*";
      } else if (l.routeName() != null && l.routeName().startsWith("inbound")) {
        match = "ALL";
        dest = "Inline Route: /*";
      } else if (l.routeName() != null) {
        match = "ALL";
        dest = "Route: " + l.routeName();
      } else {
        match = "ALL";
        dest = "PassthroughCluster";
      }
      t.row(l.address(), String.valueOf(l.port()), match, dest);
    }
    t.row("0.0.0.0", "15021", "ALL", "Inline Route: /healthz/ready*");
    t.row("0.0.0.0", "15090", "ALL", "Inline Route: /stats/prometheus*");
    return t.render();
  }

  /**
   * One row of proxy-config endpoint; {@code failedOutlierCheck} when the proxy's outlier detection
   * has ejected the host (Envoy keeps its EDS health, so STATUS still reads HEALTHY).
   */
  record EndpointRow(String endpoint, String cluster, boolean failedOutlierCheck) {
    EndpointRow(String endpoint, String cluster) {
      this(endpoint, cluster, false);
    }
  }

  /** Which hosts (by cluster and pod name) the proxy has ejected. */
  interface Ejections {
    boolean ejected(String cluster, String pod);

    Ejections NONE = (c, p) -> false;
  }

  static List<EndpointRow> endpointRows(ProxyConfig pc, String clusterFilter) {
    return endpointRows(pc, clusterFilter, Ejections.NONE, null);
  }

  /**
   * @param inventory the cluster's services, for the pod port behind each service port (httpbin's
   *     8000 is the pod's 80); null to use the gateway's known ports only
   */
  static List<EndpointRow> endpointRows(
      ProxyConfig pc, String clusterFilter, Ejections ejections, Inventory inventory) {
    List<EndpointRow> rows = new ArrayList<>();
    for (ProxyConfig.Cluster c : pc.clusters()) {
      if (clusterFilter != null && !c.name().equals(clusterFilter)) {
        continue;
      }
      for (Pod p : c.endpoints()) {
        rows.add(
            new EndpointRow(
                p.ip() + ":" + targetPort(c, inventory),
                c.name(),
                ejections.ejected(c.name(), p.name())));
      }
    }
    if (clusterFilter == null) {
      rows.add(new EndpointRow("127.0.0.1:15000", "prometheus_stats"));
      rows.add(new EndpointRow("127.0.0.1:15020", "agent"));
      rows.add(new EndpointRow("unix://./etc/istio/proxy/SDS", "sds-grpc"));
      rows.add(new EndpointRow("unix://./etc/istio/proxy/XDS", "xds-grpc"));
    }
    rows.sort(Comparator.comparing(EndpointRow::endpoint).thenComparing(EndpointRow::cluster));
    return rows;
  }

  private static int targetPort(ProxyConfig.Cluster c, Inventory inventory) {
    if (inventory != null) {
      for (Service s : inventory.services()) {
        if (s.fqdn().equals(c.fqdn())) {
          for (Service.Port p : s.ports()) {
            if (p.port() == c.port()) {
              return p.targetPort();
            }
          }
        }
      }
    }
    return c.port() == 80 && c.fqdn().startsWith("istio-ingressgateway.")
        ? 8080
        : c.port() == 443 && c.fqdn().startsWith("istio-ingressgateway.") ? 8443 : c.port();
  }

  static String endpoints(ProxyConfig pc, String clusterFilter) {
    return endpoints(pc, clusterFilter, Ejections.NONE, null);
  }

  static String endpoints(
      ProxyConfig pc, String clusterFilter, Ejections ejections, Inventory inventory) {
    Table t = Table.istioctl();
    t.row("ENDPOINT", "STATUS", "OUTLIER CHECK", "CLUSTER");
    for (EndpointRow r : endpointRows(pc, clusterFilter, ejections, inventory)) {
      t.row(r.endpoint(), "HEALTHY", r.failedOutlierCheck() ? "FAILED" : "OK", r.cluster());
    }
    return t.render();
  }
}
