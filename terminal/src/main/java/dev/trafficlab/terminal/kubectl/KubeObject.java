package dev.trafficlab.terminal.kubectl;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One object as kubectl shows it: identity, labels, creation time, the full JSON form (as the API
 * server returns it, what every printer reads) and the typed source it was built from (a Resource,
 * Pod, Service, Deployment, a namespace name, or null for derived objects).
 */
public record KubeObject(
    KubeType type,
    String name,
    String namespace,
    Map<String, String> labels,
    Instant created,
    Map<String, Object> json,
    Object source) {

  /** kubectl's "kind.group/name" form (-o name, and the created/deleted lines). */
  public String qualifiedName() {
    return type.qualifiedSingular() + "/" + name;
  }

  Map<String, Object> metadata() {
    return Json.map(json.get("metadata"));
  }

  Map<String, Object> spec() {
    return Json.map(json.get("spec"));
  }

  Map<String, Object> status() {
    return Json.map(json.get("status"));
  }

  /**
   * Small readers of the JSON form (maps, lists, strings, numbers as the YAML reader gives them).
   */
  static final class Json {
    private Json() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
      return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object o) {
      return o instanceof List<?> l ? l : List.of();
    }

    static String str(Object o) {
      return o == null ? "" : String.valueOf(o);
    }

    static long num(Object o) {
      if (o instanceof Number n) {
        return n.longValue();
      }
      try {
        return o == null ? 0 : Long.parseLong(String.valueOf(o));
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    static Object at(Object o, String... path) {
      Object cur = o;
      for (String p : path) {
        cur = map(cur).get(p);
      }
      return cur;
    }
  }
}
