package dev.trafficlab.bookinfo.workloads;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The headers Bookinfo's applications copy from the request they serve onto the requests they make,
 * so a trace and the signed-in user follow the call chain (productpage.py getForwardHeaders,
 * reviews' headers_to_propagate).
 */
final class Propagation {
  private Propagation() {}

  static final List<String> TRACING =
      List.of(
          "x-request-id",
          "x-b3-traceid",
          "x-b3-spanid",
          "x-b3-parentspanid",
          "x-b3-sampled",
          "x-b3-flags",
          "x-ot-span-context",
          "x-datadog-trace-id",
          "x-datadog-parent-id",
          "x-datadog-sampling-priority",
          "traceparent",
          "tracestate",
          "x-cloud-trace-context",
          "grpc-trace-bin",
          "user-agent");

  /**
   * productpage: tracing headers; end-user comes from its own session, never from the incoming
   * request.
   */
  static MultiMap fromProductPage(MultiMap incoming, String user) {
    MultiMap out = copy(incoming);
    if (user != null && !user.isEmpty()) {
      out.set("end-user", user);
    }
    return out;
  }

  /** reviews and details: tracing headers plus end-user as received. */
  static MultiMap fromService(MultiMap incoming) {
    MultiMap out = copy(incoming);
    String user = incoming.get("end-user");
    if (user != null) {
      out.set("end-user", user);
    }
    return out;
  }

  private static MultiMap copy(MultiMap incoming) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    for (String h : TRACING) {
      String v = incoming.get(h);
      if (v != null) {
        out.set(h, v);
      }
    }
    return out;
  }
}
