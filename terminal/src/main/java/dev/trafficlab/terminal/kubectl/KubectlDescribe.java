package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.terminal.Invocation;
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
      java.time.Instant now = inv.clock().instant();
      switch (o.type().kind()) {
        case "Pod" -> DescribeKinds.pod(out, o, objects, now);
        case "Deployment" -> DescribeKinds.deployment(out, o, objects, now);
        case "Node" -> DescribeKinds.node(out, o, objects, now);
        case "Service" -> service(out, o);
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
    DescribeLines l = new DescribeLines();
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

  private static void service(StringBuilder out, KubeObject o) {
    Service s = (Service) o.source();
    DescribeLines l = new DescribeLines();
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
}
