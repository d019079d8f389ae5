package dev.trafficlab.terminal.net;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * curl inside the sandbox: the request leaves a client pod's sidecar and goes through the sandbox's
 * mesh (BookinfoMesh.call), so routing rules apply; $GATEWAY_URL enters through the ingress
 * gateway. No socket to anything else is ever opened: other hosts do not resolve.
 */
public final class Curl {
  private Curl() {}

  public static final String USER_AGENT = "curl/7.73.0";

  /**
   * The pod plain `curl` runs from: the product page's pod, Bookinfo's own client of reviews and
   * details.
   */
  public static final String DEFAULT_CLIENT = "productpage-v1";

  public static final String INGRESS = "istio-ingressgateway";

  /** The (single) node's IP: hostIP of every pod. */
  public static final String NODE_IP = "192.168.49.2";

  /** Options of one curl command line. */
  static final class Options {
    String url;
    String method;
    boolean silent;
    boolean showError;
    boolean include;
    boolean head;
    boolean verbose;
    boolean fail;
    String output;
    String writeOut;
    String data;
    double maxTimeSeconds;
    final Map<String, String> headers = new LinkedHashMap<>();
  }

  /** Runs `curl ARGS` from {@code clientPod} (a pod or deployment name). */
  public static Future<Integer> run(Invocation inv, List<String> args, String clientPod) {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      inv.eprintln("curl: " + e.getMessage());
      inv.eprintln("curl: try 'curl --help' or 'curl --manual' for more information");
      return Invocation.exit(2);
    }
    if (o.url == null) {
      inv.eprintln("curl: no URL specified!");
      inv.eprintln("curl: try 'curl --help' or 'curl --manual' for more information");
      return Invocation.exit(2);
    }
    Future<Integer> external = external(inv, o, clientPod);
    if (external != null) {
      return external;
    }
    Target t;
    try {
      t = Target.parse(o.url);
    } catch (IllegalArgumentException e) {
      return error(
          inv,
          o,
          e.getMessage().startsWith("(") ? e.getMessage() : "(3) " + e.getMessage(),
          Integer.parseInt(
              e.getMessage().startsWith("(")
                  ? e.getMessage().substring(1, e.getMessage().indexOf(')'))
                  : "3"));
    }
    Inventory inventory = inv.ctx().config().current().inventory();
    Optional<Pod> from = inventory.podOrWorkload(clientPod);
    if (from.isEmpty()) {
      inv.eprintln("curl: client pod " + clientPod + " not found");
      return Invocation.exit(1);
    }
    Resolution r = resolve(inventory, t, from.get());
    if (r.error() != null) {
      return error(inv, o, r.error(), r.exitCode());
    }
    BookinfoMesh mesh = inv.ctx().dataPlane();
    if (mesh == null) {
      return error(
          inv,
          o,
          "(7) Failed to connect to "
              + t.host()
              + " port "
              + t.port()
              + ": the sandbox's mesh is not running",
          7);
    }
    inv.budget().countRequest();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", t.authority());
    headers.put("user-agent", USER_AGENT);
    headers.put("accept", "*/*");
    if (o.data != null) {
      // curl -d sends the data as a form unless told otherwise.
      headers.put("content-type", "application/x-www-form-urlencoded");
      headers.put(
          "content-length",
          Integer.toString(o.data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }
    o.headers.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    String method = o.method != null ? o.method : o.head ? "HEAD" : o.data != null ? "POST" : "GET";
    String fromName = r.viaIngress() ? INGRESS : from.get().name();
    // through a NodePort the gateway still serves its port 80 server
    int port = r.viaIngress() && t.host().equals(NODE_IP) ? 80 : t.port();
    // Envoy picks the virtual host by the Host header (curl -H "Host: ..."), not by the address
    // dialled.
    RouteRequest req =
        new RouteRequest(
            fromName, routeHost(t, headers.get("host")), port, method, t.pathAndQuery(), headers);
    if (o.verbose) {
      inv.eprintln("*   Trying " + r.ip() + ":" + t.port() + "...");
      inv.eprintln("* Connected to " + t.host() + " (" + r.ip() + ") port " + t.port() + " (#0)");
      inv.eprintln("> " + method + " " + t.pathAndQuery() + " HTTP/1.1");
      headers.forEach((k, v) -> inv.eprintln("> " + display(k) + ": " + v));
      inv.eprintln("> ");
    }
    long started = System.nanoTime();
    Future<MeshResponse> call;
    try {
      call = mesh.call(inv.ctx().mesh(), req, o.data);
    } catch (RuntimeException e) {
      return error(
          inv,
          o,
          "(7) Failed to connect to " + t.host() + " port " + t.port() + ": " + curlWording(e),
          7);
    }
    long capMs =
        o.maxTimeSeconds > 0
            ? Math.min(Math.round(o.maxTimeSeconds * 1000), MAX_WAIT_MS)
            : MAX_WAIT_MS;
    return withDeadline(inv, call, capMs)
        .transform(
            ar -> {
              if (ar.failed() && ar.cause() instanceof Deadline) {
                return error(
                    inv,
                    o,
                    "(28) Operation timed out after "
                        + capMs
                        + " milliseconds with 0 bytes received",
                    28);
              }
              if (ar.failed()) {
                return error(inv, o, "(56) Recv failure: " + curlWording(ar.cause()), 56);
              }
              MeshResponse resp = ar.result();
              if (resp.status() == 0 && Sidecar.CONNECTION_REFUSED.equals(resp.responseFlags())) {
                // From a pod outside the mesh: kube-proxy found no endpoint or port.
                return error(
                    inv,
                    o,
                    "(7) Failed to connect to "
                        + t.host()
                        + " port "
                        + t.port()
                        + ": Connection refused",
                    7);
              }
              double seconds =
                  resp.durationMs() > 0
                      ? resp.durationMs() / 1000.0
                      : (System.nanoTime() - started) / 1e9;
              if (o.maxTimeSeconds > 0 && seconds > o.maxTimeSeconds) {
                return error(
                    inv,
                    o,
                    String.format(
                        Locale.ROOT,
                        "(28) Operation timed out after %d milliseconds with 0 bytes " + "received",
                        Math.round(o.maxTimeSeconds * 1000)),
                    28);
              }
              return Future.succeededFuture(print(inv, o, t, r, method, resp, seconds, "HTTP/1.1"));
            });
  }

  /**
   * A request to a host outside the mesh (see {@link ExternalHosts}), or null when the URL names
   * something else: the simulated hosts answer per the mesh's egress settings, https to any other
   * name that is no service does not resolve.
   */
  private static Future<Integer> external(Invocation inv, Options o, String clientPod) {
    boolean tls = o.url.startsWith("https://");
    Target t;
    try {
      t = Target.parse(tls ? "http://" + o.url.substring(8) : o.url);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (tls && !t.explicitPort()) {
      t =
          new Target(
              "https://" + t.authority() + t.pathAndQuery(),
              t.host(),
              443,
              false,
              t.pathAndQuery());
    }
    dev.trafficlab.mesh.store.Snapshot snap = inv.ctx().config().current();
    Optional<Pod> from = snap.inventory().podOrWorkload(clientPod);
    if (from.isEmpty()) {
      return null;
    }
    if (!ExternalHosts.simulated(t.host())) {
      Resolution r = resolve(snap.inventory(), t, from.get());
      if (tls && r.exitCode() == 6) {
        return error(inv, o, r.error(), 6);
      }
      return null;
    }
    inv.budget().countRequest();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", t.authority());
    headers.put("user-agent", USER_AGENT);
    headers.put("accept", "*/*");
    o.headers.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    String method = o.method != null ? o.method : o.head ? "HEAD" : o.data != null ? "POST" : "GET";
    ExternalHosts.Answer a =
        ExternalHosts.answer(
            snap, from.get().name(), tls, t.host(), t.port(), method, t.pathAndQuery(), headers);
    if (a.error() != null) {
      return error(inv, o, a.error(), a.exitCode());
    }
    Target target = t;
    Resolution r = new Resolution("203.0.113.10", false, null, 0);
    long capMs =
        o.maxTimeSeconds > 0
            ? Math.min(Math.round(o.maxTimeSeconds * 1000), MAX_WAIT_MS)
            : MAX_WAIT_MS;
    io.vertx.core.Vertx vertx = inv.vertx();
    if (a.delayMs() <= 0 || vertx == null) {
      return Future.succeededFuture(
          print(inv, o, target, r, method, a.response(), 0.05, a.protocol()));
    }
    io.vertx.core.Promise<Integer> done = io.vertx.core.Promise.promise();
    long wait = Math.min(a.delayMs(), capMs);
    Runnable[] forget = {() -> {}};
    long timer =
        vertx.setTimer(
            wait,
            id -> {
              forget[0].run();
              if (wait < a.delayMs()) {
                error(
                        inv,
                        o,
                        "(28) Operation timed out after "
                            + wait
                            + " milliseconds with 0 bytes received",
                        28)
                    .onComplete(done);
              } else {
                done.tryComplete(
                    print(inv, o, target, r, method, a.response(), wait / 1000.0, a.protocol()));
              }
            });
    forget[0] = inv.onInterrupt(() -> vertx.cancelTimer(timer));
    return done.future();
  }

  /** The host Envoy routes by: the Host header's name when -H set one, else the URL's host. */
  static String routeHost(Target t, String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank() || hostHeader.equals(t.authority())) {
      return t.host();
    }
    String h = hostHeader.trim();
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    return h;
  }

  /** The longest a curl waits for the mesh, whatever --max-time says. */
  public static final long MAX_WAIT_MS = 60_000;

  private static final class Deadline extends RuntimeException {
    Deadline() {
      super(null, null, false, false);
    }
  }

  /**
   * The call, or a Deadline failure when it takes longer than ms (a Vert.x timer; no thread waits).
   */
  private static Future<MeshResponse> withDeadline(
      Invocation inv, Future<MeshResponse> call, long ms) {
    io.vertx.core.Vertx vertx = inv.vertx();
    if (vertx == null) {
      return call;
    }
    io.vertx.core.Promise<MeshResponse> p = io.vertx.core.Promise.promise();
    long timer = vertx.setTimer(ms, id -> p.tryFail(new Deadline()));
    // Ctrl+C: the shell stops waiting for the call; its deadline timer goes at once
    Runnable forget = inv.onInterrupt(() -> vertx.cancelTimer(timer));
    call.onComplete(
        ar -> {
          forget.run();
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            p.tryComplete(ar.result());
          } else {
            p.tryFail(ar.cause());
          }
        });
    return p.future();
  }

