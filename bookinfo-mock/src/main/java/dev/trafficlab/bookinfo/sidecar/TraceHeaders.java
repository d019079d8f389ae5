package dev.trafficlab.bookinfo.sidecar;

import io.vertx.core.MultiMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What Envoy adds to every request it forwards: a request id when missing, and a new B3 span of the
 * trace.
 */
final class TraceHeaders {
  private TraceHeaders() {}

  static void stamp(MultiMap headers) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    if (!headers.contains("x-request-id")) {
      // A version-4 UUID, as Envoy generates.
      long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
      long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      headers.set("x-request-id", new UUID(hi, lo).toString());
    }
    String parent = headers.get("x-b3-spanid");
    if (headers.get("x-b3-traceid") == null) {
      headers.set("x-b3-traceid", hex(r.nextLong()) + hex(r.nextLong()));
      // The demo profile the lessons install samples every trace (tracing sampling 100).
      headers.set("x-b3-sampled", "1");
    } else if (parent != null) {
      headers.set("x-b3-parentspanid", parent);
    }
    headers.set("x-b3-spanid", hex(r.nextLong()));
    if (!headers.contains("x-forwarded-proto")) {
      headers.set("x-forwarded-proto", "http");
    }
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0000000000000000".substring(s.length()) + s;
  }
}
