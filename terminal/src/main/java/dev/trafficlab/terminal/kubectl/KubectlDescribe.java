package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.containers.ContainerLogText;
import dev.trafficlab.terminal.format.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * kubectl describe: the generic describer for Istio kinds, kubectl's pod and service describers for
 * those.
 */
final class KubectlDescribe {
  private KubectlDescribe() {}

  static io.vertx.core.Future<Integer> describe(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = c.args().positional;
    if (pos.isEmpty()) {
      inv.eprintln(
          "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete "
              + "list of supported resources.\n");
      inv.eprintln("error: Required resource not specified.");
      return Invocation.exit(1);
    }
    List<ResourceRef> refs = ResourceRef.parse(inv, pos);
    if (refs == null) {
      return Invocation.exit(1);
    }
    KubeObjects objects = c.objects();
    LabelSelector sel = LabelSelector.parse(inv, c.args().get("selector"));
    if (sel == null) {
      return Invocation.exit(1);
    }
    List<KubeObject> found = new ArrayList<>();
    int code = 0;
    for (ResourceRef ref : refs) {
      if (ref.name() == null) {
        objects.list(ref.kind(), c.allNamespaces() ? null : c.namespace()).stream()
            .filter(o -> sel.matches(o.labels()))
            .forEach(found::add);
        continue;
      }
      // kubectl describe matches names by prefix when no exact match exists
      Optional<KubeObject> exact = objects.get(ref.kind(), c.namespace(), ref.name());
      if (exact.isPresent()) {
        found.add(exact.get());
        continue;
      }
      List<KubeObject> prefixed =
          objects.list(ref.kind(), c.namespace()).stream()
              .filter(o -> o.name().startsWith(ref.name()))
              .toList();
      if (prefixed.isEmpty()) {
        inv.eprintln(ref.notFound());
        code = 1;
      }
      found.addAll(prefixed);
    }
    if (found.isEmpty() && code == 0) {
      inv.eprintln("No resources found in " + c.namespace() + " namespace.");
      return Invocation.exit(0);
    }
    StringBuilder out = new StringBuilder();
    for (KubeObject o : found) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      switch (o.kind()) {
        case POD -> pod(out, o, objects);
        case SERVICE -> service(out, o);
        default -> generic(out, o);
      }
    }
    inv.print(out.toString());
    return Invocation.exit(code);
  }

  @SuppressWarnings("unchecked")
  private static void generic(StringBuilder out, KubeObject o) {
    Map<String, Object> json = o.json();
    Map<String, Object> meta = (Map<String, Object>) json.get("metadata");
    Lines l = new Lines();
    l.kv(0, "Name", o.name());
    if (o.namespace() != null) {
      l.kv(0, "Namespace", o.namespace());
    }
    l.kv(0, "Labels", labelsBlock(o.labels()));
    Map<String, String> ann = new TreeMap<>();
    if (meta.get("annotations") instanceof Map<?, ?> a) {
      a.forEach(
          (k, v) -> {
            if (!"kubectl.kubernetes.io/last-applied-configuration".equals(k)) {
              ann.put(String.valueOf(k), String.valueOf(v));
            }
          });
    }
    l.kv(0, "Annotations", labelsBlock(ann));
    l.kv(0, "API Version", String.valueOf(json.get("apiVersion")));
    l.kv(0, "Kind", String.valueOf(json.get("kind")));
    Map<String, Object> rest = new TreeMap<>(meta);
    rest.remove("name");
    rest.remove("namespace");
    rest.remove("labels");
    rest.remove("annotations");
    l.line(0, "Metadata:");
    l.map(1, rest);
    for (String key : List.of("spec", "status")) {
      Object v = json.get(key);
      if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        l.line(0, humanize(key) + ":");
        l.map(1, (Map<String, Object>) m);
      }
    }
    l.kv(0, "Events", "<none>");
    out.append(l.render());
  }

  private static String labelsBlock(Map<String, String> m) {
    if (m.isEmpty()) {
      return "<none>";
    }
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(m)
        .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "\n").append(k).append('=').append(v));
    return sb.toString();
  }

  private static void pod(StringBuilder out, KubeObject o, KubeObjects objects) {
    Pod p = (Pod) o.source();
    Lines l = new Lines();
    l.kv(0, "Name", p.name());
    l.kv(0, "Namespace", p.namespace());
    l.kv(0, "Priority", "0");
    l.kv(0, "Node", p.nodeName() + "/192.168.49.2");
    l.kv(0, "Start Time", o.created().toString());
    l.kv(0, "Labels", labelsBlock(p.labels()));
    l.kv(
        0,
        "Annotations",
        KubeObjects.hasSidecar(p)
            ? "sidecar.istio.io/status: {\"version\":\"1.8.1\","
                + "\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"]}"
            : "<none>");
    l.kv(0, "Status", "Running");
    l.kv(0, "IP", p.ip());
    l.line(0, "IPs:");
    l.kv(1, "IP", p.ip());
    l.kv(
        0,
        "Controlled By",
        "ReplicaSet/" + p.workload() + "-" + p.labels().getOrDefault("pod-template-hash", ""));
    l.line(0, "Containers:");
    for (String c : KubeObjects.containers(p)) {
      boolean proxy = c.equals("istio-proxy") && KubeObjects.hasSidecar(p);
      l.line(1, c + ":");
      l.kv(
          2,
          "Image",
          proxy ? "docker.io/istio/proxyv2:1.8.1" : KubeObjects.image(objects.snapshot(), p));
      l.kv(
          2,
          "Port",
          proxy ? "15090/TCP" : p.namespace().equals("default") ? "9080/TCP" : "15010/TCP");
      String note = proxy ? null : ContainerLogText.describeNote(p);
      if (note != null) {
        l.kv(2, "Note", note);
      }
      l.kv(2, "State", "Running");
      l.kv(3, "Started", o.created().plusSeconds(20).toString());
      l.kv(2, "Ready", "True");
      l.kv(2, "Restart Count", "0");
    }
    l.line(0, "Conditions:");
    l.line(1, "Type              Status");
    l.line(1, "Initialized       True ");
    l.line(1, "Ready             True ");
    l.line(1, "ContainersReady   True ");
    l.line(1, "PodScheduled      True ");
    l.kv(0, "QoS Class", "BestEffort");
    l.kv(0, "Events", "<none>");
    out.append(l.render());
  }

  private static void service(StringBuilder out, KubeObject o) {
    Service s = (Service) o.source();
    Lines l = new Lines();
    l.kv(0, "Name", s.name());
    l.kv(0, "Namespace", s.namespace());
    l.kv(0, "Labels", labelsBlock(s.labels()));
    l.kv(0, "Annotations", "<none>");
    l.kv(0, "Selector", TablePrinter.labels(s.selector()));
    l.kv(0, "Type", KubeObjects.isLoadBalancer(s) ? "LoadBalancer" : "ClusterIP");
    l.kv(0, "IP", s.clusterIp());
    for (Service.Port p : s.ports()) {
      l.kv(0, "Port", p.name() + "  " + p.port() + "/" + p.protocol());
      l.kv(0, "TargetPort", p.targetPort() + "/" + p.protocol());
      l.kv(
          0,
          "Endpoints",
          "<see kubectl get pods -l " + TablePrinter.labels(s.selector()) + " -o wide>");
    }
    l.kv(0, "Session Affinity", "None");
    l.kv(0, "Events", "<none>");
    out.append(l.render());
  }

  /**
   * "creationTimestamp" -> "Creation Timestamp", as kubectl's generic describer prints field names.
   */
  static String humanize(String key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i == 0) {
        sb.append(Character.toUpperCase(c));
      } else if (Character.isUpperCase(c) && !Character.isUpperCase(key.charAt(i - 1))) {
        sb.append(' ').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString().replace("Uid", "UID");
  }

  /** Indented "Key: value" lines; values of one block aligned like kubectl's tabwriter does. */
  private static final class Lines {
    private final List<String[]> rows = new ArrayList<>();

    void kv(int level, String key, String value) {
      String[] parts = value.split("\n", -1);
      rows.add(new String[] {"  ".repeat(level) + key + ":", parts[0]});
      for (int i = 1; i < parts.length; i++) {
        rows.add(new String[] {"", parts[i]});
      }
    }

    void line(int level, String text) {
      rows.add(new String[] {"  ".repeat(level) + text});
    }

    @SuppressWarnings("unchecked")
    void map(int level, Map<String, Object> m) {
      for (Map.Entry<String, Object> e : new TreeMap<>(m).entrySet()) {
        Object v = e.getValue();
        String key = humanize(e.getKey());
        if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
          line(level, key + ":");
          map(level + 1, (Map<String, Object>) sub);
        } else if (v instanceof List<?> list && !list.isEmpty()) {
          line(level, key + ":");
          for (Object item : list) {
            if (item instanceof Map<?, ?> im) {
              map(level + 1, (Map<String, Object>) im);
            } else {
              line(level + 1, scalar(item));
            }
          }
        } else {
          kv(level, key, scalar(v));
        }
      }
    }

    private static String scalar(Object v) {
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        return "";
      }
      if (v instanceof Double d) {
        return Json.number(d);
      }
      return String.valueOf(v);
    }

    private static int indent(String s) {
      int n = 0;
      while (n < s.length() && s.charAt(n) == ' ') {
        n++;
      }
      return n;
    }

    String render() {
      // kubectl aligns the values of consecutive key lines to the widest key of the block
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < rows.size()) {
        if (rows.get(i).length == 1) {
          sb.append(rows.get(i)[0]).append('\n');
          i++;
          continue;
        }
        int j = i;
        int width = 0;
        int indent = indent(rows.get(i)[0]);
        while (j < rows.size()
            && rows.get(j).length == 2
            && (rows.get(j)[0].isEmpty() || indent(rows.get(j)[0]) == indent)) {
          width = Math.max(width, rows.get(j)[0].length());
          j++;
        }
        for (int k = i; k < j; k++) {
          String key = rows.get(k)[0];
          String val = rows.get(k)[1];
          String line = val.isEmpty() ? key : key + " ".repeat(width - key.length() + 2) + val;
          sb.append(line).append('\n');
        }
        i = j;
      }
      return sb.toString();
    }
  }
}