  private static int print(
      Invocation inv,
      Options o,
      Target t,
      Resolution r,
      String method,
      MeshResponse resp,
      double seconds,
      String protocol) {
    String body = resp.body() == null || method.equals("HEAD") ? "" : resp.body();
    StringBuilder head = new StringBuilder();
    head.append(protocol).append(' ').append(resp.status());
    if (!protocol.equals("HTTP/2")) {
      head.append(' ').append(Reasons.phrase(resp.status()));
    }
    head.append('\n');
    if (resp.headers() != null) {
      resp.headers()
          .forEach(
              (k, v) ->
                  head.append(k.toLowerCase(Locale.ROOT)).append(": ").append(v).append('\n'));
    }
    head.append('\n');
    if (o.verbose) {
      head.toString().lines().forEach(l -> inv.eprintln("< " + l));
    }
    if (o.fail && resp.status() >= 400) {
      if (!o.silent || o.showError) {
        inv.eprintln(
            "curl: (22) The requested URL returned error: "
                + resp.status()
                + " "
                + Reasons.phrase(resp.status()));
      }
      return 22;
    }
    StringBuilder shown = new StringBuilder();
    if (o.include || o.head) {
      shown.append(head);
    }
    shown.append(body);
    if (o.output != null && !o.output.equals("-")) {
      if (!o.output.equals("/dev/null")) {
        try {
          inv.files().write(inv.resolve(o.output), shown.toString());
        } catch (FilesException e) {
          inv.eprintln("curl: (23) Failed writing body (" + o.output + ": " + e.getMessage() + ")");
          return 23;
        }
      }
    } else {
      inv.print(shown.toString());
    }
    if (o.writeOut != null) {
      inv.print(writeOut(o.writeOut, resp, t, r, seconds, body));
    }
    if (o.verbose) {
      inv.eprintln("* Connection #0 to host " + t.host() + " left intact");
    }
    return 0;
  }

