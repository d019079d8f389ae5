package dev.trafficlab.server.durable;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.inventory.Container;
import dev.trafficlab.mesh.inventory.Event;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.ReplicaSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the controller made (ReplicaSets, pods, events, the mesh's outbound policy, its counters) as
 * saved JSON, against the start's: an element the start holds too is saved as its index in the
 * start's list (with its time when that is not the same in every process), any other in full. So a
 * sandbox whose learner never scaled or rolled anything saves a few numbers, and a restored one
 * shows the same pod names, IPs and ages.
 */
final class ClusterJson {
  private ClusterJson() {}

  /**
   * Times in the start cluster's install era (the epoch's first day) are the same in every process;
   * any later time came from a server's clock and is saved.
   */
  static boolean reproducible(Instant t) {
    return t == null || t.isBefore(Instant.EPOCH.plusSeconds(86_400));
  }

  static JsonObject write(ClusterState c, ClusterState start) {
    JsonObject o =
        new JsonObject()
            .put("outboundTrafficPolicy", c.outboundTrafficPolicy())
            .put("sequence", c.sequence())
            .put("nextIp", c.nextIp())
            .put(
                "replicaSets",
                refs(
                    c.replicaSets(),
                    start.replicaSets(),
                    ReplicaSet::created,
                    ClusterJson::atRs,
                    ClusterJson::rs))
            .put(
                "pods",
                refs(c.pods(), start.pods(), Pod::created, ClusterJson::atPod, ClusterJson::pod))
            .put(
                "events",
                refs(
                    c.events(),
                    start.events(),
                    Event::at,
                    ClusterJson::atEvent,
                    ClusterJson::event));
    if (!c.pins().equals(start.pins())) {
      JsonObject pins = new JsonObject();
      c.pins()
          .forEach(
              (k, p) ->
                  pins.put(
                      k,
                      new JsonObject()
                          .put("templateHash", p.templateHash())
                          .put("suffix", p.suffix())
                          .put("ip", p.ip())));
      o.put("pins", pins);
    }
    return o;
  }

  static ClusterState read(JsonObject o, ClusterState start) {
    Map<String, ClusterState.Pin> pins = start.pins();
    JsonObject p = o.getJsonObject("pins");
    if (p != null) {
      pins = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : p) {
        JsonObject pin = (JsonObject) e.getValue();
        pins.put(
            e.getKey(),
            new ClusterState.Pin(
                pin.getString("templateHash"), pin.getString("suffix"), pin.getString("ip")));
      }
    }
    return new ClusterState(
        deref(
            o.getJsonArray("replicaSets"), start.replicaSets(), ClusterJson::atRs, ClusterJson::rs),
        deref(o.getJsonArray("pods"), start.pods(), ClusterJson::atPod, ClusterJson::pod),
        deref(o.getJsonArray("events"), start.events(), ClusterJson::atEvent, ClusterJson::event),
        o.getString("outboundTrafficPolicy"),
        o.getLong("sequence"),
        o.getInteger("nextIp"),
        pins);
  }

  /** Elements the start holds too (whatever their time) as [index] or [index, time]. */
  private static <T> JsonArray refs(
      List<T> items,
      List<T> start,
      Function<T, Instant> time,
      BiFunction<T, Instant, T> at,
      Function<T, JsonObject> full) {
    Map<T, Integer> index = new HashMap<>();
    for (int i = 0; i < start.size(); i++) {
      index.putIfAbsent(at.apply(start.get(i), Instant.EPOCH), i);
    }
    JsonArray out = new JsonArray();
    for (T item : items) {
      Integer i = index.get(at.apply(item, Instant.EPOCH));
      if (i == null) {
        out.add(full.apply(item));
        continue;
      }
      JsonArray ref = new JsonArray().add(i);
      Instant t = time.apply(item);
      if (t != null && (!t.equals(time.apply(start.get(i))) || !reproducible(t))) {
        ref.add(t.toString());
      }
      out.add(ref);
    }
    return out;
  }

  private static <T> List<T> deref(
      JsonArray a, List<T> start, BiFunction<T, Instant, T> at, Function<JsonObject, T> full) {
    List<T> out = new ArrayList<>(a.size());
    for (Object v : a) {
      if (v instanceof JsonObject o) {
        out.add(full.apply(o));
        continue;
      }
      JsonArray ref = (JsonArray) v;
      int i = ref.getInteger(0);
      if (i < 0 || i >= start.size()) {
        throw new IllegalArgumentException(
            "element " + i + " of the start cluster, which has " + start.size());
      }
      T item = start.get(i);
      out.add(ref.size() > 1 ? at.apply(item, Instant.parse(ref.getString(1))) : item);
    }
    return out;
  }

  private static ReplicaSet atRs(ReplicaSet r, Instant t) {
    return new ReplicaSet(
        r.name(),
        r.namespace(),
        r.deployment(),
        r.templateHash(),
        r.template(),
        r.replicas(),
        r.revision(),
        t,
        r.changeCause());
  }

  private static Pod atPod(Pod p, Instant t) {
    return new Pod(
        p.name(),
        p.namespace(),
        p.workload(),
        p.labels(),
        p.ip(),
        p.serviceAccount(),
        p.nodeName(),
        p.image(),
        p.sidecar(),
        p.owner(),
        p.containers(),
        p.annotations(),
        t,
        p.startMillis());
  }

  private static Event atEvent(Event e, Instant t) {
    return new Event(
        e.namespace(),
        e.objectKind(),
        e.objectName(),
        e.type(),
        e.reason(),
        e.message(),
        t,
        e.source());
  }

  private static JsonObject rs(ReplicaSet r) {
    return new JsonObject()
        .put("name", r.name())
        .put("namespace", r.namespace())
        .put("deployment", r.deployment())
        .put("templateHash", r.templateHash())
        // a ReplicaSet keeps no order of its template's fields: written by name, alike every time
        .put("template", JsonValues.toJson(new java.util.TreeMap<>(r.template())))
        .put("replicas", r.replicas())
        .put("revision", r.revision())
        .put("created", JsonValues.instant(r.created()))
        .put("changeCause", r.changeCause());
  }

  private static ReplicaSet rs(JsonObject o) {
    return new ReplicaSet(
        o.getString("name"),
        o.getString("namespace"),
        o.getString("deployment"),
        o.getString("templateHash"),
        JsonValues.plainMap(o.getJsonObject("template")),
        o.getInteger("replicas"),
        o.getLong("revision"),
        JsonValues.instant(o.getString("created")),
        o.getString("changeCause"));
  }

  private static JsonObject pod(Pod p) {
    JsonArray containers = new JsonArray();
    for (Container c : p.containers()) {
      containers.add(
          new JsonObject()
              .put("name", c.name())
              .put("image", c.image())
              .put("ports", new JsonArray(new ArrayList<>(c.ports()))));
    }
    return new JsonObject()
        .put("name", p.name())
        .put("namespace", p.namespace())
        .put("workload", p.workload())
        .put("labels", JsonValues.sorted(p.labels()))
        .put("ip", p.ip())
        .put("serviceAccount", p.serviceAccount())
        .put("nodeName", p.nodeName())
        .put("image", p.image())
        .put("sidecar", p.sidecar())
        .put("owner", p.owner())
        .put("containers", containers)
        .put("annotations", JsonValues.sorted(p.annotations()))
        .put("created", JsonValues.instant(p.created()))
        .put("startMillis", p.startMillis());
  }

  private static Pod pod(JsonObject o) {
    return new Pod(
        o.getString("name"),
        o.getString("namespace"),
        o.getString("workload"),
        JsonValues.strings(o.getJsonObject("labels")),
        o.getString("ip"),
        o.getString("serviceAccount"),
        o.getString("nodeName"),
        o.getString("image"),
        o.getBoolean("sidecar"),
        o.getString("owner"),
        JsonValues.list(
            o.getJsonArray("containers"),
            v -> {
              JsonObject c = (JsonObject) v;
              return new Container(
                  c.getString("name"),
                  c.getString("image"),
                  JsonValues.list(c.getJsonArray("ports"), n -> ((Number) n).intValue()));
            }),
        JsonValues.strings(o.getJsonObject("annotations")),
        JsonValues.instant(o.getString("created")),
        o.getLong("startMillis"));
  }

  private static JsonObject event(Event e) {
    return new JsonObject()
        .put("namespace", e.namespace())
        .put("objectKind", e.objectKind())
        .put("objectName", e.objectName())
        .put("type", e.type())
        .put("reason", e.reason())
        .put("message", e.message())
        .put("at", JsonValues.instant(e.at()))
        .put("source", e.source());
  }

  private static Event event(JsonObject o) {
    return new Event(
        o.getString("namespace"),
        o.getString("objectKind"),
        o.getString("objectName"),
        o.getString("type"),
        o.getString("reason"),
        o.getString("message"),
        JsonValues.instant(o.getString("at")),
        o.getString("source"));
  }
}
