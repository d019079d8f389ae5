package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The API server's validation of the Kubernetes kinds the lab gives behaviour to (the messages of
 * Kubernetes 1.19's apps and core validation), each cause at the node it is about: names and
 * labels, a Deployment's selector against its template (and its immutability), replicas and
 * container names, a Service's type and ports.
 */
final class KubeValidation {
  private KubeValidation() {}

  static void check(WorkingDoc d, Map<String, Object> spec, Resource existing, List<Cause> out) {
    if (d.kind == ResourceKind.SERVICE) {
      if (!Kube.isDns1035Label(d.name)) {
        out.add(cause(Kube.dns1035Message("metadata.name", d.name), d.metaPos("name")));
      }
    } else if (!Kube.isSubdomain(d.name)) {
      out.add(cause(Kube.subdomainMessage(d.name), d.metaPos("name")));
    }
    SchemaPhase.labelCauses(d, out);
    switch (d.kind) {
      case DEPLOYMENT -> deployment(d, spec, existing, out);
      case SERVICE -> service(d, spec, out);
      default -> {}
    }
  }

  private static void deployment(
      WorkingDoc d, Map<String, Object> spec, Resource existing, List<Cause> out) {
    YamlNode specNode = d.root.value("spec");
    Map<String, String> matchLabels = strings(map(map(spec, "selector"), "matchLabels"));
    boolean expressions =
        map(spec, "selector").get("matchExpressions") instanceof List<?> l && !l.isEmpty();
    Map<String, Object> template = map(spec, "template");
    Map<String, String> templateLabels = strings(map(map(template, "metadata"), "labels"));
    if (spec.get("replicas") instanceof Number n && n.longValue() < 0) {
      out.add(
          cause(
              "spec.replicas: Invalid value: " + n + ": must be greater than or equal to 0",
              at(specNode, "replicas")));
    }
    if (matchLabels.isEmpty() && !expressions) {
      out.add(
          cause(
              "spec.selector: Invalid value: "
                  + labelSelector(matchLabels)
                  + ": empty selector is invalid for deployment",
              at(specNode, "selector")));
    } else if (!templateLabels.entrySet().containsAll(matchLabels.entrySet())) {
      out.add(
          cause(
              "spec.template.metadata.labels: Invalid value: "
                  + goMap(templateLabels)
                  + ": `selector` does not match template `labels`",
              at(at(at(specNode, "template"), "metadata"), "labels")));
    }
    if (existing != null) {
      Map<String, String> before = strings(map(map(existing.rawSpec(), "selector"), "matchLabels"));
      if (!Objects.equals(new TreeMap<>(before), new TreeMap<>(matchLabels))) {
        out.add(
            cause(
                "spec.selector: Invalid value: "
                    + labelSelector(matchLabels)
                    + ": field is immutable",
                at(specNode, "selector")));
      }
    }
    YamlNode containers = at(at(at(specNode, "template"), "spec"), "containers");
    if (map(template, "spec").get("containers") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> c)) {
          continue;
        }
        YamlNode cn =
            containers instanceof YamlNode.Sequence seq && i < seq.items().size()
                ? seq.items().get(i)
                : null;
        String field = "spec.template.spec.containers[" + i + "]";
        Object name = c.get("name");
        if (name instanceof String n && !n.isEmpty() && !Kube.isLabel(n)) {
          out.add(cause(Kube.dns1123LabelMessage(field + ".name", n), at(cn, "name")));
        }
        if (c.get("image") == null || String.valueOf(c.get("image")).isBlank()) {
          out.add(cause(field + ".image: Required value", cn == null ? Pos.UNKNOWN : cn.pos()));
        }
      }
      if (list.isEmpty()) {
        out.add(cause("spec.template.spec.containers: Required value", pos(containers)));
      }
    }
  }

  private static final List<String> SERVICE_TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

  private static void service(WorkingDoc d, Map<String, Object> spec, List<Cause> out) {
    YamlNode specNode = d.root.value("spec");
    String type = spec.get("type") == null ? "ClusterIP" : String.valueOf(spec.get("type"));
    if (!SERVICE_TYPES.contains(type)) {
      out.add(
          cause(
              "spec.type: Unsupported value: \""
                  + type
                  + "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
              at(specNode, "type")));
      return;
    }
    List<?> ports = spec.get("ports") instanceof List<?> l ? l : List.of();
    boolean headless = "None".equals(spec.get("clusterIP"));
    if (ports.isEmpty() && !type.equals("ExternalName") && !headless) {
      out.add(
          cause("spec.ports: Required value", specNode == null ? d.root.pos() : specNode.pos()));
    }
    YamlNode portNodes = at(specNode, "ports");
    for (int i = 0; i < ports.size(); i++) {
      if (!(ports.get(i) instanceof Map<?, ?> p)) {
        continue;
      }
      YamlNode pn =
          portNodes instanceof YamlNode.Sequence seq && i < seq.items().size()
              ? seq.items().get(i)
              : null;
      String field = "spec.ports[" + i + "]";
      Object name = p.get("name");
      if (ports.size() > 1 && (name == null || String.valueOf(name).isEmpty())) {
        out.add(cause(field + ".name: Required value", pos(pn)));
      } else if (name instanceof String n && !n.isEmpty() && !Kube.isLabel(n)) {
        out.add(cause(Kube.dns1123LabelMessage(field + ".name", n), at(pn, "name")));
      }
      if (p.get("port") instanceof Number n && (n.longValue() < 1 || n.longValue() > 65535)) {
        out.add(
            cause(
                field + ".port: Invalid value: " + n + ": must be between 1 and 65535, inclusive",
                at(pn, "port")));
      }
      if (p.get("nodePort") instanceof Number n) {
        if (type.equals("ClusterIP")) {
          out.add(
              cause(
                  field + ".nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
                  at(pn, "nodePort")));
        } else if (n.longValue() < 30000 || n.longValue() > 32767) {
          out.add(
              cause(
                  field
                      + ".nodePort: Invalid value: "
                      + n
                      + ": provided port is not in the valid range. The range of valid ports is 30000-32767",
                  at(pn, "nodePort")));
        }
      }
    }
  }

  /** Go's %#v of a map[string]string: keys sorted. */
  static String goMap(Map<String, String> m) {
    if (m.isEmpty()) {
      return "map[string]string(nil)";
    }
    StringBuilder b = new StringBuilder("map[string]string{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
    }
    return b.append('}').toString();
  }

  static String labelSelector(Map<String, String> matchLabels) {
    return "v1.LabelSelector{MatchLabels:"
        + goMap(matchLabels)
        + ", MatchExpressions:[]v1.LabelSelectorRequirement(nil)}";
  }

  static YamlNode at(YamlNode n, String key) {
    return n instanceof YamlNode.Mapping m ? m.value(key) : null;
  }

  private static Cause cause(String message, YamlNode at) {
    return Cause.at(message, pos(at));
  }

  private static Cause cause(String message, Pos at) {
    return Cause.at(message, at);
  }

  static Pos pos(YamlNode n) {
    return n == null ? Pos.UNKNOWN : n.pos();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
  }

  static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
    return out;
  }
}
