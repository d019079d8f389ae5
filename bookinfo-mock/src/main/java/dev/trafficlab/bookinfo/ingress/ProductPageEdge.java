package dev.trafficlab.bookinfo.ingress;

import dev.trafficlab.bookinfo.Cookies;
import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.sidecar.HopResult;
import dev.trafficlab.bookinfo.sidecar.Outbound;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import dev.trafficlab.bookinfo.workloads.HopResponses;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a browser enters a sandbox's mesh: /bookinfo/{pageKey}/... is handed to that sandbox's
 * istio-ingressgateway, which routes it with gateway-bound VirtualServices only (no bookinfo
 * VirtualService: Envoy's empty 404). The gateway sees the Host a browser sends when it opens
 * http://$INGRESS_HOST:$INGRESS_PORT/... (the node's IP and the http2 node port), or, for
 * /bookinfo/{pageKey}@{host}/..., the Host of a browser that opened http://{host}/... because the
 * name resolves to the gateway (a browser cannot set Host itself). The page key opens this page and
 * nothing else; the lab's own cookies never enter the mesh.
 */
public final class ProductPageEdge {
  public static final String INGRESS_DEPLOYMENT = "istio-ingressgateway";
  private static final Set<String> DROPPED =
      Set.of(
          "host",
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "te",
          "trailer",
          "upgrade",
          "proxy-authorization",
          "proxy-connection",
          "cookie",
          "x-forwarded-prefix",
          "x-csrf-token",
          Sidecar.TOKEN_HEADER,
          Sidecar.POD_HEADER);

  /**
   * The product page's own cookie; every other cookie of the lab's origin stays out of the mesh.
   */
  private static final String SESSION_COOKIE = "session";

  private static final int BODY_LIMIT = 64 * 1024;

  private final Sidecar sidecar;

  public ProductPageEdge(Sidecar sidecar) {
    this.sidecar = sidecar;
  }

  public void mount(Router router, Function<String, MeshContext> byPageKey) {
    router
        .route("/bookinfo/*")
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(rc -> handle(rc, byPageKey));
  }

  private void handle(RoutingContext rc, Function<String, MeshContext> byPageKey) {
    HttpServerRequest req = rc.request();
    String path = req.path();
    String afterRoot = path.substring("/bookinfo/".length());
    int slash = afterRoot.indexOf('/');
    String segment = slash < 0 ? afterRoot : afterRoot.substring(0, slash);
    String rest = slash < 0 ? "/" : afterRoot.substring(slash);
    String key = pageKeyOf(segment);
    String named = key.length() < segment.length() ? segment.substring(key.length() + 1) : null;
    if (named != null && !validHost(named)) {
      rc.response()
          .setStatusCode(400)
          .putHeader("content-type", "text/plain; charset=utf-8")
          .end(
              "The address names no host for the ingress gateway: after @ give a host name such as"
                  + " httpbin.example.com, optionally with :port.\n");
      return;
    }
    MeshContext ctx = validKey(key) ? byPageKey.apply(key) : null;
    if (ctx == null) {
      rc.response()
          .setStatusCode(404)
          .putHeader("content-type", "text/plain; charset=utf-8")
          .end("No product page here: the address is unknown or its sandbox has expired.\n");
      return;
    }
    String uri = req.query() == null ? rest : rest + "?" + req.query();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (var e : req.headers()) {
      if (!DROPPED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        headers.add(e.getKey(), e.getValue());
      }
    }
    // The first "session" cookie: the most specific path comes first, i.e. this page's own.
    String session = Cookies.value(req.getHeader("cookie"), SESSION_COOKIE);
    if (session != null) {
      headers.set("cookie", SESSION_COOKIE + "=" + session);
    }
    String client = req.remoteAddress() == null ? "127.0.0.1" : req.remoteAddress().host();
    headers.set("x-forwarded-for", client);
    headers.set("x-envoy-external-address", client);
    headers.set("x-forwarded-prefix", "/bookinfo/" + segment);
    String hostHeader = named != null ? named : gatewayAddress(ctx, req);
    headers.set("host", hostHeader);
    String host = hostOnly(hostHeader);
    Buffer body =
        rc.body() == null || rc.body().buffer() == null || rc.body().length() == 0
            ? null
            : rc.body().buffer();
    String prefix = "/bookinfo/" + segment;
    sidecar
        .send(ctx, new Outbound(ingressPod(ctx), host, 80, req.method(), uri, headers, body, 0))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                failed(rc);
                return;
              }
              HopResult r = ar.result();
              String location = r.headers() == null ? null : r.headers().get("location");
              if (location != null && r.status() >= 300 && r.status() < 400) {
                r.headers().set("location", browserLocation(location, host, prefix));
              }
              MultiMap safe = BrowserHeaders.filter(r.headers(), prefix);
              HopResponses.write(
                  rc.response(),
                  new HopResult(
                      r.status(),
                      r.responseFlags(),
                      safe,
                      r.body(),
                      r.decision(),
                      r.target(),
                      r.pod(),
                      r.upstreamPath(),
                      r.upstreamHeaders(),
                      r.durationMs(),
                      r.delayMs(),
                      r.abortStatus(),
                      r.mirroredTo(),
                      r.attempts()));
            });
  }

  /** Whatever went wrong inside the mesh, the browser gets an answer rather than a hung page. */
  private static void failed(RoutingContext rc) {
    if (!rc.response().ended() && !rc.response().closed()) {
      rc.response()
          .setStatusCode(503)
          .putHeader("content-type", "text/plain")
          .end(
              "upstream connect error or disconnect/reset before headers. reset reason: connection failure");
    }
  }

  /** The page key of a path segment KEY or KEY@host. */
  public static String pageKeyOf(String segment) {
    int at = segment.indexOf('@');
    return at < 0 ? segment : segment.substring(0, at);
  }

  /**
   * A DNS name (letters, digits, dots and hyphens, at most 253) with an optional :port: what a
   * browser could send as Host.
   */
  static boolean validHost(String host) {
    int colon = host.indexOf(':');
    String name = colon < 0 ? host : host.substring(0, colon);
    if (name.isEmpty() || name.length() > 253 || name.startsWith(".") || name.startsWith("-")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '-')) {
        return false;
      }
    }
    if (colon < 0) {
      return true;
    }
    String port = host.substring(colon + 1);
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int p = Integer.parseInt(port);
    return p >= 1 && p <= 65535;
  }

  /**
   * The Host of a browser that opened http://$INGRESS_HOST:$INGRESS_PORT: the node's IP and the
   * gateway Service's http2 node port (the browser's own host when the sandbox has no such port).
   */
  static String gatewayAddress(MeshContext ctx, HttpServerRequest req) {
    for (Service s : ctx.snapshot().inventory().services()) {
      if (s.name().equals(INGRESS_DEPLOYMENT)) {
        for (Service.Port p : s.ports()) {
          if ("http2".equals(p.name()) && p.nodePort() > 0) {
            return Pod.NODE_IP + ":" + p.nodePort();
          }
        }
      }
    }
    return req.authority() == null ? "localhost" : req.authority().host();
  }

  private static String hostOnly(String hostHeader) {
    int colon = hostHeader.lastIndexOf(':');
    return colon > 0 ? hostHeader.substring(0, colon) : hostHeader;
  }

  /** 1 to 128 of [A-Za-z0-9_-] (checked by hand: this runs on every request). */
  static boolean validKey(String key) {
    int n = key.length();
    if (n < 1 || n > 128) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A redirect the gateway answers (VirtualService redirect) names the gateway's own host: seen
   * from the browser that host is this page's prefix, so http://host[:port]/path becomes
   * /bookinfo/KEY/path.
   */
  public static String browserLocation(String location, String host, String prefix) {
    String http = "http://";
    if (!location.startsWith(http)) {
      return location;
    }
    int slash = location.indexOf('/', http.length());
    String authority =
        slash < 0 ? location.substring(http.length()) : location.substring(http.length(), slash);
    String locationHost =
        authority.contains(":") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
    if (!locationHost.equalsIgnoreCase(host)) {
      return location;
    }
    return prefix + (slash < 0 ? "/" : location.substring(slash));
  }

  public static String ingressPod(MeshContext ctx) {
    for (Pod p : ctx.snapshot().inventory().pods()) {
      if (p.workload().equals(INGRESS_DEPLOYMENT)) {
        return p.name();
      }
    }
    return INGRESS_DEPLOYMENT;
  }
}
