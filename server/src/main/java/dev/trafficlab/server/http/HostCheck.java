package dev.trafficlab.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * Refuses a request whose Host header is not a host (RFC 3986: a name, an IPv4 address or a
 * bracketed IPv6 address, with an optional port) before any handler reads it: such a request is the
 * client's mistake, 400, not the server's error.
 */
public final class HostCheck {
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9._~!$&'()*+,;=%-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?");

  private HostCheck() {}

  public static Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
    return request -> {
      String host = request.getHeader("Host");
      if (host != null && !HOST.matcher(host).matches()) {
        request
            .response()
            .setStatusCode(400)
            .putHeader("Content-Type", "text/plain; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Connection", "close")
            .end(
                "invalid Host header: send the server's host name or address, with an optional port\n");
        return;
      }
      next.handle(request);
    };
  }
}
