package dev.trafficlab.mesh.validation;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the Kubernetes API server does with a custom resource's spec before admission: drops nulls
 * and fields the CRD schema does not know (pruning), and rejects values of the wrong type,
 * unsupported enum values and oneOf violations. It also performs the webhook's decoding step
 * (durations, unsigned integers), whose first failure Istio reports as "error decoding
 * configuration: ...".
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /** One structural-schema failure; {@link #text()} is how the API server words it. */
  public record Cause(String field, String message, Pos pos) {
    public String text() {
      return field + ": " + message;
    }
  }

  /**
   * A field that was dropped (unknown to the schema) or a key written twice (the last one wins).
   */
  public record Dropped(String path, Pos pos) {}

  /**
   * @param pruned the spec as stored (unknown fields and nulls removed); null when the spec was
   *     null
   * @param causes schema failures (the object is then Invalid)
   * @param decodeError the first value the webhook cannot decode ("bad Duration: ..."), or null
   */
  public record Result(
      YamlNode pruned,
      List<Cause> causes,
      List<Dropped> unknownFields,
      List<Dropped> duplicateKeys,
      String decodeError,
      Pos decodeErrorPos) {}

  static Result check(YamlNode spec, Schema schema, String rootPath) {
    Walker w = new Walker();
    YamlNode pruned = spec == null ? null : w.walk(spec, schema, rootPath, rootPath);
    return new Result(
        pruned,
        List.copyOf(w.causes),
        List.copyOf(w.unknown),
        List.copyOf(w.duplicates),
        w.decodeError,
        w.decodeErrorPos);
  }

  private static final class Walker {
    final List<Cause> causes = new ArrayList<>();
    final List<Dropped> unknown = new ArrayList<>();
    final List<Dropped> duplicates = new ArrayList<>();
    String decodeError;
    Pos decodeErrorPos;

    private void typeError(YamlNode node, String path, String expected) {
      String actual = node.jsonType();
      causes.add(
          new Cause(
              path,
              "Invalid value: \""
                  + actual
                  + "\": "
                  + path
                  + " in body must be of type "
                  + expected
                  + ": \""
                  + actual
                  + "\"",
              node.pos()));
    }

    private void decodeFailure(String message, Pos pos) {
      if (decodeError == null) {
        decodeError = message;
        decodeErrorPos = pos;
      }
    }

    /** Returns the pruned node, or null when the value is dropped. */
    YamlNode walk(YamlNode node, Schema schema, String path, String display) {
      if (node instanceof YamlNode.Scalar s && s.isNull()) {
        return null;
      }
      switch (schema.type) {
        case ANY:
          return node;
        case OBJECT:
        case MAP:
          {
            if (!(node instanceof YamlNode.Mapping m)) {
              typeError(node, path, "object");
              return null;
            }
            Map<String, YamlNode.Entry> last = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries()) {
              if (last.containsKey(e.key())) {
                duplicates.add(new Dropped(display + "." + e.key(), e.keyPos()));
                last.remove(e.key());
              }
              last.put(e.key(), e);
            }
            List<YamlNode.Entry> kept = new ArrayList<>();
            for (YamlNode.Entry e : last.values()) {
              Schema child =
                  schema.type == Schema.Type.MAP ? schema.items : schema.properties.get(e.key());
              if (child == null) {
                unknown.add(new Dropped(display + "." + e.key(), e.keyPos()));
                continue;
              }
              YamlNode v = walk(e.value(), child, path + "." + e.key(), display + "." + e.key());
              if (v != null) {
                kept.add(new YamlNode.Entry(e.key(), e.keyPos(), v));
              }
            }
            if (!schema.oneOf.isEmpty()) {
              long set = kept.stream().filter(e -> schema.oneOf.contains(e.key())).count();
              if (set > 1) {
                causes.add(
                    new Cause(
                        path,
                        "Invalid value: \"object\": "
                            + path
                            + " in body must validate one and only one schema (oneOf)",
                        node.pos()));
              }
            }
            return new YamlNode.Mapping(kept, node.pos());
          }
        case ARRAY:
          {
            if (!(node instanceof YamlNode.Sequence q)) {
              typeError(node, path, "array");
              return null;
            }
            List<YamlNode> items = new ArrayList<>();
            for (int i = 0; i < q.items().size(); i++) {
              YamlNode v = walk(q.items().get(i), schema.items, path, display + "[" + i + "]");
              if (v != null) {
                items.add(v);
              }
            }
            return new YamlNode.Sequence(items, node.pos());
          }
        case STRING:
        case DURATION:
          {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof String str)) {
              typeError(node, path, "string");
              return null;
            }
            if (!schema.enumValues.isEmpty() && !schema.enumValues.contains(str)) {
              causes.add(
                  new Cause(
                      path,
                      "Unsupported value: \""
                          + str
                          + "\": supported values: "
                          + schema.enumValues.stream()
                              .map(v -> "\"" + v + "\"")
                              .collect(Collectors.joining(", ")),
                      node.pos()));
            }
            if (schema.type == Schema.Type.DURATION) {
              try {
                GoDuration.parseNanos(str);
              } catch (GoDuration.BadDuration e) {
                decodeFailure("bad Duration: " + e.getMessage(), node.pos());
              }
            }
            return node;
          }
        case INTEGER:
        case UINT32:
          {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof Long l)) {
              typeError(node, path, "integer");
              return null;
            }
            if (schema.type == Schema.Type.UINT32 && (l < 0 || l > 0xFFFFFFFFL)) {
              decodeFailure(
                  "json: cannot unmarshal number " + l + " into Go value of type uint32",
                  node.pos());
            }
            return node;
          }
        case NUMBER:
          {
            if (!(node instanceof YamlNode.Scalar s)
                || !(s.value() instanceof Long || s.value() instanceof Double)) {
              typeError(node, path, "number");
              return null;
            }
            return node;
          }
        case BOOLEAN:
          {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof Boolean)) {
              typeError(node, path, "boolean");
              return null;
            }
            return node;
          }
        default:
          return node;
      }
    }
  }

  /** The JSON-like value of a node: LinkedHashMap, List, String, Long, Double, Boolean, null. */
  public static Object toJson(YamlNode node) {
    if (node == null) {
      return null;
    }
    if (node instanceof YamlNode.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (YamlNode.Entry e : m.entries()) {
        out.put(e.key(), toJson(e.value()));
      }
      return out;
    }
    if (node instanceof YamlNode.Sequence q) {
      List<Object> out = new ArrayList<>(q.items().size());
      for (YamlNode item : q.items()) {
        out.add(toJson(item));
      }
      return out;
    }
    return ((YamlNode.Scalar) node).value();
  }
}
