package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.images.FlaskJson;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * httpbin (kennethreitz/httpbin 0.9.2 on gunicorn 19.9.0): the endpoints Istio's tasks call, with
 * httpbin's JSON shapes and its gunicorn access log. /delay waits on a Vert.x timer.
 */
final class HttpBin implements Workload {
  static final String SERVER = "gunicorn/19.9.0";
  static final int MAX_DELAY_S = 10;

  /** Headers httpbin hides unless asked (helpers.ENV_HEADERS), lower case. */
  private static final Set<String> ENV_HEADERS =
      Set.of(
          "x-varnish",
          "x-request-start",
          "x-heroku-queue-depth",
          "x-real-ip",
          "x-forwarded-proto",
          "x-forwarded-protocol",
          "x-forwarded-ssl",
          "x-heroku-queue-wait-time",
          "x-forwarded-for",
          "x-heroku-dynos-in-use",
          "x-forwarded-port",
          "x-request-id",
          "via",
          "total-route-time",
          "connect-time");

  private static final Set<HttpMethod> ANY =
      Set.of(
          HttpMethod.GET,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.PATCH,
          HttpMethod.TRACE,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS);

  private static final DateTimeFormatter ACCESS_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

  /** HTTP's IMF-fixdate (two-digit day, unlike RFC_1123_DATE_TIME). */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  static final String NOT_FOUND =
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<title>404 Not Found</title>\n"
          + "<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered"
          + " the URL manually please check your spelling and try again.</p>\n";

  static final String METHOD_NOT_ALLOWED =
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
          + "<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
          + "<p>The method is not allowed for the requested URL.</p>\n";

  static final String SERVER_ERROR =
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
          + "<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n"
          + "<p>The server encountered an internal error and was unable to complete your request."
          + "  Either the server is overloaded or there is an error in the application.</p>\n";

  /** What one request costs httpbin before it answers (a timer, no thread waits). */
  static final long SERVICE_MS = 2;

  private final Vertx vertx;

  HttpBin(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(Inbound in) {
    HttpServerRequest req = in.request();
    req.body()
        .onComplete(
            ar -> {
              String body = ar.succeeded() && ar.result() != null ? ar.result().toString() : "";
              // gunicorn's sync worker and the pod's inbound sidecar take a few milliseconds per
              // request; without them a client's requests would never overlap (circuit breaking).
              vertx.setTimer(SERVICE_MS, id -> serve(in, body));
            });
  }

  private void serve(Inbound in, String body) {
    String path = in.path();
    HttpMethod m = in.request().method();
    if (path.equals("/headers")) {
      only(in, m, Set.of(HttpMethod.GET), () -> json(in, Map.of("headers", headers(in))));
    } else if (path.equals("/ip")) {
      only(in, m, Set.of(HttpMethod.GET), () -> json(in, Map.of("origin", origin(in))));
    } else if (path.equals("/user-agent")) {
      only(
          in,
          m,
          Set.of(HttpMethod.GET),
          () -> {
            Map<String, Object> ua = new LinkedHashMap<>();
            ua.put("user-agent", AppHeaders.of(in).get("user-agent"));
            json(in, ua);
          });
    } else if (path.equals("/get")) {
      only(in, m, Set.of(HttpMethod.GET), () -> json(in, request(in, body, false, false)));
    } else if (path.equals("/anything") || path.startsWith("/anything/")) {
      only(in, m, ANY, () -> json(in, request(in, body, true, true)));
    } else if (path.startsWith("/status/") && path.length() > "/status/".length()) {
      only(in, m, ANY, () -> status(in, path.substring("/status/".length())));
    } else if (path.startsWith("/delay/") && path.length() > "/delay/".length()) {
      only(in, m, ANY, () -> delay(in, path.substring("/delay/".length()), body));
    } else if (path.equals("/")) {
      send(
          in,
          200,
          "text/html; charset=utf-8",
          "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>httpbin.org</title></head>\n"
              + "<body><h2>httpbin.org</h2><p>A simple HTTP Request &amp; Response Service."
              + "</p></body>\n</html>\n");
    } else {
      send(in, 404, "text/html", NOT_FOUND);
    }
  }

  private static void only(Inbound in, HttpMethod m, Set<HttpMethod> allowed, Runnable action) {
    if (allowed.contains(m) || (m == HttpMethod.HEAD && allowed.contains(HttpMethod.GET))) {
      action.run();
    } else if (m == HttpMethod.OPTIONS) {
      send(in, 200, "text/html; charset=utf-8", "");
    } else {
      send(in, 405, "text/html", METHOD_NOT_ALLOWED);
    }
  }

  /** httpbin's get_dict for /get (url, args, headers, origin) or /anything (all of it). */
  private static Map<String, Object> request(
      Inbound in, String body, boolean withBody, boolean withMethod) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("args", args(in.request()));
    d.put("headers", headers(in));
    d.put("origin", origin(in));
    d.put("url", url(in));
    if (withBody) {
      d.put("data", body);
      d.put("files", Map.of());
      d.put("form", form(in, body));
      d.put("json", jsonOf(body));
    }
    if (withMethod) {
      d.put("method", in.request().method().name());
    }
    return d;
  }

