package dev.trafficlab.server.durable;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.StoredObjects;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One stored object as saved JSON: what the API server keeps of it (its type, apiVersion, metadata
 * with the server's fields, spec and other fields exactly as stored). The typed spec is not saved:
 * it is decoded again from the spec.
 */
final class ObjectJson {
  private ObjectJson() {}

  static JsonObject write(Resource r) {
    JsonObject o = new JsonObject().put("kind", r.kind().name());
    if (!r.type().equals(ApiTypes.of(r.kind()))) {
      ApiType t = r.type();
      o.put(
          "type",
          new JsonObject()
              .put("group", t.group())
              .put("versions", new JsonArray(t.versions()))
              .put("kind", t.kind())
              .put("plural", t.plural())
              .put("singular", t.singular())
              .put("namespaced", t.namespaced())
              .put("shortNames", new JsonArray(t.shortNames())));
    }
    ObjectMeta m = r.meta();
    JsonObject meta = new JsonObject().put("name", m.name());
    if (m.namespace() != null) {
      meta.put("namespace", m.namespace());
    }
    if (!m.labels().isEmpty()) {
      meta.put("labels", JsonValues.sorted(m.labels()));
    }
    if (!m.annotations().isEmpty()) {
      meta.put("annotations", JsonValues.sorted(m.annotations()));
    }
    meta.put("uid", m.uid())
        .put("resourceVersion", m.resourceVersion())
        .put("generation", m.generation())
        .put("creationTimestamp", JsonValues.instant(m.creationTimestamp()));
    o.put("apiVersion", r.apiVersion())
        .put("metadata", meta)
        .put("spec", JsonValues.toJson(r.rawSpec()));
    if (!r.body().isEmpty()) {
      o.put("body", JsonValues.toJson(r.body()));
    }
    return o;
  }

  static Resource read(JsonObject o) {
    ResourceKind kind = ResourceKind.valueOf(o.getString("kind"));
    JsonObject t = o.getJsonObject("type");
    ApiType type =
        t == null
            ? ApiTypes.of(kind)
            : new ApiType(
                t.getString("group"),
                JsonValues.list(t.getJsonArray("versions"), String.class::cast),
                t.getString("kind"),
                t.getString("plural"),
                t.getString("singular"),
                t.getBoolean("namespaced"),
                JsonValues.list(t.getJsonArray("shortNames"), String.class::cast),
                kind);
    if (type == null) {
      throw new IllegalArgumentException("an object of kind " + kind + " without its type");
    }
    JsonObject m = o.getJsonObject("metadata");
    ObjectMeta meta =
        new ObjectMeta(
            m.getString("name"),
            m.getString("namespace"),
            JsonValues.strings(m.getJsonObject("labels")),
            JsonValues.strings(m.getJsonObject("annotations")),
            m.getString("uid"),
            m.getString("resourceVersion"),
            m.getLong("generation"),
            JsonValues.instant(m.getString("creationTimestamp")),
            Pos.UNKNOWN);
    Map<String, Object> spec = JsonValues.plainMap(o.getJsonObject("spec"));
    Map<String, Object> body =
        o.containsKey("body") ? JsonValues.plainMap(o.getJsonObject("body")) : Map.of();
    return StoredObjects.rebuild(
        type,
        o.getString("apiVersion"),
        meta,
        spec == null ? null : java.util.Collections.unmodifiableMap(spec),
        java.util.Collections.unmodifiableMap(body));
  }

  static JsonArray key(ResourceKey k) {
    return new JsonArray().add(k.kind().name()).add(k.resource()).add(k.namespace()).add(k.name());
  }

  static ResourceKey key(JsonArray a) {
    return new ResourceKey(
        ResourceKind.valueOf(a.getString(0)), a.getString(2), a.getString(3), a.getString(1));
  }
}
