package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.model.Resource;
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

  static String render(KubeType kind, List<KubeObject> objects, Options o, Instant now) {
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

  static List<String> columns(KubeType type, boolean wide) {
    List<String> c = new ArrayList<>(List.of("NAME"));
    switch (type.kind()) {
      case "VirtualService" -> c.addAll(List.of("GATEWAYS", "HOSTS"));
      case "DestinationRule" -> c.add("HOST");
      case "ServiceEntry" -> c.addAll(List.of("HOSTS", "LOCATION", "RESOLUTION"));
      case "Pod" -> c.addAll(List.of("READY", "STATUS", "RESTARTS"));
      case "Service" -> c.addAll(List.of("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)"));
      case "Deployment" -> c.addAll(List.of("READY", "UP-TO-DATE", "AVAILABLE"));
      case "ReplicaSet" -> c.addAll(List.of("DESIRED", "CURRENT", "READY"));
      case "Endpoints" -> c.add("ENDPOINTS");
      case "Namespace" -> c.add("STATUS");
      case "Node" -> c.addAll(List.of("STATUS", "ROLES"));
      case "ServiceAccount" -> c.add("SECRETS");
      case "ConfigMap" -> c.add("DATA");
      case "Secret" -> c.addAll(List.of("TYPE", "DATA"));
      case "Event" -> {
        return wide
            ? List.of(
                "LAST SEEN",
                "TYPE",
                "REASON",
                "OBJECT",
                "SUBOBJECT",
                "SOURCE",
                "MESSAGE",
                "FIRST SEEN",
                "COUNT",
                "NAME")
            : List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
      }
      case "CustomResourceDefinition" -> {
        c.add("CREATED AT");
        return c;
      }
      default -> {}
    }
    c.add("AGE");
    if (type.kind().equals("Node")) {
      c.add("VERSION");
    }
    if (wide) {
      switch (type.kind()) {
        case "Pod" -> c.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
        case "Service" -> c.add("SELECTOR");
        case "Deployment", "ReplicaSet" -> c.addAll(List.of("CONTAINERS", "IMAGES", "SELECTOR"));
        case "Node" ->
            c.addAll(
                List.of(
                    "INTERNAL-IP",
                    "EXTERNAL-IP",
                    "OS-IMAGE",
                    "KERNEL-VERSION",
                    "CONTAINER-RUNTIME"));
        default -> {}
      }
    }
    return c;
  }

  private static List<String> cells(KubeObject o, boolean wide, Instant now) {
    String age = Age.since(o.created(), now);
    List<String> c = new ArrayList<>();
    c.add(o.name());
    Map<String, Object> spec = spec(o);
    Map<String, Object> status = o.status();
    switch (o.type().kind()) {
      case "VirtualService" -> {
        c.add(goList(spec.get("gateways")));
        c.add(goList(spec.get("hosts")));
      }
      case "DestinationRule" -> c.add(str(spec.get("host")));
      case "ServiceEntry" -> {
        c.add(goList(spec.get("hosts")));
        c.add(str(spec.get("location")));
        c.add(str(spec.get("resolution")));
      }
      case "Pod" -> {
        PodColumns p = PodColumns.of(o.json());
        c.add(p.ready());
        c.add(p.status());
        c.add(String.valueOf(p.restarts()));
      }
      case "Service" -> {
        c.add(str(spec.getOrDefault("type", "ClusterIP")));
        c.add(str(spec.getOrDefault("clusterIP", "<none>")));
        c.add(externalIp(spec, status));
        c.add(ports(spec));
      }
      case "Deployment" -> {
        c.add(num(status, "readyReplicas") + "/" + num(spec, "replicas"));
        c.add(String.valueOf(num(status, "updatedReplicas")));
        c.add(String.valueOf(num(status, "availableReplicas")));
      }
      case "ReplicaSet" -> {
        c.add(String.valueOf(num(spec, "replicas")));
        c.add(String.valueOf(num(status, "replicas")));
        c.add(String.valueOf(num(status, "readyReplicas")));
      }
      case "Endpoints" -> c.add(endpoints(o.json()));
      case "Namespace" -> c.add(str(status.getOrDefault("phase", "Active")));
      case "Node" -> {
        c.add(nodeStatus(status));
        c.add(nodeRoles(o.labels()));
      }
      case "ServiceAccount" ->
          c.add(String.valueOf(KubeObject.Json.list(o.json().get("secrets")).size()));
      case "ConfigMap" ->
          c.add(
              String.valueOf(
                  KubeObject.Json.map(o.json().get("data")).size()
                      + KubeObject.Json.map(o.json().get("binaryData")).size()));
      case "Secret" -> {
        c.add(str(o.json().getOrDefault("type", "Opaque")));
        c.add(String.valueOf(KubeObject.Json.map(o.json().get("data")).size()));
      }
      case "Event" -> {
        return event(o, wide, now);
      }
      case "CustomResourceDefinition" -> {
        c.add(str(o.metadata().get("creationTimestamp")));
        return c;
      }
      default -> {}
    }
    c.add(age);
    if (o.type().kind().equals("Node")) {
      c.add(str(KubeObject.Json.at(status, "nodeInfo", "kubeletVersion")));
    }
    if (wide) {
      switch (o.type().kind()) {
        case "Pod" -> {
          String ip = str(status.get("podIP"));
          String node = str(spec.get("nodeName"));
          c.addAll(
              List.of(
                  ip.isEmpty() ? "<none>" : ip,
                  node.isEmpty() ? "<none>" : node,
                  "<none>",
                  "<none>"));
        }
        case "Service" -> {
          Map<String, Object> sel = KubeObject.Json.map(spec.get("selector"));
          c.add(sel.isEmpty() ? "<none>" : selector(sel));
        }
        case "Deployment", "ReplicaSet" -> {
          List<?> ctrs =
              KubeObject.Json.list(KubeObject.Json.at(spec, "template", "spec", "containers"));
          c.add(
              ctrs.stream()
                  .map(x -> str(KubeObject.Json.map(x).get("name")))
                  .collect(Collectors.joining(",")));
          c.add(
              ctrs.stream()
                  .map(x -> str(KubeObject.Json.map(x).get("image")))
                  .collect(Collectors.joining(",")));
          c.add(selector(KubeObject.Json.map(KubeObject.Json.at(spec, "selector", "matchLabels"))));
        }
        case "Node" -> {
          String internal = "<none>";
          for (Object a : KubeObject.Json.list(status.get("addresses"))) {
            if ("InternalIP".equals(KubeObject.Json.map(a).get("type"))) {
              internal = str(KubeObject.Json.map(a).get("address"));
            }
          }
          Map<String, Object> info = KubeObject.Json.map(status.get("nodeInfo"));
          c.addAll(
              List.of(
                  internal,
                  "<none>",
                  str(info.get("osImage")),
                  str(info.get("kernelVersion")),
                  str(info.get("containerRuntimeVersion"))));
        }
        default -> {}
      }
    }
    return c;
  }

  private static long num(Map<String, Object> m, String key) {
    return KubeObject.Json.num(m.get(key));
  }

  private static String selector(Map<String, Object> m) {
    return new TreeMap<>(m)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  /** kubectl's EXTERNAL-IP: the load balancer's ingress, {@code <pending>} while it has none. */
  private static String externalIp(Map<String, Object> spec, Map<String, Object> status) {
    List<?> external = KubeObject.Json.list(spec.get("externalIPs"));
    String type = str(spec.getOrDefault("type", "ClusterIP"));
    List<String> ips = new ArrayList<>();
    external.forEach(x -> ips.add(str(x)));
    if (type.equals("LoadBalancer")) {
      for (Object in :
          KubeObject.Json.list(KubeObject.Json.at(status, "loadBalancer", "ingress"))) {
        Map<String, Object> m = KubeObject.Json.map(in);
        ips.add(str(m.containsKey("ip") ? m.get("ip") : m.get("hostname")));
      }
      return ips.isEmpty() ? "<pending>" : String.join(",", ips);
    }
    if (type.equals("ExternalName")) {
      return str(spec.get("externalName"));
    }
    return ips.isEmpty() ? "<none>" : String.join(",", ips);
  }

  /** kubectl's PORT(S): 9080/TCP, with the node port as 80:31380/TCP. */
  private static String ports(Map<String, Object> spec) {
    List<?> ports = KubeObject.Json.list(spec.get("ports"));
    if (ports.isEmpty()) {
      return "<none>";
    }
    return ports.stream()
        .map(KubeObject.Json::map)
        .map(
            p -> {
              long np = KubeObject.Json.num(p.get("nodePort"));
              String proto = str(p.getOrDefault("protocol", "TCP"));
              return np > 0
                  ? KubeObject.Json.num(p.get("port")) + ":" + np + "/" + proto
                  : KubeObject.Json.num(p.get("port")) + "/" + proto;
            })
        .collect(Collectors.joining(","));
  }

  /**
   * kubectl's ENDPOINTS: ip:port pairs of every subset, at most three, then {@code + N more...};
   * {@code <none>} without any.
   */
  static String endpoints(Map<String, Object> json) {
    List<String> all = new ArrayList<>();
    int total = 0;
    for (Object s : KubeObject.Json.list(json.get("subsets"))) {
      Map<String, Object> subset = KubeObject.Json.map(s);
      List<?> addresses = KubeObject.Json.list(subset.get("addresses"));
      List<?> ports = KubeObject.Json.list(subset.get("ports"));
      for (Object port : ports.isEmpty() ? List.of(Map.of()) : ports) {
        for (Object a : addresses) {
          total++;
          if (all.size() < 3) {
            String ip = str(KubeObject.Json.map(a).get("ip"));
            Map<String, Object> pm = KubeObject.Json.map(port);
            all.add(pm.containsKey("port") ? ip + ":" + KubeObject.Json.num(pm.get("port")) : ip);
          }
        }
      }
    }
    if (all.isEmpty()) {
      return "<none>";
    }
    String s = String.join(",", all);
    return total > all.size() ? s + " + " + (total - all.size()) + " more..." : s;
  }

  private static String nodeStatus(Map<String, Object> status) {
    for (Object c : KubeObject.Json.list(status.get("conditions"))) {
      Map<String, Object> m = KubeObject.Json.map(c);
      if ("Ready".equals(m.get("type"))) {
        return "True".equals(m.get("status")) ? "Ready" : "NotReady";
      }
    }
    return "Unknown";
  }

  private static String nodeRoles(Map<String, String> labels) {
    List<String> roles = new ArrayList<>();
    new TreeMap<>(labels)
        .forEach(
            (k, v) -> {
              if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
              } else if (k.equals("kubernetes.io/role")) {
                roles.add(v);
              }
            });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  /** kubectl 1.19's event row: last seen, type, reason, kind/name, message. */
  private static List<String> event(KubeObject o, boolean wide, Instant now) {
    Map<String, Object> j = o.json();
    Map<String, Object> involved = KubeObject.Json.map(j.get("involvedObject"));
    String target =
        str(involved.get("name")).isEmpty()
            ? str(involved.get("kind")).toLowerCase(java.util.Locale.ROOT)
            : str(involved.get("kind")).toLowerCase(java.util.Locale.ROOT)
                + "/"
                + str(involved.get("name"));
    String last = since(j.get("lastTimestamp"), now, o.created());
    String message = str(j.get("message")).strip();
    if (!wide) {
      return new ArrayList<>(
          List.of(last, str(j.get("type")), str(j.get("reason")), target, message));
    }
    Map<String, Object> source = KubeObject.Json.map(j.get("source"));
    String src = str(source.get("component"));
    if (!str(source.get("host")).isEmpty()) {
      src = src + ", " + str(source.get("host"));
    }
    return new ArrayList<>(
        List.of(
            last,
            str(j.get("type")),
            str(j.get("reason")),
            target,
            str(involved.get("fieldPath")),
            src,
            message,
            since(j.get("firstTimestamp"), now, o.created()),
            String.valueOf(Math.max(1, KubeObject.Json.num(j.get("count")))),
            o.name()));
  }

  private static String since(Object timestamp, Instant now, Instant fallback) {
    Instant t = fallback;
    if (timestamp != null && !str(timestamp).isEmpty()) {
      try {
        t = Instant.parse(str(timestamp));
      } catch (java.time.format.DateTimeParseException e) {
        t = fallback;
      }
    }
    return Age.since(t, now);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(KubeObject o) {
    if (o.source() instanceof Resource r && r.rawSpec() != null) {
      return r.rawSpec();
    }
    return o.spec();
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