  private void delay(Inbound in, String raw, String body) {
    double seconds;
    try {
      seconds = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      send(in, 500, "text/html", SERVER_ERROR);
      return;
    }
    if (seconds < 0 || Double.isNaN(seconds)) {
      send(in, 500, "text/html", SERVER_ERROR);
      return;
    }
    long ms = Math.round(Math.min(seconds, MAX_DELAY_S) * 1000);
    Runnable answer =
        () -> {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("args", args(in.request()));
          d.put("data", body);
          d.put("files", Map.of());
          d.put("form", form(in, body));
          d.put("headers", headers(in));
          d.put("origin", origin(in));
          d.put("url", url(in));
          json(in, d);
        };
    if (ms <= 0) {
      answer.run();
    } else {
      vertx.setTimer(ms, id -> answer.run());
    }
  }

  private static void status(Inbound in, String codes) {
    Integer code = pickCode(codes, ThreadLocalRandom.current().nextDouble());
    if (code == null) {
      send(in, 400, "text/html; charset=utf-8", "Invalid status code");
      return;
    }
    HttpServerResponse r = in.request().response();
    String body = "";
    switch (code) {
      case 301, 302, 303, 305, 307 -> r.putHeader("location", "/redirect/1");
      case 401 -> r.putHeader("www-authenticate", "Basic realm=\"Fake Realm\"");
      case 407 -> r.putHeader("proxy-authenticate", "Basic realm=\"Fake Realm\"");
      case 418 -> {
        r.putHeader("x-more-info", "http://tools.ietf.org/html/rfc2324");
        body = "\n    -=[ teapot ]=-\n";
      }
      default -> {}
    }
    send(in, code, "text/html; charset=utf-8", body);
  }

