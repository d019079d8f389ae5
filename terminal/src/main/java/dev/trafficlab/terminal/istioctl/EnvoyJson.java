package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.FaultPolicy;
import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.mesh.routing.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Envoy's JSON shapes (proto field order, camelCase) for istioctl proxy-config -o json. */
final class EnvoyJson {
  private EnvoyJson() {}

  static List<Object> routes(List<ProxyConfig.RouteConfig> routes) {
    List<Object> out = new ArrayList<>();
    for (ProxyConfig.RouteConfig rc : routes) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", rc.name());
      List<Object> vhosts = new ArrayList<>();
      for (ProxyConfig.VirtualHost vh : rc.virtualHosts()) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", vh.name());
        v.put("domains", vh.domains());
        List<Object> rs = new ArrayList<>();
        for (ProxyConfig.Route route : vh.routes()) {
          rs.add(route(route, vh.name()));
        }
        v.put("routes", rs);
        v.put("includeRequestAttemptCount", true);
        vhosts.add(v);
      }
      r.put("virtualHosts", vhosts);
      r.put("validateClusters", false);
      out.add(r);
    }
    return out;
  }

  private static Map<String, Object> route(ProxyConfig.Route route, String vhostName) {
    Map<String, Object> r = new LinkedHashMap<>();
    if (route.name() != null) {
      r.put("name", route.name());
    }
    r.put("match", match(route.match()));
    Decision d = route.action();
    if (d != null && d.outcome() == Outcome.REDIRECT && d.redirect() != null) {
      Map<String, Object> redirect = new LinkedHashMap<>();
      if (d.redirect().authority() != null) {
        redirect.put("hostRedirect", d.redirect().authority());
      }
      if (d.redirect().uri() != null) {
        redirect.put("pathRedirect", d.redirect().uri());
      }
      int code = d.redirect().redirectCode() == null ? 301 : d.redirect().redirectCode();
      if (code != 301) {
        redirect.put(
            "responseCode",
            switch (code) {
              case 302 -> "FOUND";
              case 303 -> "SEE_OTHER";
              case 307 -> "TEMPORARY_REDIRECT";
              case 308 -> "PERMANENT_REDIRECT";
              default -> "MOVED_PERMANENTLY";
            });
      }
      r.put("redirect", redirect);
    } else if (d != null && d.outcome() == Outcome.PASSTHROUGH) {
      r.put(
          "route",
          Map.of("cluster", "PassthroughCluster", "timeout", "0s", "maxGrpcTimeout", "0s"));
    } else if (d != null) {
      r.put("route", action(d));
    }
    if (route.origin() != null) {
      r.put(
          "metadata",
          Map.of(
              "filterMetadata",
              Map.of(
                  "istio",
                  Map.of(
                      "config",
                      "/apis/networking.istio.io/v1alpha3/namespaces/"
                          + route.origin().namespace()
                          + "/virtual-service/"
                          + route.origin().name()))));
    }
    r.put("decorator", Map.of("operation", vhostName + "/*"));
    if (d != null
        && d.fault() != null
        && (d.fault().delay() != null || d.fault().abort() != null)) {
      r.put("typedPerFilterConfig", Map.of("envoy.filters.http.fault", fault(d.fault())));
    }
    return r;
  }

  private static Map<String, Object> match(ProxyConfig.RouteMatch m) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (m == null) {
      out.put("prefix", "/");
      return out;
    }
    if (m.prefix() != null) {
      out.put("prefix", m.prefix());
    } else if (m.path() != null) {
      out.put("path", m.path());
    } else if (m.regex() != null) {
      out.put("safeRegex", regex(m.regex()));
    }
    out.put("caseSensitive", m.caseSensitive());
    if (!m.headers().isEmpty()) {
      List<Object> hs = new ArrayList<>();
      for (ProxyConfig.HeaderMatch h : m.headers()) {
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("name", h.name());
        switch (h.type()) {
          case "exact" -> hm.put("exactMatch", h.value());
          case "prefix" -> hm.put("prefixMatch", h.value());
          case "regex" -> hm.put("safeRegexMatch", regex(h.value()));
          default -> hm.put("presentMatch", true);
        }
        if (h.invert()) {
          hm.put("invertMatch", true);
        }
        hs.add(hm);
      }
      out.put("headers", hs);
    }
    if (!m.queryParameters().isEmpty()) {
      List<Object> qs = new ArrayList<>();
      for (ProxyConfig.QueryParameterMatch q : m.queryParameters()) {
        Map<String, Object> qm = new LinkedHashMap<>();
        qm.put("name", q.name());
        switch (q.type()) {
          case "exact" -> qm.put("stringMatch", Map.of("exact", q.value()));
          case "regex" -> qm.put("stringMatch", Map.of("safeRegex", regex(q.value())));
          default -> qm.put("presentMatch", true);
        }
        qs.add(qm);
      }
      out.put("queryParameters", qs);
    }
    return out;
  }

  private static Map<String, Object> regex(String re) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("googleRe2", Map.of());
    m.put("regex", re);
    return m;
  }

  private static Map<String, Object> action(Decision d) {
    Map<String, Object> a = new LinkedHashMap<>();
    List<ClusterTarget> dests = d.destinations();
    if (dests.size() == 1) {
      a.put("cluster", dests.get(0).cluster());
    } else if (!dests.isEmpty()) {
      List<Object> clusters = new ArrayList<>();
      for (ClusterTarget t : dests) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", t.cluster());
        c.put("weight", t.weight());
        clusters.add(c);
      }
      a.put("weightedClusters", Map.of("clusters", clusters));
    }
    if (d.rewrite() != null) {
      if (d.rewrite().uri() != null) {
        a.put("prefixRewrite", d.rewrite().uri());
      }
      if (d.rewrite().authority() != null) {
        a.put("hostRewriteLiteral", d.rewrite().authority());
      }
    }
    a.put("timeout", duration(d.timeoutMs()));
    RetryPolicy rp = d.retries();
    if (rp != null && rp.attempts() > 0) {
      Map<String, Object> retry = new LinkedHashMap<>();
      retry.put("retryOn", rp.retryOn());
      retry.put("numRetries", rp.attempts());
      if (rp.perTryTimeoutMs() > 0) {
        retry.put("perTryTimeout", duration(rp.perTryTimeoutMs()));
      }
      retry.put(
          "retryHostPredicate",
          List.of(Map.of("name", "envoy.retry_host_predicates.previous_hosts")));
      retry.put("hostSelectionRetryMaxAttempts", "5");
      if (rp.retriableStatusCodes() != null && !rp.retriableStatusCodes().isEmpty()) {
        retry.put("retriableStatusCodes", rp.retriableStatusCodes());
      }
      a.put("retryPolicy", retry);
    }
    if (d.mirror() != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cluster", d.mirror().cluster());
      m.put(
          "runtimeFraction",
          Map.of(
              "defaultValue",
              Map.of(
                  "numerator",
                  Math.round(d.mirror().percentage() * 10000),
                  "denominator",
                  "MILLION")));
      a.put("requestMirrorPolicies", List.of(m));
    }
    a.put("maxStreamDuration", Map.of("maxStreamDuration", duration(d.timeoutMs())));
    return a;
  }

  private static Map<String, Object> fault(FaultPolicy f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@type", "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault");
    if (f.delay() != null) {
      Map<String, Object> delay = new LinkedHashMap<>();
      delay.put("fixedDelay", duration(f.delay().fixedDelayMs()));
      delay.put("percentage", percent(f.delay().percentage()));
      m.put("delay", delay);
    }
    if (f.abort() != null) {
      Map<String, Object> abort = new LinkedHashMap<>();
      abort.put("httpStatus", f.abort().httpStatus());
      abort.put("percentage", percent(f.abort().percentage()));
      m.put("abort", abort);
    }
    return m;
  }

  private static Map<String, Object> percent(double p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("numerator", Math.round(p * 10000));
    m.put("denominator", "MILLION");
    return m;
  }

  /** A protobuf Duration in JSON: "0s", "7s", "0.500s". */
  static String duration(long ms) {
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return String.format(java.util.Locale.ROOT, "%d.%03ds", ms / 1000, ms % 1000);
  }

  static List<Object> clusters(List<ProxyConfig.Cluster> clusters) {
    List<Object> out = new ArrayList<>();
    for (ProxyConfig.Cluster c : clusters) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("type", c.type());
      if (c.type().equals("EDS")) {
        m.put(
            "edsClusterConfig",
            Map.of(
                "edsConfig",
                Map.of("ads", Map.of(), "resourceApiVersion", "V3"),
                "serviceName",
                c.name()));
      }
      m.put("connectTimeout", "10s");
      Object lb = c.trafficPolicy() == null ? null : c.trafficPolicy().get("loadBalancer");
      if (lb instanceof Map<?, ?> lbm
          && lbm.get("simple") != null
          && !"ROUND_ROBIN".equals(lbm.get("simple"))) {
        m.put("lbPolicy", lbm.get("simple"));
      }
      m.put(
          "circuitBreakers",
          Map.of(
              "thresholds",
              List.of(
                  Map.of(
                      "maxConnections",
                      4294967295L,
                      "maxPendingRequests",
                      4294967295L,
                      "maxRequests",
                      4294967295L,
                      "maxRetries",
                      4294967295L))));
      Map<String, Object> meta = new LinkedHashMap<>();
      Map<String, Object> istio = new LinkedHashMap<>();
      if (c.destinationRule() != null) {
        String dr = c.destinationRule();
        int dot = dr.lastIndexOf('.');
        istio.put(
            "config",
            "/apis/networking.istio.io/v1alpha3/namespaces/"
                + dr.substring(dot + 1)
                + "/destination-rule/"
                + dr.substring(0, dot));
      }
      istio.put("default_original_port", c.port());
      if (!c.subset().isEmpty()) {
        istio.put("subset", c.subset());
      }
      meta.put("filterMetadata", Map.of("istio", istio));
      m.put("metadata", meta);
      out.add(m);
    }
    return out;
  }

  static List<Object> listeners(List<ProxyConfig.Listener> listeners) {
    List<Object> out = new ArrayList<>();
    for (ProxyConfig.Listener l : listeners) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.address() + "_" + l.port());
      m.put(
          "address",
          Map.of("socketAddress", Map.of("address", l.address(), "portValue", l.port())));
      if (l.routeName() != null && !l.routeName().startsWith("inbound")) {
        m.put(
            "filterChains",
            List.of(
                Map.of(
                    "filters",
                    List.of(
                        Map.of(
                            "name",
                            "envoy.filters.network.http_connection_manager",
                            "typedConfig",
                            Map.of(
                                "@type",
                                "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                                "statPrefix",
                                "outbound_" + l.address() + "_" + l.port(),
                                "rds",
                                Map.of(
                                    "configSource",
                                    Map.of("ads", Map.of(), "resourceApiVersion", "V3"),
                                    "routeConfigName",
                                    l.routeName())))))));
      }
      m.put(
          "trafficDirection",
          l.port() == 15006 || (l.routeName() != null && l.routeName().startsWith("inbound"))
              ? "INBOUND"
              : "OUTBOUND");
      out.add(m);
    }
    return out;
  }

  static List<Object> endpoints(ProxyConfig pc, String clusterFilter) {
    return endpoints(pc, clusterFilter, ClusterText.Ejections.NONE, null);
  }

  static List<Object> endpoints(
      ProxyConfig pc,
      String clusterFilter,
      ClusterText.Ejections ejections,
      dev.trafficlab.mesh.inventory.Inventory inventory) {
    Map<String, List<Object>> byCluster = new LinkedHashMap<>();
    for (ClusterText.EndpointRow r :
        ClusterText.endpointRows(pc, clusterFilter, ejections, inventory)) {
      Map<String, Object> hs = new LinkedHashMap<>();
      hs.put(
          "address",
          r.endpoint().startsWith("unix")
              ? Map.of("pipe", Map.of("path", r.endpoint().substring(7)))
              : Map.of(
                  "socketAddress",
                  Map.of(
                      "address",
                      r.endpoint().substring(0, r.endpoint().lastIndexOf(':')),
                      "portValue",
                      Integer.parseInt(
                          r.endpoint().substring(r.endpoint().lastIndexOf(':') + 1)))));
      hs.put("stats", List.of(Map.of("name", "cx_active"), Map.of("name", "rq_total")));
      Map<String, Object> health = new LinkedHashMap<>();
      if (r.failedOutlierCheck()) {
        health.put("failedOutlierCheck", true);
      }
      health.put("edsHealthStatus", "HEALTHY");
      hs.put("healthStatus", health);
      hs.put("weight", 1);
      byCluster.computeIfAbsent(r.cluster(), k -> new ArrayList<>()).add(hs);
    }
    List<Object> out = new ArrayList<>();
    byCluster.forEach(
        (name, hosts) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          m.put("hostStatuses", hosts);
          out.add(m);
        });
    return out;
  }

  /** The pods behind a cluster (for x describe). */
  static List<Pod> endpoints(ProxyConfig.Cluster c) {
    return c.endpoints();
  }
}
