package dev.trafficlab.mesh.inventory;

import dev.trafficlab.mesh.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads stored Services and Deployments (their specs as given) into the inventory's records. */
final class KubeRecords {
  private KubeRecords() {}

  static Deployment deployment(Resource r) {
    Map<String, Object> spec = r.rawSpec() == null ? Map.of() : r.rawSpec();
    Map<String, Object> template = PodTemplates.map(spec, "template");
    List<Container> containers = PodTemplates.containers(template);
    int replicas = spec.get("replicas") instanceof Number n ? n.intValue() : 1;
    Map<String, String> selector =
        PodTemplates.strings(PodTemplates.map(PodTemplates.map(spec, "selector"), "matchLabels"));
    return new Deployment(
        r.name(),
        r.namespace(),
        PodTemplates.labels(template),
        containers.isEmpty() ? "" : containers.get(0).image(),
        replicas,
        PodTemplates.serviceAccount(template),
        selector,
        r.meta().annotations(),
        r.meta().generation() == null ? 1 : r.meta().generation(),
        r.meta().creationTimestamp());
  }

  static Service service(Resource r, List<ReplicaSet> replicaSets) {
    Map<String, Object> spec = r.rawSpec() == null ? Map.of() : r.rawSpec();
    Map<String, String> selector = PodTemplates.strings(PodTemplates.map(spec, "selector"));
    String type = spec.get("type") instanceof String t ? t : "ClusterIP";
    List<Service.Port> ports = new ArrayList<>();
    if (spec.get("ports") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> p) {
          int port = p.get("port") instanceof Number n ? n.intValue() : 0;
          Object tp = p.get("targetPort");
          String named = tp instanceof String s ? s : "";
          int target = tp instanceof Number n ? n.intValue() : port;
          if (!named.isEmpty()) {
            target = namedTarget(named, selector, r.namespace(), replicaSets, port);
          }
          int nodePort = 0;
          if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            nodePort =
                p.get("nodePort") instanceof Number n
                    ? n.intValue()
                    : Service.Port.defaultNodePort(port);
          }
          ports.add(
              new Service.Port(
                  p.get("name") instanceof String s ? s : "",
                  port,
                  target,
                  p.get("protocol") instanceof String s ? s : "TCP",
                  nodePort,
                  named));
        }
      }
    }
    String clusterIp =
        spec.get("clusterIP") instanceof String ip && !ip.isEmpty()
            ? ip
            : ServiceIps.of(r.namespace(), r.name());
    return new Service(
        r.name(),
        r.namespace(),
        clusterIp,
        ports,
        selector,
        r.meta().labels(),
        type,
        r.meta().creationTimestamp());
  }

  /** A named targetPort is the port of that name in the selected pods' containers. */
  private static int namedTarget(
      String name,
      Map<String, String> selector,
      String ns,
      List<ReplicaSet> replicaSets,
      int fallback) {
    for (ReplicaSet rs : replicaSets) {
      if (rs.namespace().equals(ns)
          && !selector.isEmpty()
          && rs.podLabels().entrySet().containsAll(selector.entrySet())) {
        int p = PodTemplates.namedPort(rs.template(), name);
        if (p > 0) {
          return p;
        }
      }
    }
    return fallback;
  }
}