  /**
   * httpbin's /status/{codes}: one code, or a weighted choice among "code:weight" items (weight 1
   * when left out), picked with {@code random} in [0, 1) as Python's weighted_choice does; null
   * when a code or weight does not parse (httpbin's 400 "Invalid status code").
   */
  static Integer pickCode(String codes, double random) {
    if (!codes.contains(",")) {
      Integer one = intOf(codes);
      return one == null || one < 100 || one > 599 ? null : one;
    }
    List<Integer> values = new ArrayList<>();
    List<Double> cumulative = new ArrayList<>();
    double total = 0;
    for (String choice : codes.split(",", -1)) {
      String code = choice;
      double weight = 1;
      int colon = choice.indexOf(':');
      if (colon >= 0) {
        code = choice.substring(0, colon);
        try {
          weight = Double.parseDouble(choice.substring(colon + 1));
        } catch (NumberFormatException e) {
          return null;
        }
      }
      Integer c = intOf(code);
      if (c == null || c < 100 || c > 599) {
        return null;
      }
      total += weight;
      values.add(c);
      cumulative.add(total);
    }
    double x = random * total;
    for (int i = 0; i < values.size(); i++) {
      if (x < cumulative.get(i)) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }

  private static Integer intOf(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The headers as httpbin prints them: Werkzeug's Title-Case names, environment ones hidden. */
  static Map<String, Object> headers(Inbound in) {
    Map<String, Object> out = new TreeMap<>();
    MultiMap h = AppHeaders.of(in);
    for (String name : h.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (ENV_HEADERS.contains(lower) || labPrefix(lower, h.get(name))) {
        continue;
      }
      out.put(WerkzeugHeaderNames.titleCase(lower), String.join(",", h.getAll(name)));
    }
    return out;
  }

  /**
   * The lab's browser entrance tells Bookinfo's product page where its links live with
   * x-forwarded-prefix: /bookinfo/KEY. A browser behind a real gateway sends no such header, so
   * httpbin does not show it (one a client set itself is shown).
   */
  private static boolean labPrefix(String lower, String value) {
    return lower.equals(ProductPage.PREFIX_HEADER)
        && value != null
        && value.startsWith("/bookinfo/");
  }

  private static String origin(Inbound in) {
    String xff = in.request().getHeader("x-forwarded-for");
    if (xff != null) {
      return xff;
    }
    // Behind its own sidecar the app is reached from 127.0.0.1; without one, from the caller.
    if (in.pod().sidecar() || in.caller() == null) {
      return "127.0.0.1";
    }
    return in.caller().ip();
  }

  private static String url(Inbound in) {
    HttpServerRequest r = in.request();
    String proto = r.getHeader("x-forwarded-proto");
    String host = r.getHeader("host");
    return (proto == null ? "http" : proto) + "://" + (host == null ? "" : host) + r.uri();
  }

  private static Map<String, Object> args(HttpServerRequest r) {
    Map<String, Object> args = new TreeMap<>();
    MultiMap params = r.params();
    for (String n : params.names()) {
      List<String> all = params.getAll(n);
      args.put(n, all.size() == 1 ? all.get(0) : List.copyOf(all));
    }
    return args;
  }

  private static Map<String, Object> form(Inbound in, String body) {
    String ct = in.request().getHeader("content-type");
    Map<String, Object> form = new TreeMap<>();
    if (ct == null || !ct.startsWith("application/x-www-form-urlencoded") || body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      form.put(k, v);
    }
    return form;
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static Object jsonOf(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return new io.vertx.core.json.JsonObject(body).getMap();
    } catch (RuntimeException e) {
      try {
        return new io.vertx.core.json.JsonArray(body).getList();
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }

  private static void json(Inbound in, Map<String, Object> body) {
    send(in, 200, "application/json", FlaskJson.dumps(body));
  }

  private static void send(Inbound in, int status, String contentType, String body) {
    HttpServerResponse r = in.request().response();
    if (r.ended() || r.closed()) {
      return;
    }
    boolean head = in.request().method() == HttpMethod.HEAD;
    r.setStatusCode(status)
        .putHeader("server", SERVER)
        .putHeader("date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .putHeader("content-type", contentType)
        .putHeader("access-control-allow-origin", originHeader(in))
        .putHeader("access-control-allow-credentials", "true");
    int length = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (head) {
      r.putHeader("content-length", Integer.toString(length)).end();
    } else {
      r.end(body);
    }
    in.log(accessLine(in, status, length));
  }

  private static String originHeader(Inbound in) {
    String o = in.request().getHeader("origin");
    return o == null ? "*" : o;
  }

  /**
   * gunicorn's default access log format: %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s"
   * "%(a)s".
   */
  static String accessLine(Inbound in, int status, int length) {
    HttpServerRequest r = in.request();
    String remote = in.pod().sidecar() || in.caller() == null ? "127.0.0.1" : in.caller().ip();
    String referer = r.getHeader("referer");
    String ua = r.getHeader("user-agent");
    return remote
        + " - - ["
        + ACCESS_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
        + "] \""
        + r.method().name()
        + " "
        + r.uri()
        + " HTTP/1.1\" "
        + status
        + " "
        + length
        + " \""
        + (referer == null ? "-" : referer)
        + "\" \""
        + (ua == null ? "-" : ua)
        + "\"";
  }
}
