package dev.trafficlab.server.api;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.server.http.HttpError;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the request description shared by routes/explain and requests:
 * {"from","host","port","method","path", "headers"}. Every wrong field is a 400 that names it.
 */
final class RouteRequests {
  static final String INGRESS = "istio-ingressgateway";
  static final List<String> FIELDS = List.of("from", "host", "port", "method", "path", "headers");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
  private static final int MAX_HEADERS = 64;
  private static final int MAX_TEXT = 8192;

  private RouteRequests() {}

  static RouteRequest parse(JsonObject body, Inventory inventory, List<String> extraFields) {
    List<String> allowed = new ArrayList<>(FIELDS);
    allowed.addAll(extraFields);
    RequestBodies.onlyFields(body, Set.copyOf(allowed), allowed);

    String from = requiredString(body, "from");
    Optional<Pod> caller = inventory.podOrWorkload(from);
    if (caller.isEmpty()) {
      String examples =
          inventory.pods().stream()
              .map(Pod::workload)
              .distinct()
              .sorted()
              .collect(Collectors.joining(", "));
      throw HttpError.badRequest(
          "unknown workload \""
              + ApiRouter.shorten(from)
              + "\" in \"from\": name a pod or "
              + "deployment of the sandbox ("
              + examples
              + ")");
    }
    String host = requiredString(body, "host");
    if (host.length() > 253
        || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#')) {
      throw HttpError.badRequest(
          "\"host\" must be a host name with an optional :port, got \""
              + ApiRouter.shorten(host)
              + "\"");
    }
    Integer port = port(body);
    String method = optionalString(body, "method", "GET").toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches()) {
      throw HttpError.badRequest(
          "\"method\" must be an HTTP method such as GET, got \""
              + ApiRouter.shorten(method)
              + "\"");
    }
    String path = optionalString(body, "path", "/");
    if (!path.startsWith("/")
        || path.length() > MAX_TEXT
        || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
      throw HttpError.badRequest(
          "\"path\" must start with / and hold no spaces or control characters, got \""
              + ApiRouter.shorten(path)
              + "\"");
    }
    Map<String, String> headers = headers(body);
    if (port == null && host.indexOf(':') < 0) {
      port = defaultPort(inventory, caller.get(), host);
    }
    return new RouteRequest(from, host, port, method, path, headers);
  }

  /**
   * The port to use when none was given: the ingress gateway's HTTP port for ingress traffic, the
   * port of a single-port service, 400 for a service with several, null for a host that is no
   * service (passthrough).
   */
  private static Integer defaultPort(Inventory inventory, Pod caller, String host) {
    if (caller.workload().equals(INGRESS)) {
      return 80;
    }
    Optional<Service> service = service(inventory, caller.namespace(), host);
    if (service.isEmpty()) {
      return null;
    }
    if (service.get().ports().size() == 1) {
      return service.get().ports().get(0).port();
    }
    if (service.get().ports().size() > 1) {
      throw HttpError.badRequest(
          "\"port\" is required: service "
              + service.get().name()
              + " has ports "
              + service.get().ports().stream()
                  .map(p -> Integer.toString(p.port()))
                  .collect(Collectors.joining(", ")));
    }
    return null;
  }

  /** The service a host names as seen from a namespace (short name, name.ns, name.ns.svc, FQDN). */
  static Optional<Service> service(Inventory inventory, String callerNamespace, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    String[] parts = h.split("\\.");
    if (parts.length == 1) {
      return inventory.service(callerNamespace, parts[0]);
    }
    String rest = h.substring(parts[0].length() + 1 + parts[1].length());
    if (rest.isEmpty()
        || rest.equals(".svc")
        || rest.equals(".svc.cluster")
        || rest.equals(".svc.cluster.local")) {
      return inventory.service(parts[1], parts[0]);
    }
    return Optional.empty();
  }

  private static Integer port(JsonObject body) {
    if (!body.containsKey("port") || body.getValue("port") == null) {
      return null;
    }
    Object value = body.getValue("port");
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > 65535) {
      throw HttpError.badRequest(
          "\"port\" must be a whole number from 1 to 65535, got "
              + ApiRouter.shorten(String.valueOf(value)));
    }
    return ((Number) value).intValue();
  }

  private static Map<String, String> headers(JsonObject body) {
    Object value = body.getValue("headers");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      throw HttpError.badRequest("\"headers\" must be an object of header names to string values");
    }
    if (object.size() > MAX_HEADERS) {
      throw HttpError.badRequest("\"headers\" may hold at most " + MAX_HEADERS + " headers");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object) {
      if (!HEADER_NAME.matcher(e.getKey()).matches()) {
        throw HttpError.badRequest("invalid header name \"" + ApiRouter.shorten(e.getKey()) + "\"");
      }
      if (!(e.getValue() instanceof String s)) {
        throw HttpError.badRequest("header \"" + e.getKey() + "\" must have a string value");
      }
      if (s.length() > MAX_TEXT || s.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw HttpError.badRequest(
            "header \"" + e.getKey() + "\" has a value that is too long or holds a line break");
      }
      headers.put(e.getKey(), s);
    }
    return headers;
  }

  private static String requiredString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw HttpError.badRequest("\"" + field + "\" is required and must be a non-empty string");
    }
    return s.trim();
  }

  private static String optionalString(JsonObject body, String field, String fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw HttpError.badRequest("\"" + field + "\" must be a string");
    }
    return s.isEmpty() ? fallback : s;
  }
}
