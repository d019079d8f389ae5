package dev.trafficlab.server.durable;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Between the JSON of a saved state and the JSON-like values the cluster model holds (maps in their
 * order, lists, String, Long, Double, Boolean, null): JSON parsers read small integers as Integer,
 * the model's YAML reader gives Long, and specs are compared by equality, so numbers are put back
 * as the model has them.
 */
final class JsonValues {
  private JsonValues() {}

  /** A JSON-like model value as JSON. */
  static Object toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      JsonObject out = new JsonObject();
      map.forEach((k, v) -> out.put((String) k, toJson(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      JsonArray out = new JsonArray();
      list.forEach(v -> out.add(toJson(v)));
      return out;
    }
    return value;
  }

  /** JSON read back as the model's JSON-like value. */
  static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      return plainMap(o);
    }
    if (value instanceof JsonArray a) {
      List<Object> out = new ArrayList<>(a.size());
      for (Object v : a) {
        out.add(plain(v));
      }
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }

  /** A JSON object read back as a model map (insertion order kept); null stays null. */
  static Map<String, Object> plainMap(JsonObject o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o) {
      out.put(e.getKey(), plain(e.getValue()));
    }
    return out;
  }

  /** A map whose order means nothing (labels), by key: the same state always writes alike. */
  static JsonObject sorted(Map<String, String> map) {
    return strings(new java.util.TreeMap<>(map));
  }

  static JsonObject strings(Map<String, String> map) {
    JsonObject out = new JsonObject();
    map.forEach(out::put);
    return out;
  }

  static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      for (Map.Entry<String, Object> e : o) {
        out.put(e.getKey(), (String) e.getValue());
      }
    }
    return out;
  }

  static <T> List<T> list(JsonArray a, Function<Object, T> item) {
    List<T> out = new ArrayList<>();
    if (a != null) {
      for (Object v : a) {
        out.add(item.apply(v));
      }
    }
    return Collections.unmodifiableList(out);
  }

  static String instant(Instant t) {
    return t == null ? null : t.toString();
  }

  static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
