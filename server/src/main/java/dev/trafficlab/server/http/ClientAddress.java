package dev.trafficlab.server.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** The address a request comes from, for per-client limits. */
public final class ClientAddress {
  private ClientAddress() {}

  /**
   * The peer's IP, or the first X-Forwarded-For entry when the server sits behind a trusted proxy (never trust it
   * otherwise: a client could pick a new address for every request).
   */
  public static String of(RoutingContext ctx, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String first = forwarded.split(",", 2)[0].trim();
        if (!first.isEmpty()) {
          return first;
        }
      }
    }
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null || remote.host() == null ? "unknown" : remote.host();
  }
}
