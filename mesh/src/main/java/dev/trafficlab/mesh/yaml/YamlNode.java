package dev.trafficlab.mesh.yaml;

import dev.trafficlab.mesh.model.Pos;
import java.util.List;

/**
 * A parsed YAML node with its 1-based position. Scalars are already typed the way kubectl's
 * YAML-to-JSON conversion types them (go-yaml v2 rules: yes/no/on/off are booleans, 0x1F is an
 * integer, ...).
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  Pos pos();

  /**
   * The JSON type name the Kubernetes API server reports for this value: object, array, string, ...
   */
  String jsonType();

  /**
   * A mapping; keys keep their source order. Duplicate keys are kept here; {@link #get} returns the
   * last one.
   */
  record Mapping(List<Entry> entries, Pos pos) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    public Entry get(String key) {
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (entries.get(i).key().equals(key)) {
          return entries.get(i);
        }
      }
      return null;
    }

    public YamlNode value(String key) {
      Entry e = get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String jsonType() {
      return "object";
    }
  }

  record Entry(String key, Pos keyPos, YamlNode value) {}

  record Sequence(List<YamlNode> items, Pos pos) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String jsonType() {
      return "array";
    }
  }

  /** value is null, Boolean, Long, Double or String. */
  record Scalar(Object value, Pos pos) implements YamlNode {
    public boolean isNull() {
      return value == null;
    }

    @Override
    public String jsonType() {
      if (value == null) {
        return "null";
      }
      if (value instanceof Boolean) {
        return "boolean";
      }
      if (value instanceof Long) {
        return "integer";
      }
      if (value instanceof Double) {
        return "number";
      }
      return "string";
    }
  }
}
