package dev.trafficlab.server.api;

import dev.trafficlab.mesh.routing.RouteOrigin;
import io.vertx.core.json.JsonObject;

/**
 * A route's origin in the API: the object's kind, namespace and name apart (names may contain
 * dots).
 */
final class OriginJson {
  private OriginJson() {}

  static JsonObject of(RouteOrigin o) {
    if (o == null) {
      return null;
    }
    return new JsonObject()
        .put("kind", o.kind().kind())
        .put("namespace", o.namespace())
        .put("name", o.name())
        .put("rule", o.rule())
        .put("match", o.match())
        .put("text", o.text());
  }
}
