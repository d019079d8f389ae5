package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.sidecar.HopResult;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Set;

/**
 * Writes what a sidecar got back onto the response of the one who asked (a browser, or a calling
 * pod).
 */
public final class HopResponses {
  private HopResponses() {}

  /**
   * Headers that describe one connection, never forwarded from a hop's answer (RFC 9110, 7.6.1).
   */
  public static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "te",
          "trailer",
          "upgrade",
          "proxy-authenticate",
          "proxy-authorization");

  public static void write(HttpServerResponse response, HopResult r) {
    if (response.ended() || response.closed()) {
      return;
    }
    // Status 0 means the caller's own deadline passed; nobody waits for an answer any more.
    response.setStatusCode(r.status() == 0 ? 504 : r.status());
    if (r.headers() != null) {
      for (Map.Entry<String, String> e : r.headers()) {
        if (!HOP_BY_HOP.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
          try {
            response.headers().add(e.getKey(), e.getValue());
          } catch (IllegalArgumentException refused) {
            // a name or value HTTP/1.1 cannot carry is left out: the answer still goes out
          }
        }
      }
    }
    response.end(r.body() == null ? io.vertx.core.buffer.Buffer.buffer() : r.body());
  }
}
