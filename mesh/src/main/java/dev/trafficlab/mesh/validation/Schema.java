package dev.trafficlab.mesh.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small structural schema, the subset of OpenAPI v3 that Istio 1.8's CRDs use: typed fields, maps
 * (additionalProperties), enums, and oneOf over mutually exclusive fields. The API server prunes
 * fields the schema does not know and rejects values of the wrong type before the Istio webhook
 * ever sees them.
 */
final class Schema {
  enum Type {
    OBJECT,
    ARRAY,
    MAP,
    STRING,
    INTEGER,
    UINT32,
    NUMBER,
    BOOLEAN,
    DURATION,
    ANY
  }

  final Type type;
  final Map<String, Schema> properties;
  final Schema items;
  final List<String> enumValues;
  final List<String> oneOf;

  private Schema(
      Type type,
      Map<String, Schema> properties,
      Schema items,
      List<String> enumValues,
      List<String> oneOf) {
    this.type = type;
    this.properties = properties;
    this.items = items;
    this.enumValues = enumValues;
    this.oneOf = oneOf;
  }

  static final Schema STRING = new Schema(Type.STRING, Map.of(), null, List.of(), List.of());
  static final Schema INTEGER = new Schema(Type.INTEGER, Map.of(), null, List.of(), List.of());

  /** An integer the webhook decodes into a protobuf uint32 (a negative value fails to decode). */
  static final Schema UINT32 = new Schema(Type.UINT32, Map.of(), null, List.of(), List.of());

  /** A string the webhook decodes as a protobuf Duration with Go's time.ParseDuration. */
  static final Schema DURATION = new Schema(Type.DURATION, Map.of(), null, List.of(), List.of());

  static final Schema NUMBER = new Schema(Type.NUMBER, Map.of(), null, List.of(), List.of());
  static final Schema BOOLEAN = new Schema(Type.BOOLEAN, Map.of(), null, List.of(), List.of());

  /** x-kubernetes-preserve-unknown-fields: anything is kept as written. */
  static final Schema ANY = new Schema(Type.ANY, Map.of(), null, List.of(), List.of());

  /** An object with these fields, given as name, schema, name, schema, ... */
  static Schema obj(Object... nameSchemaPairs) {
    Map<String, Schema> props = new LinkedHashMap<>();
    for (int i = 0; i < nameSchemaPairs.length; i += 2) {
      props.put((String) nameSchemaPairs[i], (Schema) nameSchemaPairs[i + 1]);
    }
    return new Schema(Type.OBJECT, Map.copyOf(props), null, List.of(), List.of());
  }

  static Schema arr(Schema items) {
    return new Schema(Type.ARRAY, Map.of(), items, List.of(), List.of());
  }

  static Schema map(Schema values) {
    return new Schema(Type.MAP, Map.of(), values, List.of(), List.of());
  }

  static Schema enumOf(String... values) {
    return new Schema(Type.STRING, Map.of(), null, List.of(values), List.of());
  }

  /** This object with "at most one of these fields" (the CRDs' oneOf over a protobuf oneof). */
  Schema oneOf(String... fields) {
    return new Schema(type, properties, items, enumValues, List.of(fields));
  }
}
