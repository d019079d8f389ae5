package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.model.Headers;
import io.vertx.core.MultiMap;
import java.util.Map;

/** VirtualService header operations on a request or response: remove, then set (overwrite), then add (append). */
final class HeaderOps {
  private HeaderOps() {}

  static void applyRequest(Headers h, MultiMap headers) {
    if (h != null) {
      apply(h.request(), headers);
    }
  }

  static void applyResponse(Headers h, MultiMap headers) {
    if (h != null) {
      apply(h.response(), headers);
    }
  }

  private static void apply(Headers.Operations ops, MultiMap headers) {
    if (ops == null) {
      return;
    }
    for (String name : ops.remove()) {
      headers.remove(name);
    }
    for (Map.Entry<String, String> e : ops.set().entrySet()) {
      headers.set(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
    for (Map.Entry<String, String> e : ops.add().entrySet()) {
      headers.add(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
  }
}
