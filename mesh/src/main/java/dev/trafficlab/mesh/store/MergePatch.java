package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import dev.trafficlab.mesh.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What kubectl apply sends: the object as written (its last-applied-configuration) and the JSON
 * merge patch.
 */
final class MergePatch {
  private MergePatch() {}

  /**
   * The object as kubectl sends it (before any server pruning), which becomes
   * last-applied-configuration.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> appliedObject(YamlNode.Mapping root, String ns) {
    Map<String, Object> obj = (Map<String, Object>) SchemaCheck.toJson(root);
    Map<String, Object> copy = new LinkedHashMap<>(obj);
    Object metaObj = copy.get("metadata");
    Map<String, Object> meta =
        metaObj instanceof Map<?, ?> mm
            ? new LinkedHashMap<>((Map<String, Object>) mm)
            : new LinkedHashMap<>();
    Object ann = meta.get("annotations");
    Map<String, Object> annotations =
        ann instanceof Map<?, ?> am
            ? new LinkedHashMap<>((Map<String, Object>) am)
            : new LinkedHashMap<>();
    annotations.remove(Kube.LAST_APPLIED);
    meta.put("annotations", annotations);
    if (ns != null) {
      meta.put("namespace", ns);
    }
    copy.put("metadata", meta);
    return copy;
  }

  /**
   * The JSON merge patch kubectl apply sends to the live object (shown when the server rejects it).
   */
  static String patch(Resource existing, Map<String, Object> applied, String appliedJson) {
    Map<String, Object> original;
    String oldJson = existing.meta().annotations().get(Kube.LAST_APPLIED);
    Object parsed = oldJson == null ? null : parseJson(oldJson);
    if (parsed instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) parsed;
      original = m;
    } else {
      original = new LinkedHashMap<>();
      original.put("apiVersion", existing.apiVersion());
      original.put("kind", existing.kind().kind());
      original.put("spec", existing.rawSpec());
    }
    Map<String, Object> modified = withAnnotation(applied, appliedJson);
    Map<String, Object> orig = withAnnotation(original, oldJson);
    return GoJson.write(diff(orig, modified));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withAnnotation(Map<String, Object> obj, String annotation) {
    Map<String, Object> copy = new LinkedHashMap<>(obj);
    Map<String, Object> meta =
        copy.get("metadata") instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    Map<String, Object> ann =
        meta.get("annotations") instanceof Map<?, ?> a
            ? new LinkedHashMap<>((Map<String, Object>) a)
            : new LinkedHashMap<>();
    if (annotation != null) {
      ann.put(Kube.LAST_APPLIED, annotation);
    }
    meta.put("annotations", ann);
    copy.put("metadata", meta);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> diff(Map<String, Object> from, Map<String, Object> to) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : to.entrySet()) {
      Object old = from.get(e.getKey());
      if (!from.containsKey(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      } else if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
        Map<String, Object> sub = diff((Map<String, Object>) om, (Map<String, Object>) nm);
        if (!sub.isEmpty()) {
          out.put(e.getKey(), sub);
        }
      } else if (!Objects.equals(old, e.getValue())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    for (String k : from.keySet()) {
      if (!to.containsKey(k)) {
        out.put(k, null);
      }
    }
    return out;
  }

  private static Object parseJson(String json) {
    try {
      List<YamlDocument> docs = YamlReader.read(json);
      return docs.isEmpty() ? null : SchemaCheck.toJson(docs.get(0).root());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