  private static String writeOut(
      String fmt, MeshResponse resp, Target t, Resolution r, double seconds, String body) {
    String ct =
        resp.headers() == null
            ? ""
            : resp.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    String s = fmt;
    s =
        s.replace("%{http_code}", String.format("%03d", resp.status()))
            .replace("%{response_code}", String.format("%03d", resp.status()))
            .replace("%{time_total}", String.format(Locale.ROOT, "%.6f", seconds))
            .replace(
                "%{size_download}",
                String.valueOf(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length))
            .replace("%{url_effective}", t.url())
            .replace("%{content_type}", ct)
            .replace("%{remote_ip}", r.ip())
            .replace("%{remote_port}", String.valueOf(t.port()))
            .replace("%{method}", "GET");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Future<Integer> error(Invocation inv, Options o, String message, int code) {
    if (!o.silent || o.showError) {
      inv.eprintln("curl: " + message);
    }
    return Invocation.exit(code);
  }

  private static String display(String header) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char c : header.toCharArray()) {
      sb.append(up ? Character.toUpperCase(c) : c);
      up = c == '-';
    }
    return sb.toString();
  }

  static Options parse(List<String> args) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        switch (name) {
          case "--silent" -> o.silent = true;
          case "--show-error" -> o.showError = true;
          case "--include" -> o.include = true;
          case "--head" -> o.head = true;
          case "--verbose" -> o.verbose = true;
          case "--fail" -> o.fail = true;
          case "--location", "--insecure", "--compressed", "--no-progress-meter", "--http1.1" -> {}
          case "--output",
              "--write-out",
              "--header",
              "--request",
              "--data",
              "--data-raw",
              "--data-binary",
              "--max-time",
              "--connect-timeout",
              "--user-agent",
              "--cookie",
              "--retry" -> {
            if (value == null) {
              if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + name + ": requires parameter");
              }
              value = args.get(++i);
            }
            longValue(o, name, value);
          }
          default -> throw new IllegalArgumentException("option " + a + ": is unknown");
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int j = 1; j < a.length(); j++) {
          char c = a.charAt(j);
          String valueName =
              switch (c) {
                case 'o' -> "--output";
                case 'w' -> "--write-out";
                case 'H' -> "--header";
                case 'X' -> "--request";
                case 'd' -> "--data";
                case 'm' -> "--max-time";
                case 'A' -> "--user-agent";
                case 'b' -> "--cookie";
                default -> null;
              };
          if (valueName != null) {
            String rest = a.substring(j + 1);
            String value;
            if (!rest.isEmpty()) {
              value = rest;
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              throw new IllegalArgumentException("option -" + c + ": requires parameter");
            }
            longValue(o, valueName, value);
            break;
          }
          switch (c) {
            case 's' -> o.silent = true;
            case 'S' -> o.showError = true;
            case 'i' -> o.include = true;
            case 'I' -> o.head = true;
            case 'v' -> o.verbose = true;
            case 'f' -> o.fail = true;
            case 'L', 'k', 'N', '4', '6' -> {}
            default -> throw new IllegalArgumentException("option -" + c + ": is unknown");
          }
        }
      } else if (o.url == null) {
        o.url = a;
      } else {
        throw new IllegalArgumentException(
            "the lab's curl takes one URL at a time (got " + o.url + " and " + a + ")");
      }
    }
    return o;
  }

  private static void longValue(Options o, String name, String value) {
    switch (name) {
      case "--output" -> o.output = value;
      case "--write-out" -> o.writeOut = value;
      case "--header" -> {
        int colon = value.indexOf(':');
        if (colon > 0) {
          o.headers.put(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
        }
      }
      case "--request" -> o.method = value;
      case "--data", "--data-raw", "--data-binary" -> o.data = value;
      case "--max-time" -> {
        try {
          o.maxTimeSeconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "option --max-time: expected a proper numerical parameter");
        }
      }
      case "--user-agent" -> o.headers.put("user-agent", value);
      case "--cookie" -> o.headers.put("cookie", value);
      default -> {}
    }
  }

  /** Where a host name leads from a client pod. */
  record Resolution(String ip, boolean viaIngress, String error, int exitCode) {}

  static Resolution resolve(Inventory inventory, Target t, Pod from) {
    String host = t.host().toLowerCase(Locale.ROOT);
    for (Service s : inventory.services()) {
      if (!names(s, from.namespace()).contains(host) && !host.equals(s.clusterIp())) {
        continue;
      }
      boolean ingress = s.name().equals(INGRESS);
      boolean portOk = s.ports().stream().anyMatch(p -> p.port() == t.port());
      if (!portOk || s.name().equals("istiod")) {
        return new Resolution(
            s.clusterIp(),
            false,
            "(7) Failed to connect to " + t.host() + " port " + t.port() + ": Connection refused",
            7);
      }
      if (s.ports().stream().anyMatch(p -> p.port() == t.port() && TcpPorts.isTcp(p.name()))) {
        return new Resolution(s.clusterIp(), false, TcpPorts.message(s.name(), t.port()), 52);
      }
      if (ingress && t.port() != 80) {
        return new Resolution(
            s.clusterIp(),
            true,
            "(7) Failed to connect to " + t.host() + " port " + t.port() + ": Connection refused",
            7);
      }
      return new Resolution(s.clusterIp(), ingress, null, 0);
    }
    if (host.equals(NODE_IP)) {
      // the node's IP with the ingress gateway's http2 NodePort: how Istio's docs reach the ingress
      // on minikube
      for (Service s : inventory.services()) {
        if (s.name().equals(INGRESS)) {
          for (Service.Port p : s.ports()) {
            if (p.name().equals("http2") && p.nodePort() == t.port()) {
              return new Resolution(NODE_IP, true, null, 0);
            }
          }
        }
      }
      return new Resolution(
          NODE_IP,
          false,
          "(7) Failed to connect to " + t.host() + " port " + t.port() + ": Connection refused",
          7);
    }
    if (host.equals("localhost") || host.equals("127.0.0.1")) {
      return new Resolution(
          "127.0.0.1",
          false,
          "(7) Failed to connect to " + t.host() + " port " + t.port() + ": Connection refused",
          7);
    }
    return new Resolution(null, false, "(6) Could not resolve host: " + t.host(), 6);
  }

  /** The DNS names a pod in {@code clientNs} can use for a service. */
  private static List<String> names(Service s, String clientNs) {
    String ns = s.namespace();
    List<String> full = List.of(s.name() + "." + ns, s.name() + "." + ns + ".svc", s.fqdn());
    if (ns.equals(clientNs)) {
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(s.name()), full.stream())
          .toList();
    }
    return full;
  }

  /**
   * A failure as curl words it: the cause's own message, unless it is the JVM's (a class name, heap
   * space...).
   */
  private static String curlWording(Throwable cause) {
    String m = cause.getMessage();
    if (m == null
        || cause instanceof Error
        || m.contains("Exception")
        || m.contains("java.")
        || m.contains("io.netty")
        || m.contains("io.vertx")) {
      return "Connection reset by peer";
    }
    return m;
  }
}
