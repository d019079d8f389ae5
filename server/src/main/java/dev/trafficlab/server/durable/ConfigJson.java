package dev.trafficlab.server.durable;

import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.store.ConfigChange;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.store.StoreState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A sandbox's config store as saved JSON, as the difference from its lesson's start (shared,
 * precompiled, the same on every server of one version): the objects the learner created, changed
 * or deleted, the namespaces when they differ, the controller's state against the start's, and the
 * store's counters. An object of the start that the learner left alone is not saved, except its
 * creation time when that came from the server's clock (a lesson's own start files are applied when
 * the server starts).
 */
final class ConfigJson {
  private ConfigJson() {}

  static JsonObject write(StoreState state, Snapshot start) {
    return write(state, start, ConfigJson::change);
  }

  /**
   * As {@link #write(StoreState, Snapshot)}, each change's JSON from {@code changeJson} (a caller
   * that saves often keeps them: a state holds the latest 50, each with a time to format).
   */
  static JsonObject write(
      StoreState state, Snapshot start, Function<ConfigChange, JsonObject> changeJson) {
    Snapshot s = state.snapshot();
    JsonArray objects = new JsonArray();
    JsonArray startTimes = new JsonArray();
    for (Map.Entry<ResourceKey, Resource> e : s.allObjects().entrySet()) {
      Resource r = e.getValue();
      Resource was = start.allObjects().get(e.getKey());
      if (was != null && (r == was || r.equals(createdAt(was, r.meta().creationTimestamp())))) {
        Instant t = r.meta().creationTimestamp();
        if (!Objects.equals(t, was.meta().creationTimestamp()) || !ClusterJson.reproducible(t)) {
          startTimes.add(ObjectJson.key(e.getKey()).add(t.toString()));
        }
      } else {
        objects.add(ObjectJson.write(r));
      }
    }
    JsonArray deleted = new JsonArray();
    for (ResourceKey k : start.allObjects().keySet()) {
      if (!s.allObjects().containsKey(k)) {
        deleted.add(ObjectJson.key(k));
      }
    }
    JsonArray changes = new JsonArray();
    for (ConfigChange c : state.changes()) {
      changes.add(changeJson.apply(c));
    }
    JsonObject o =
        new JsonObject()
            .put("start", fingerprint(start))
            .put("revision", s.revision())
            .put("resourceVersion", state.resourceVersion())
            .put("lastCreated", JsonValues.instant(state.lastCreated()))
            .put("generation", state.generation())
            .put("changes", changes)
            .put("objects", objects)
            .put("deleted", deleted)
            .put("startTimes", startTimes)
            .put("cluster", ClusterJson.write(s.cluster(), start.cluster()));
    if (!s.namespaceLabels().equals(start.namespaceLabels())) {
      JsonObject ns = new JsonObject();
      s.namespaceLabels().forEach((n, labels) -> ns.put(n, JsonValues.sorted(labels)));
      o.put("namespaces", ns);
    }
    return o;
  }

  static JsonObject change(ConfigChange c) {
    return new JsonObject()
        .put("revision", c.revision())
        .put("at", c.at().toString())
        .put("what", c.what());
  }

  static StoreState read(JsonObject o, Snapshot start) {
    if (!fingerprint(start).equals(o.getString("start"))) {
      throw new SandboxStateException(
          "the saved sandbox grew from another start of its lesson than this server's (a version"
              + " whose lesson start differs saved it)");
    }
    TreeMap<ResourceKey, Resource> objects = new TreeMap<>(start.allObjects());
    for (Object k : o.getJsonArray("deleted")) {
      objects.remove(ObjectJson.key((JsonArray) k));
    }
    for (Object t : o.getJsonArray("startTimes")) {
      JsonArray a = (JsonArray) t;
      ResourceKey key = ObjectJson.key(a);
      Resource was = objects.get(key);
      if (was == null) {
        throw new IllegalArgumentException("the start holds no " + key);
      }
      objects.put(key, createdAt(was, Instant.parse(a.getString(4))));
    }
    for (Object r : o.getJsonArray("objects")) {
      Resource object = ObjectJson.read((JsonObject) r);
      objects.put(object.key(), object);
    }
    TreeMap<String, Map<String, String>> namespaces = new TreeMap<>(start.namespaceLabels());
    JsonObject ns = o.getJsonObject("namespaces");
    if (ns != null) {
      namespaces.clear();
      for (Map.Entry<String, Object> e : ns) {
        namespaces.put(e.getKey(), Map.copyOf(JsonValues.strings((JsonObject) e.getValue())));
      }
    }
    Snapshot snapshot =
        Snapshot.restored(
            start,
            o.getLong("revision"),
            objects,
            namespaces,
            ClusterJson.read(o.getJsonObject("cluster"), start.cluster()));
    return new StoreState(
        snapshot,
        o.getLong("resourceVersion"),
        JsonValues.instant(o.getString("lastCreated")),
        JsonValues.list(
            o.getJsonArray("changes"),
            v -> {
              JsonObject c = (JsonObject) v;
              return new ConfigChange(
                  c.getLong("revision"), Instant.parse(c.getString("at")), c.getString("what"));
            }),
        o.getLong("generation"));
  }

  /**
   * What the saved difference is relative to: the start's objects (key, uid, resourceVersion) and
   * what its controller made (names, in order), but not the times a server's clock gave them. Two
   * servers of one version agree on it; a version whose lesson start differs does not, and its
   * saved sandboxes are refused rather than misread.
   */
  static String fingerprint(Snapshot start) {
    // every save writes it, and a start is one immutable value shared by its lesson's sandboxes
    return FINGERPRINTS.computeIfAbsent(start, ConfigJson::digest);
  }

  /** By start, compared by identity (a snapshot has no equals of its own). */
  private static final Map<Snapshot, String> FINGERPRINTS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static String digest(Snapshot start) {
    StringBuilder b = new StringBuilder();
    start
        .allObjects()
        .forEach(
            (k, r) ->
                b.append(k)
                    .append(' ')
                    .append(r.meta().uid())
                    .append(' ')
                    .append(r.meta().resourceVersion())
                    .append('\n'));
    start
        .cluster()
        .replicaSets()
        .forEach(r -> b.append(r.namespace()).append('/').append(r.name()).append('\n'));
    start
        .cluster()
        .pods()
        .forEach(p -> b.append(p.namespace()).append('/').append(p.name()).append('\n'));
    start
        .cluster()
        .events()
        .forEach(e -> b.append(e.objectName()).append(' ').append(e.message()).append('\n'));
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The object with another creation time (the same object made by another server's clock). */
  private static Resource createdAt(Resource r, Instant t) {
    ObjectMeta m = r.meta();
    if (Objects.equals(m.creationTimestamp(), t)) {
      return r;
    }
    return new Resource(
        r.kind(),
        r.apiVersion(),
        new ObjectMeta(
            m.name(),
            m.namespace(),
            m.labels(),
            m.annotations(),
            m.uid(),
            m.resourceVersion(),
            m.generation(),
            t,
            m.pos()),
        r.spec(),
        r.rawSpec(),
        r.body(),
        r.type());
  }
}
