package dev.trafficlab.mesh.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a pod template (spec.template of a Deployment, as JSON-like maps). */
public final class PodTemplates {
  private PodTemplates() {}

  public static Map<String, String> labels(Map<String, Object> template) {
    return strings(map(map(template, "metadata"), "labels"));
  }

  public static Map<String, String> annotations(Map<String, Object> template) {
    return strings(map(map(template, "metadata"), "annotations"));
  }

  public static Map<String, Object> spec(Map<String, Object> template) {
    return map(template, "spec");
  }

  public static String serviceAccount(Map<String, Object> template) {
    Map<String, Object> spec = spec(template);
    Object sa = spec.get("serviceAccountName");
    if (sa == null) {
      sa = spec.get("serviceAccount");
    }
    return sa == null ? "default" : String.valueOf(sa);
  }

  public static boolean hostNetwork(Map<String, Object> template) {
    return Boolean.TRUE.equals(spec(template).get("hostNetwork"));
  }

  public static List<Container> containers(Map<String, Object> template) {
    List<Container> out = new ArrayList<>();
    if (spec(template).get("containers") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> c) {
          List<Integer> ports = new ArrayList<>();
          if (c.get("ports") instanceof List<?> ps) {
            for (Object p : ps) {
              if (p instanceof Map<?, ?> pm && pm.get("containerPort") instanceof Number n) {
                ports.add(n.intValue());
              }
            }
          }
          out.add(
              new Container(
                  String.valueOf(c.get("name")),
                  c.get("image") == null ? "" : String.valueOf(c.get("image")),
                  ports));
        }
      }
    }
    return out;
  }

  /** The named container port (ports[].name) of the template's containers, or -1. */
  public static int namedPort(Map<String, Object> template, String name) {
    if (spec(template).get("containers") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> c && c.get("ports") instanceof List<?> ps) {
          for (Object p : ps) {
            if (p instanceof Map<?, ?> pm
                && name.equals(pm.get("name"))
                && pm.get("containerPort") instanceof Number n) {
              return n.intValue();
            }
          }
        }
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
  }

  public static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
    return out;
  }
}
