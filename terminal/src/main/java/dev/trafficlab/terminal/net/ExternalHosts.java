package dev.trafficlab.terminal.net;

import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.bookinfo.workloads.WerkzeugHeaderNames;
import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hosts outside the mesh that Istio 1.8's "Accessing External Services" task calls. The lab
 * opens no socket to the Internet, so it answers for them itself and says so (a response header and
 * a note in shown bodies); every other external host does not resolve. Which answer a sidecar gives
 * follows the mesh's outboundTrafficPolicy and the ServiceEntries and VirtualServices applied:
 * PassthroughCluster under ALLOW_ANY, BlackHoleCluster under REGISTRY_ONLY without a ServiceEntry
 * (HTTP 502; TLS reset, which curl reports as exit 35).
 */
final class ExternalHosts {
  private ExternalHosts() {}

  static final Set<String> SIMULATED = Set.of("httpbin.org", "www.google.com", "edition.cnn.com");
  static final String LAB_HEADER = "x-traffic-lab";
  static final String LAB_NOTE = "simulated external host";

  /** How the sidecar treats a request to an external host. */
  record Answer(MeshResponse response, String protocol, long delayMs, String error, int exitCode) {}

  static boolean simulated(String host) {
    return SIMULATED.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The answer for {@code method path} to a simulated host from a pod with a sidecar. */
  static Answer answer(
      Snapshot snap,
      String clientPod,
      boolean tls,
      String host,
      int port,
      String method,
      String path,
      Map<String, String> requestHeaders) {
    host = host.toLowerCase(Locale.ROOT);
    boolean registered = serviceEntry(snap, host, port);
    if (!registered && ClusterState.REGISTRY_ONLY.equals(snap.outboundTrafficPolicy())) {
      if (tls) {
        return new Answer(
            null,
            null,
            0,
            "(35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to " + host + ":" + port,
            35);
      }
      return new Answer(envoy(502, ""), "HTTP/1.1", 0, null, 0);
    }
    String protocol = tls ? "HTTP/2" : "HTTP/1.1";
    if (host.equals("httpbin.org") && !tls) {
      return httpbin(snap, clientPod, registered, port, method, path, requestHeaders);
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "text/html; charset=UTF-8");
    h.put("date", date());
    h.put(LAB_HEADER, LAB_NOTE);
    String body =
        "<!doctype html><html><body><p>Traffic Lab: "
            + host
            + " is a simulated external host, not the real site.</p></body></html>\n";
    if (!tls) {
      h.put("x-envoy-upstream-service-time", "12");
      h.put("server", "envoy");
    }
    return new Answer(
        resp(200, h, body, registered ? host : "PassthroughCluster"), protocol, 0, null, 0);
  }

  private static Answer httpbin(
      Snapshot snap,
      String clientPod,
      boolean registered,
      int port,
      String method,
      String path,
      Map<String, String> req) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    long delayMs = 0;
    String body;
    int status = 200;
    if (p.startsWith("/delay/")) {
      double s;
      try {
        s = Double.parseDouble(p.substring(7));
      } catch (NumberFormatException e) {
        s = 0;
      }
      delayMs = Math.round(Math.min(Math.max(s, 0), 10) * 1000);
      Optional<Long> timeout = routeTimeoutMs(snap, clientPod, port, method, path, req);
      if (timeout.isPresent() && timeout.get() < delayMs) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-length", "24");
        h.put("content-type", "text/plain");
        h.put("date", date());
        h.put("server", "envoy");
        h.put(LAB_HEADER, LAB_NOTE);
        return new Answer(
            resp(504, h, "upstream request timeout", "outbound|" + port + "||httpbin.org"),
            "HTTP/1.1",
            timeout.get(),
            null,
            0);
      }
      body = headersJson(req, registered, port, "  \"url\": \"http://httpbin.org" + path + "\"");
    } else if (p.startsWith("/status/")) {
      try {
        status = Integer.parseInt(p.substring(8));
      } catch (NumberFormatException e) {
        status = 400;
      }
      body = "";
    } else if (p.equals("/headers") || p.equals("/get") || p.equals("/anything")) {
      body = headersJson(req, registered, port, null);
    } else if (p.equals("/ip")) {
      body =
          "{\n  \"origin\": \"203.0.113.10\",\n  \"note\": \"Traffic Lab: "
              + LAB_NOTE
              + ", not the real httpbin.org\"\n}\n";
    } else {
      status = 404;
      body = "";
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("date", date());
    h.put("content-type", body.isEmpty() ? "text/html; charset=utf-8" : "application/json");
    h.put("content-length", Integer.toString(body.length()));
    h.put("server", "envoy");
    h.put("access-control-allow-origin", "*");
    h.put("access-control-allow-credentials", "true");
    h.put("x-envoy-upstream-service-time", Long.toString(delayMs + 90));
    h.put(LAB_HEADER, LAB_NOTE);
    return new Answer(
        resp(
            status,
            h,
            body,
            registered ? "outbound|" + port + "||httpbin.org" : "PassthroughCluster"),
        "HTTP/1.1",
        delayMs,
        null,
        0);
  }

