package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.validation.SpecDecoder;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stored objects made again from the parts the API server keeps of them (type, apiVersion,
 * metadata, the spec and other fields as JSON), as a saved sandbox is restored. The typed spec is
 * decoded from the stored spec as the store decoded it when the object was accepted; nothing is
 * validated again, so an object this server accepted once is never refused on restore.
 */
public final class StoredObjects {
  private StoredObjects() {}

  /**
   * The object as stored. {@code rawSpec} and {@code body} are JSON-like (maps, lists, String,
   * Long, Double, Boolean, null); the typed spec's positions are unknown, as the text it was read
   * from is gone.
   */
  public static Resource rebuild(
      ApiType type,
      String apiVersion,
      ObjectMeta meta,
      Map<String, Object> rawSpec,
      Map<String, Object> body) {
    Object spec = SpecDecoder.decode(type.known(), rawSpec == null ? null : node(rawSpec));
    return new Resource(type.known(), apiVersion, meta, spec, rawSpec, body, type);
  }

  /** The JSON-like value as a YAML node, positions unknown. */
  static YamlNode node(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<YamlNode.Entry> entries = new ArrayList<>(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        entries.add(new YamlNode.Entry((String) e.getKey(), Pos.UNKNOWN, node(e.getValue())));
      }
      return new YamlNode.Mapping(entries, Pos.UNKNOWN);
    }
    if (value instanceof List<?> list) {
      List<YamlNode> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(node(item));
      }
      return new YamlNode.Sequence(items, Pos.UNKNOWN);
    }
    return new YamlNode.Scalar(value, Pos.UNKNOWN);
  }
}
