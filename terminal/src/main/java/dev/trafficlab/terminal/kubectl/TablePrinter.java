package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Deployment;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.terminal.format.Age;
import dev.trafficlab.terminal.format.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kubectl get's tables: the columns of each kind (the Istio CRDs' additionalPrinterColumns,
 * kubectl's built-in printers for pods, services, deployments, namespaces and service accounts),
 * AGE from creationTimestamp.
 */
final class TablePrinter {
  private TablePrinter() {}

  record Options(
      boolean wide,
      boolean allNamespaces,
      boolean showLabels,
      boolean noHeaders,
      boolean kindPrefix) {}

  static String render(ResourceKind kind, List<KubeObject> objects, Options o, Instant now) {
    Table t = Table.kubectl();
    List<String> header = new ArrayList<>();
    if (o.allNamespaces() && kind.namespaced()) {
      header.add("NAMESPACE");
    }
    header.addAll(columns(kind, o.wide()));
    if (o.showLabels()) {
      header.add("LABELS");
    }
    if (!o.noHeaders()) {
      t.row(header);
    }
    for (KubeObject obj : objects) {
      List<String> row = new ArrayList<>();
      if (o.allNamespaces() && kind.namespaced()) {
        row.add(obj.namespace());
      }
      List<String> cells = cells(obj, o.wide(), now);
      if (o.kindPrefix()) {
        cells.set(0, obj.qualifiedName());
      }
      row.addAll(cells);
      if (o.showLabels()) {
        row.add(labels(obj.labels()));
      }
      t.row(row);
    }
    return t.render();
  }

  static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "<none>";
    }
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  static List<String> columns(ResourceKind kind, boolean wide) {
    List<String> c =
        new ArrayList<>(
            switch (kind) {
              case VIRTUAL_SERVICE -> List.of("NAME", "GATEWAYS", "HOSTS", "AGE");
              case DESTINATION_RULE -> List.of("NAME", "HOST", "AGE");
              case GATEWAY -> List.of("NAME", "AGE");
              case SERVICE_ENTRY -> List.of("NAME", "HOSTS", "LOCATION", "RESOLUTION", "AGE");
              case POD -> List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
              case SERVICE ->
                  List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");
              case DEPLOYMENT -> List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
              case NAMESPACE -> List.of("NAME", "STATUS", "AGE");
              case SERVICE_ACCOUNT -> List.of("NAME", "SECRETS", "AGE");
              default -> List.of("NAME", "AGE");
            });
    if (wide) {
      switch (kind) {
        case POD -> c.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
        case SERVICE -> c.add("SELECTOR");
        case DEPLOYMENT -> c.addAll(List.of("CONTAINERS", "IMAGES", "SELECTOR"));
        default -> {}
      }
    }
    return c;
  }

  private static List<String> cells(KubeObject o, boolean wide, Instant now) {
    String age = Age.since(o.created(), now);
    List<String> c = new ArrayList<>();
    c.add(o.name());
    switch (o.kind()) {
      case VIRTUAL_SERVICE -> {
        Map<String, Object> spec = spec(o);
        c.add(goList(spec.get("gateways")));
        c.add(goList(spec.get("hosts")));
      }
      case DESTINATION_RULE -> c.add(str(spec(o).get("host")));
      case SERVICE_ENTRY -> {
        Map<String, Object> spec = spec(o);
        c.add(goList(spec.get("hosts")));
        c.add(str(spec.get("location")));
        c.add(str(spec.get("resolution")));
      }
      case POD -> {
        Pod p = (Pod) o.source();
        int n = KubeObjects.containers(p).size();
        c.add(n + "/" + n);
        c.add("Running");
        c.add("0");
      }
      case SERVICE -> {
        Service s = (Service) o.source();
        boolean lb = KubeObjects.isLoadBalancer(s);
        c.add(lb ? "LoadBalancer" : "ClusterIP");
        c.add(s.clusterIp());
        c.add(lb ? "<pending>" : "<none>");
        c.add(
            s.ports().stream()
                .map(
                    p ->
                        lb
                            ? p.port() + ":" + p.nodePort() + "/" + p.protocol()
                            : p.port() + "/" + p.protocol())
                .collect(Collectors.joining(",")));
      }
      case DEPLOYMENT -> {
        Deployment d = (Deployment) o.source();
        c.add(d.replicas() + "/" + d.replicas());
        c.add(String.valueOf(d.replicas()));
        c.add(String.valueOf(d.replicas()));
      }
      case NAMESPACE -> c.add("Active");
      case SERVICE_ACCOUNT -> c.add("1");
      default -> {}
    }
    c.add(age);
    if (wide) {
      switch (o.kind()) {
        case POD -> {
          Pod p = (Pod) o.source();
          c.addAll(List.of(p.ip(), p.nodeName(), "<none>", "<none>"));
        }
        case SERVICE -> c.add(labels(((Service) o.source()).selector()));
        case DEPLOYMENT -> {
          Deployment d = (Deployment) o.source();
          c.add(d.labels().getOrDefault("app", d.name()));
          c.add(d.image());
          c.add(labels(d.labels()));
        }
        default -> {}
      }
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(KubeObject o) {
    Object spec = o.json().get("spec");
    if (o.source() instanceof Resource r && r.rawSpec() != null) {
      return r.rawSpec();
    }
    return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /**
   * An array cell as the 1.19 API server prints it (Go's fmt of a slice): [a b]; nothing when
   * absent.
   */
  private static String goList(Object v) {
    if (v instanceof List<?> l) {
      return "[" + l.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "]";
    }
    return v == null ? "" : String.valueOf(v);
  }

  private static String str(Object v) {
    return v == null ? "" : String.valueOf(v);
  }
}