  /** httpbin.org's /headers body as it reaches it through the client's sidecar. */
  private static String headersJson(
      Map<String, String> req, boolean registered, int port, String extra) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Map<String, String> h = new TreeMap<>();
    req.forEach((k, v) -> h.put(WerkzeugHeaderNames.titleCase(k), v));
    h.put("X-Amzn-Trace-Id", String.format("Root=1-%08x-%024x", r.nextInt(), r.nextLong()));
    String trace = String.format("%016x", r.nextLong());
    h.put("X-B3-Sampled", "0");
    h.put("X-B3-Spanid", trace);
    h.put("X-B3-Traceid", String.format("%016x", r.nextLong()) + trace);
    if (registered) {
      h.put("X-Envoy-Decorator-Operation", "httpbin.org:" + port + "/*");
      h.put("X-Envoy-Attempt-Count", "1");
    }
    StringBuilder sb = new StringBuilder("{\n  \"headers\": {\n");
    int i = 0;
    for (Map.Entry<String, String> e : h.entrySet()) {
      sb.append("    \"").append(e.getKey()).append("\": \"").append(esc(e.getValue())).append('"');
      sb.append(++i < h.size() ? ",\n" : "\n");
    }
    sb.append("  },\n  \"note\": \"Traffic Lab: ")
        .append(LAB_NOTE)
        .append(", not the real httpbin.org\"");
    if (extra != null) {
      sb.append(",\n").append(extra);
    }
    return sb.append("\n}\n").toString();
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** True when a ServiceEntry makes host:port part of the mesh's registry. */
  static boolean serviceEntry(Snapshot snap, String host, int port) {
    for (Resource se : snap.list(ResourceKind.SERVICE_ENTRY, null)) {
      Map<String, Object> spec = se.rawSpec() == null ? Map.of() : se.rawSpec();
      if (!(spec.get("hosts") instanceof List<?> hosts) || !hosts.contains(host)) {
        continue;
      }
      if (spec.get("ports") instanceof List<?> ports) {
        for (Object o : ports) {
          if (o instanceof Map<?, ?> m
              && m.get("number") instanceof Number n
              && n.intValue() == port) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The timeout the client's sidecar applies to the request: that of the route its compiled route
   * table picks for httpbin.org (a VirtualService's, matched as for any service; none by default).
   */
  static Optional<Long> routeTimeoutMs(
      Snapshot snap,
      String clientPod,
      int port,
      String method,
      String path,
      Map<String, String> headers) {
    if (!snap.routes().hasProxy(clientPod)) {
      return Optional.empty();
    }
    Decision d =
        snap.routes()
            .resolve(new RouteRequest(clientPod, "httpbin.org", port, method, path, headers));
    return d.timeoutMs() > 0 ? Optional.of(d.timeoutMs()) : Optional.empty();
  }

  private static MeshResponse envoy(int status, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("date", date());
    h.put("server", "envoy");
    h.put("content-length", Integer.toString(body.length()));
    return resp(status, h, body, "BlackHoleCluster");
  }

  private static MeshResponse resp(
      int status, Map<String, String> headers, String body, String cluster) {
    return new MeshResponse(status, headers, body, "-", cluster, null, null, 0);
  }

  private static String date() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
  }
}
