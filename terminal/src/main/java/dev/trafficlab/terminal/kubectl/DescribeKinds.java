package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.format.Age;
import dev.trafficlab.terminal.format.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl 1.19's describers for pods, deployments, services and the node, read from each object's
 * JSON, each ending with the object's events.
 */
final class DescribeKinds {
  private DescribeKinds() {}

  /** Go's time.RFC1123Z, as kubectl describe prints times. */
  static final DateTimeFormatter RFC1123Z =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static String str(Object o) {
    return KubeObject.Json.str(o);
  }

  private static Map<String, Object> map(Object o) {
    return KubeObject.Json.map(o);
  }

  private static List<?> list(Object o) {
    return KubeObject.Json.list(o);
  }

  static String time(Object timestamp) {
    try {
      return RFC1123Z.format(Instant.parse(str(timestamp)));
    } catch (java.time.format.DateTimeParseException e) {
      return str(timestamp);
    }
  }

  static String labels(Map<String, ?> m) {
    if (m.isEmpty()) {
      return "<none>";
    }
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(m)
        .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "\n").append(k).append('=').append(v));
    return sb.toString();
  }

  static String annotations(Map<String, ?> m) {
    Map<String, Object> shown = new TreeMap<>(m);
    shown.remove("kubectl.kubernetes.io/last-applied-configuration");
    if (shown.isEmpty()) {
      return "<none>";
    }
    StringBuilder sb = new StringBuilder();
    shown.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : "\n").append(k).append(": ").append(v));
    return sb.toString();
  }

  static void pod(StringBuilder out, KubeObject o, KubeObjects objects, Instant now) {
    Map<String, Object> meta = o.metadata();
    Map<String, Object> spec = o.spec();
    Map<String, Object> status = o.status();
    DescribeLines l = new DescribeLines();
    l.kv(0, "Name", o.name());
    l.kv(0, "Namespace", o.namespace());
    l.kv(0, "Priority", "0");
    String node = str(spec.get("nodeName"));
    l.kv(0, "Node", node.isEmpty() ? "<none>" : node + "/" + str(status.get("hostIP")));
    if (status.get("startTime") != null) {
      l.kv(0, "Start Time", time(status.get("startTime")));
    }
    l.kv(0, "Labels", labels(o.labels()));
    l.kv(0, "Annotations", annotations(map(meta.get("annotations"))));
    if (meta.get("deletionTimestamp") != null) {
      long left =
          Math.max(
              0,
              java.time.Duration.between(now, Instant.parse(str(meta.get("deletionTimestamp"))))
                  .getSeconds());
      l.kv(
          0, "Status", "Terminating (lasts " + Age.human(java.time.Duration.ofSeconds(left)) + ")");
      l.kv(0, "Termination Grace Period", "30s");
    } else {
      l.kv(0, "Status", str(status.get("phase")));
    }
    String ip = str(status.get("podIP"));
    l.kv(0, "IP", ip);
    if (ip.isEmpty()) {
      l.kv(0, "IPs", "<none>");
    } else {
      l.line(0, "IPs:");
      l.kv(1, "IP", ip);
    }
    for (Object ref : list(meta.get("ownerReferences"))) {
      l.kv(0, "Controlled By", str(map(ref).get("kind")) + "/" + str(map(ref).get("name")));
    }
    if (!list(spec.get("initContainers")).isEmpty()) {
      l.line(0, "Init Containers:");
      containers(l, spec.get("initContainers"), status.get("initContainerStatuses"), null);
    }
    l.line(0, "Containers:");
    String note =
        o.source() instanceof dev.trafficlab.mesh.inventory.Pod p
            ? dev.trafficlab.terminal.containers.ContainerLogText.describeNote(p)
            : null;
    containers(l, spec.get("containers"), status.get("containerStatuses"), note);
    l.line(0, "Conditions:");
    Table t = Table.kubectl();
    t.row("Type", "Status");
    for (Object c : list(status.get("conditions"))) {
      t.row(str(map(c).get("type")), str(map(c).get("status")) + " ");
    }
    t.render().lines().forEach(line -> l.line(1, line));
    l.kv(0, "QoS Class", str(status.getOrDefault("qosClass", "BestEffort")));
    l.kv(0, "Node-Selectors", "<none>");
    l.kv(
        0,
        "Tolerations",
        "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
            + "node.kubernetes.io/unreachable:NoExecute op=Exists for 300s");
    events(l, objects, o, now);
    out.append(l.render());
  }

  /** {@code note} goes under the app container (the first): what the lab makes of its image. */
  private static void containers(DescribeLines l, Object specs, Object statuses, String note) {
    boolean first = true;
    for (Object c : list(specs)) {
      Map<String, Object> ctr = map(c);
      String name = str(ctr.get("name"));
      Map<String, Object> st = Map.of();
      for (Object s : list(statuses)) {
        if (name.equals(map(s).get("name"))) {
          st = map(s);
        }
      }
      l.line(1, name + ":");
      l.kv(2, "Image", str(ctr.get("image")));
      List<?> ports = list(ctr.get("ports"));
      if (ports.isEmpty()) {
        l.kv(2, "Port", "<none>");
        l.kv(2, "Host Port", "<none>");
      } else {
        List<String> ps = new ArrayList<>();
        List<String> hs = new ArrayList<>();
        for (Object p : ports) {
          String proto = str(map(p).getOrDefault("protocol", "TCP"));
          ps.add(KubeObject.Json.num(map(p).get("containerPort")) + "/" + proto);
          hs.add(KubeObject.Json.num(map(p).get("hostPort")) + "/" + proto);
        }
        l.kv(2, "Port", String.join(", ", ps));
        l.kv(2, "Host Port", String.join(", ", hs));
      }
      if (first && note != null) {
        l.kv(2, "Note", note);
      }
      first = false;
      Map<String, Object> state = map(st.get("state"));
      if (state.containsKey("running")) {
        l.kv(2, "State", "Running");
        l.kv(3, "Started", time(map(state.get("running")).get("startedAt")));
      } else if (state.containsKey("terminated")) {
        Map<String, Object> term = map(state.get("terminated"));
        l.kv(2, "State", "Terminated");
        l.kv(3, "Reason", str(term.get("reason")));
        l.kv(3, "Exit Code", String.valueOf(KubeObject.Json.num(term.get("exitCode"))));
        l.kv(3, "Started", time(term.get("startedAt")));
        l.kv(3, "Finished", time(term.get("finishedAt")));
      } else if (state.containsKey("waiting")) {
        l.kv(2, "State", "Waiting");
        l.kv(3, "Reason", str(map(state.get("waiting")).get("reason")));
      } else {
        l.kv(2, "State", "Waiting");
      }
      l.kv(2, "Ready", Boolean.TRUE.equals(st.get("ready")) ? "True" : "False");
      l.kv(2, "Restart Count", String.valueOf(KubeObject.Json.num(st.get("restartCount"))));
      l.kv(2, "Environment", "<none>");
    }
  }

  static void deployment(StringBuilder out, KubeObject o, KubeObjects objects, Instant now) {
    Map<String, Object> spec = o.spec();
    Map<String, Object> status = o.status();
    DescribeLines l = new DescribeLines();
    l.kv(0, "Name", o.name());
    l.kv(0, "Namespace", o.namespace());
    l.kv(0, "CreationTimestamp", time(o.metadata().get("creationTimestamp")));
    l.kv(0, "Labels", labels(o.labels()));
    l.kv(0, "Annotations", annotations(map(o.metadata().get("annotations"))));
    Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
    l.kv(0, "Selector", TablePrinter.labels(toStrings(selector)));
    long replicas = KubeObject.Json.num(spec.get("replicas"));
    long updated = KubeObject.Json.num(status.get("updatedReplicas"));
    long total = KubeObject.Json.num(status.get("replicas"));
    long available = KubeObject.Json.num(status.get("availableReplicas"));
    l.kv(
        0,
        "Replicas",
        replicas
            + " desired | "
            + updated
            + " updated | "
            + total
            + " total | "
            + available
            + " available | "
            + Math.max(0, total - available)
            + " unavailable");
    l.kv(0, "StrategyType", "RollingUpdate");
    l.kv(0, "MinReadySeconds", "0");
    l.kv(0, "RollingUpdateStrategy", "25% max unavailable, 25% max surge");
    Map<String, Object> template = map(spec.get("template"));
    l.line(0, "Pod Template:");
    l.kv(1, "Labels", labels(map(map(template.get("metadata")).get("labels"))));
    Map<String, Object> podSpec = map(template.get("spec"));
    if (!str(podSpec.get("serviceAccountName")).isEmpty()) {
      l.kv(1, "Service Account", str(podSpec.get("serviceAccountName")));
    }
    l.line(1, "Containers:");
    for (Object c : list(podSpec.get("containers"))) {
      Map<String, Object> ctr = map(c);
      l.line(1, " " + str(ctr.get("name")) + ":");
      l.kv(2, "Image", str(ctr.get("image")));
      List<?> ports = list(ctr.get("ports"));
      l.kv(
          2,
          "Port",
          ports.isEmpty()
              ? "<none>"
              : KubeObject.Json.num(map(ports.get(0)).get("containerPort"))
                  + "/"
                  + str(map(ports.get(0)).getOrDefault("protocol", "TCP")));
      l.kv(
          2,
          "Host Port",
          ports.isEmpty()
              ? "<none>"
              : "0/" + str(map(ports.get(0)).getOrDefault("protocol", "TCP")));
      l.kv(2, "Environment", "<none>");
      l.kv(2, "Mounts", "<none>");
    }
    l.kv(1, "Volumes", "<none>");
    l.line(0, "Conditions:");
    Table t = Table.kubectl();
    t.row("Type", "Status", "Reason");
    t.row("----", "------", "------");
    for (Object c : list(status.get("conditions"))) {
      t.row(str(map(c).get("type")), str(map(c).get("status")), str(map(c).get("reason")));
    }
    t.render().lines().forEach(line -> l.line(1, line));
    l.kv(0, "OldReplicaSets", "<none>");
    String newRs = "<none>";
    for (KubeObject rs : objects.list(KubeTypes.REPLICA_SET, o.namespace())) {
      boolean owned =
          list(rs.metadata().get("ownerReferences")).stream()
              .anyMatch(r -> o.name().equals(map(r).get("name")));
      if (owned) {
        newRs =
            rs.name()
                + " ("
                + KubeObject.Json.num(rs.status().get("replicas"))
                + "/"
                + KubeObject.Json.num(rs.spec().get("replicas"))
                + " replicas created)";
      }
    }
    l.kv(0, "NewReplicaSet", newRs);
    events(l, objects, o, now);
    out.append(l.render());
  }

  static void node(StringBuilder out, KubeObject o, KubeObjects objects, Instant now) {
    Map<String, Object> status = o.status();
    DescribeLines l = new DescribeLines();
    l.kv(0, "Name", o.name());
    l.kv(0, "Roles", "master");
    l.kv(0, "Labels", labels(o.labels()));
    l.kv(0, "Annotations", "<none>");
    l.kv(0, "CreationTimestamp", time(o.metadata().get("creationTimestamp")));
    l.kv(0, "Taints", "<none>");
    l.kv(0, "Unschedulable", "false");
    l.line(0, "Conditions:");
    Table t = Table.kubectl();
    t.row("Type", "Status", "Reason", "Message");
    t.row("----", "------", "------", "-------");
    for (Object c : list(status.get("conditions"))) {
      t.row(
          str(map(c).get("type")),
          str(map(c).get("status")),
          str(map(c).get("reason")),
          str(map(c).get("message")));
    }
    t.render().lines().forEach(line -> l.line(1, line));
    l.line(0, "Addresses:");
    for (Object a : list(status.get("addresses"))) {
      l.kv(1, str(map(a).get("type")), str(map(a).get("address")));
    }
    l.line(0, "Capacity:");
    map(status.get("capacity")).forEach((k, v) -> l.kv(1, k, str(v)));
    l.line(0, "System Info:");
    Map<String, Object> info = map(status.get("nodeInfo"));
    l.kv(1, "Kernel Version", str(info.get("kernelVersion")));
    l.kv(1, "OS Image", str(info.get("osImage")));
    l.kv(1, "Operating System", str(info.get("operatingSystem")));
    l.kv(1, "Architecture", str(info.get("architecture")));
    l.kv(1, "Container Runtime Version", str(info.get("containerRuntimeVersion")));
    l.kv(1, "Kubelet Version", str(info.get("kubeletVersion")));
    l.kv(1, "Kube-Proxy Version", str(info.get("kubeProxyVersion")));
    List<KubeObject> pods = objects.list(KubeTypes.POD, null);
    l.kv(0, "Non-terminated Pods", "(" + pods.size() + " in total)");
    Table p = Table.kubectl();
    p.row("Namespace", "Name", "AGE");
    p.row("---------", "----", "---");
    for (KubeObject pod : pods) {
      p.row(pod.namespace(), pod.name(), Age.since(pod.created(), now));
    }
    p.render().lines().forEach(line -> l.line(1, line));
    events(l, objects, o, now);
    out.append(l.render());
  }

  private static Map<String, String> toStrings(Map<String, Object> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, str(v)));
    return out;
  }

  /**
   * The Events block: the object's events oldest first, with kubectl's "AGE (xN over AGE)" when an
   * event repeated; {@code <none>} without any.
   */
  static void events(DescribeLines l, KubeObjects objects, KubeObject o, Instant now) {
    List<KubeObject> evs = new ArrayList<>();
    for (KubeObject e : objects.list(KubeTypes.EVENT, o.namespace())) {
      Map<String, Object> inv = map(e.json().get("involvedObject"));
      if (o.name().equals(inv.get("name")) && o.type().kind().equals(inv.get("kind"))) {
        evs.add(e);
      }
    }
    if (evs.isEmpty()) {
      l.kv(0, "Events", "<none>");
      return;
    }
    l.line(0, "Events:");
    Table t = Table.kubectl();
    t.row("Type", "Reason", "Age", "From", "Message");
    t.row("----", "------", "----", "----", "-------");
    for (KubeObject e : evs) {
      Map<String, Object> j = e.json();
      String last = age(j.get("lastTimestamp"), now);
      long count = KubeObject.Json.num(j.get("count"));
      String age =
          count > 1
              ? last + " (x" + count + " over " + age(j.get("firstTimestamp"), now) + ")"
              : last;
      Map<String, Object> source = map(j.get("source"));
      String from = str(source.get("component"));
      if (!str(source.get("host")).isEmpty()) {
        from = from + ", " + str(source.get("host"));
      }
      t.row(str(j.get("type")), str(j.get("reason")), age, from, str(j.get("message")).strip());
    }
    t.render().lines().forEach(line -> l.line(1, line));
  }

  private static String age(Object timestamp, Instant now) {
    try {
      return Age.since(Instant.parse(str(timestamp)), now);
    } catch (java.time.format.DateTimeParseException e) {
      return "<unknown>";
    }
  }
}
