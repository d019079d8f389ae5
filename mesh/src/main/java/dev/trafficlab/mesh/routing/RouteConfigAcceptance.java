package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.Headers;
import dev.trafficlab.mesh.regex.Re2ProgramSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Envoy of Istio 1.8.1 (1.16) refuses in a route configuration that istiod's validation
 * let through: a regex whose RE2 program is larger than re2.max_program_size.error_level (1024 in
 * the sidecar bootstrap), a header name or value with NUL, CR or LF (the proto's
 * HTTP_HEADER_NAME/VALUE rules), a header operation on a ":"-prefixed name, or the removal of one
 * or of host. Envoy refuses the whole RouteConfiguration of that port and keeps the one it had: so
 * does {@link #keepPrevious}.
 */
final class RouteConfigAcceptance {
  private static final String HEADER_RULE =
      "value does not match regex pattern \\\"^[^\\\\x00\\\\n\\\\r]*$\\\"";

  private RouteConfigAcceptance() {}

  /**
   * The proxies as Envoy ends up with them: every port whose new table Envoy would refuse keeps the
   * table of {@code previous} (or has none when there was none), and the refusals are recorded by
   * pod name.
   */
  static Map<String, CompiledProxy> keepPrevious(
      Map<String, CompiledProxy> compiled,
      RouteTable previous,
      Map<String, List<RejectedRouteConfig>> rejections) {
    Map<VirtualHostTable, String> verdicts = new IdentityHashMap<>();
    Map<CompiledProxy, CompiledProxy> replaced = new IdentityHashMap<>();
    Map<String, CompiledProxy> out = new HashMap<>();
    for (Map.Entry<String, CompiledProxy> e : compiled.entrySet()) {
      CompiledProxy cp = e.getValue();
      CompiledProxy effective =
          replaced.computeIfAbsent(cp, p -> effective(p, previous, verdicts, rejections));
      out.put(e.getKey(), effective);
    }
    return out;
  }

  private static CompiledProxy effective(
      CompiledProxy p,
      RouteTable previous,
      Map<VirtualHostTable, String> verdicts,
      Map<String, List<RejectedRouteConfig>> rejections) {
    List<RejectedRouteConfig> refused = new ArrayList<>();
    Map<Integer, VirtualHostTable> tables = new LinkedHashMap<>();
    for (Map.Entry<Integer, VirtualHostTable> t : p.byPort().entrySet()) {
      String problem = verdicts.computeIfAbsent(t.getValue(), RouteConfigAcceptance::rejection);
      if (problem.isEmpty()) {
        tables.put(t.getKey(), t.getValue());
        continue;
      }
      refused.add(new RejectedRouteConfig(t.getValue().name, problem));
      VirtualHostTable kept =
          previous == null ? null : previous.effectiveTable(p.pod().name(), t.getKey());
      if (kept != null) {
        tables.put(t.getKey(), kept);
      }
    }
    if (refused.isEmpty()) {
      return p;
    }
    rejections.put(p.pod().name(), List.copyOf(refused));
    return new CompiledProxy(p.pod(), p.gateway(), tables, p.portless());
  }

  /** Envoy's reason to refuse this route configuration, or "" when it accepts it. */
  static String rejection(VirtualHostTable table) {
    String proto = protoViolation(table);
    if (proto != null) {
      return "Proto constraint validation failed (RouteConfigurationValidationError." + proto + ")";
    }
    for (VirtualHostTable.VHost v : table.virtualHosts) {
      for (CompiledRoute r : v.routes()) {
        String problem = routeProblem(r.view());
        if (problem != null) {
          return problem;
        }
      }
    }
    return "";
  }

  private static String routeProblem(ProxyConfig.Route route) {
    ProxyConfig.RouteMatch m = route.match();
    if (m != null) {
      for (ProxyConfig.HeaderMatch h : m.headers()) {
        if ("regex".equals(h.type())) {
          String tooBig = programSize(h.value());
          if (tooBig != null) {
            return tooBig;
          }
        }
      }
      String tooBig = m.regex() == null ? null : programSize(m.regex());
      if (tooBig != null) {
        return tooBig;
      }
      for (ProxyConfig.QueryParameterMatch q : m.queryParameters()) {
        tooBig = "regex".equals(q.type()) ? programSize(q.value()) : null;
        if (tooBig != null) {
          return tooBig;
        }
      }
    }
    Decision d = route.action();
    if (d == null) {
      return null;
    }
    String problem = operations(d.headers());
    for (ClusterTarget t : d.destinations()) {
      problem = problem != null ? problem : operations(t.headers());
    }
    return problem != null ? problem : corsOrigins(d.corsPolicy());
  }

  private static String corsOrigins(Map<String, Object> cors) {
    if (cors != null && cors.get("allowOrigins") instanceof List<?> origins) {
      for (Object o : origins) {
        if (o instanceof Map<?, ?> sm && sm.get("regex") instanceof String re) {
          String tooBig = programSize(re);
          if (tooBig != null) {
            return tooBig;
          }
        }
      }
    }
    return null;
  }

  /**
   * Envoy's message for a regex over the error level; the size is the estimate, no program is
   * built.
   */
  private static String programSize(String regex) {
    if (regex == null) {
      return null;
    }
    long size = Re2ProgramSize.of(regex);
    if (size <= Re2ProgramSize.ENVOY_ERROR_LEVEL) {
      return null;
    }
    return "regex '"
        + regex
        + "' RE2 program size of "
        + size
        + " > max program size of "
        + Re2ProgramSize.ENVOY_ERROR_LEVEL
        + " set for the error level threshold. Increase configured max program "
        + "size if necessary.";
  }

  /** HeaderParser::configure of Envoy 1.16. */
  private static String operations(Headers h) {
    if (h == null) {
      return null;
    }
    for (Headers.Operations ops : new Headers.Operations[] {h.request(), h.response()}) {
      if (ops == null) {
        continue;
      }
      for (String name : ops.set().keySet()) {
        if (name.startsWith(":")) {
          return ":-prefixed headers may not be modified";
        }
      }
      for (String name : ops.add().keySet()) {
        if (name.startsWith(":")) {
          return ":-prefixed headers may not be modified";
        }
      }
      for (String name : ops.remove()) {
        if (name.startsWith(":") || name.equalsIgnoreCase("host")) {
          return ":-prefixed or host headers may not be removed";
        }
      }
    }
    return null;
  }

  /**
   * The first NUL, CR or LF in a header operation, as protoc-gen-validate words its chain of
   * causes.
   */
  private static String protoViolation(VirtualHostTable table) {
    for (int v = 0; v < table.virtualHosts.size(); v++) {
      CompiledRoute[] routes = table.virtualHosts.get(v).routes();
      for (int r = 0; r < routes.length; r++) {
        Decision d = routes[r].view().action();
        if (d == null) {
          continue;
        }
        String where =
            "VirtualHosts["
                + v
                + "]: [\"embedded message failed validation\"] | caused by "
                + "VirtualHostValidationError.Routes["
                + r
                + "]: [\"embedded message failed validation\"] | caused by ";
        String bad = headerBytes(d.headers(), "RouteValidationError.");
        if (bad != null) {
          return where + bad;
        }
        for (int c = 0; c < d.destinations().size(); c++) {
          bad =
              headerBytes(
                  d.destinations().get(c).headers(),
                  "WeightedCluster_ClusterWeightValidationError.");
          if (bad != null) {
            return where
                + "RouteValidationError.Route: [\"embedded message failed validation\"] | caused by "
                + "RouteActionValidationError.WeightedClusters: [\"embedded message failed validation\"] | caused by "
                + "WeightedClusterValidationError.Clusters["
                + c
                + "]: [\"embedded message failed validation\"] | "
                + "caused by "
                + bad;
          }
        }
      }
    }
    return null;
  }

  private static String headerBytes(Headers h, String owner) {
    if (h == null) {
      return null;
    }
    String[] sides = {"Request", "Response"};
    Headers.Operations[] ops = {h.request(), h.response()};
    for (int s = 0; s < 2; s++) {
      if (ops[s] == null) {
        continue;
      }
      // istiod writes the set operations first, then the add ones, each sorted by name.
      List<Map.Entry<String, String>> toAdd =
          new ArrayList<>(new java.util.TreeMap<>(ops[s].set()).entrySet());
      toAdd.addAll(new java.util.TreeMap<>(ops[s].add()).entrySet());
      for (int i = 0; i < toAdd.size(); i++) {
        String field =
            badBytes(toAdd.get(i).getKey())
                ? "Key"
                : badBytes(toAdd.get(i).getValue()) ? "Value" : null;
        if (field != null) {
          return owner
              + sides[s]
              + "HeadersToAdd["
              + i
              + "]: [\"embedded message failed validation\"] | caused by "
              + "HeaderValueOptionValidationError.Header: [\"embedded message failed validation\"] | caused by "
              + "HeaderValueValidationError."
              + field
              + ": [\""
              + HEADER_RULE
              + "\"]";
        }
      }
      for (int i = 0; i < ops[s].remove().size(); i++) {
        if (badBytes(ops[s].remove().get(i))) {
          return owner + sides[s] + "HeadersToRemove[" + i + "]: [\"" + HEADER_RULE + "\"]";
        }
      }
    }
    return null;
  }

  private static boolean badBytes(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
