package dev.trafficlab.mesh.inventory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A JSON text of JSON-like values with sorted keys: equal values give equal texts. */
final class Canonical {
  private Canonical() {}

  static String json(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v) {
    if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        b.append('"').append(e.getKey()).append("\":");
        write(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(b, l.get(i));
      }
      b.append(']');
    } else if (v instanceof String s) {
      b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else {
      b.append(v);
    }
  }
}
