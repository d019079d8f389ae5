package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.routing.RouteRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a check asks the route resolver about: what a Bookinfo workload sends to a service,
 * optionally on behalf of a signed-in user (productpage adds the end-user header only then, and
 * reviews forwards it).
 */
record Probe(String service, String user, String from, String path) {

  static Probe of(String service, String user, String from, String path) {
    return new Probe(
        service,
        user,
        from == null ? defaultCaller(service) : from,
        path == null ? defaultPath(service) : path);
  }

  /**
   * The workload that really calls each service, so rules limited by sourceLabels are honoured.
   * Mesh VirtualServices never route ingress traffic, so productpage is asked about as an in-mesh
   * client sees it.
   */
  static String defaultCaller(String service) {
    return switch (service) {
      case "ratings" -> "reviews-v2";
      case "productpage" -> "details-v1";
      default -> "productpage-v1";
    };
  }

  static String defaultPath(String service) {
    return switch (service) {
      case "productpage" -> "/productpage";
      default -> "/" + service + "/0";
    };
  }

  RouteRequest request() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (user != null) {
      headers.put("end-user", user);
    }
    return new RouteRequest(from, service, 9080, "GET", path, headers);
  }
}
