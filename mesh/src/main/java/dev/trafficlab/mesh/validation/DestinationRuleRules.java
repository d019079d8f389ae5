package dev.trafficlab.mesh.validation;

import static dev.trafficlab.mesh.validation.Checks.child;
import static dev.trafficlab.mesh.validation.Checks.entries;
import static dev.trafficlab.mesh.validation.Checks.list;
import static dev.trafficlab.mesh.validation.Checks.lng;
import static dev.trafficlab.mesh.validation.Checks.lngOrZero;
import static dev.trafficlab.mesh.validation.Checks.pos;
import static dev.trafficlab.mesh.validation.Checks.str;
import static dev.trafficlab.mesh.validation.Checks.strOrEmpty;

import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Istio 1.8.1's ValidateDestinationRule, message for message. */
final class DestinationRuleRules {
  private DestinationRuleRules() {}

  static void validate(Checks c, YamlNode spec, String namespace, IstioProfile profile) {
    String host = strOrEmpty(spec, "host");
    String hostErr = Checks.wildcardDomain(host);
    c.add(hostErr == null ? null : GoErr.of(hostErr, pos(spec, "host")));
    c.add(trafficPolicy(c, child(spec, "trafficPolicy")));
    Set<String> names = new HashSet<>();
    for (YamlNode subset : list(spec, "subsets")) {
      String name = strOrEmpty(subset, "name");
      GoErr e =
          GoErr.append(
              VirtualServiceRules.subsetName(name, pos(subset, "name")),
              Checks.labels(entries(subset, "labels")),
              trafficPolicy(c, child(subset, "trafficPolicy")));
      c.add(e);
      if (!names.add(name) && profile.rejectsDuplicateSubsetNames()) {
        c.add("duplicate subset names: " + name, pos(subset, "name"));
      }
    }
    c.add(Checks.exportTo(namespace, list(spec, "exportTo"), false));
  }

  private static GoErr trafficPolicy(Checks c, YamlNode policy) {
    if (policy == null) {
      return null;
    }
    if (child(policy, "outlierDetection") == null
        && child(policy, "connectionPool") == null
        && child(policy, "loadBalancer") == null
        && child(policy, "tls") == null
        && child(policy, "portLevelSettings") == null) {
      return GoErr.of("traffic policy must have at least one field", policy.pos());
    }
    return GoErr.append(
        outlier(c, child(policy, "outlierDetection")),
        connectionPool(child(policy, "connectionPool")),
        loadBalancer(child(policy, "loadBalancer")),
        tls(child(policy, "tls")),
        portLevel(c, list(policy, "portLevelSettings")));
  }

  private static GoErr outlier(Checks c, YamlNode outlier) {
    if (outlier == null) {
      return null;
    }
    GoErr errs = Checks.duration(child(outlier, "baseEjectionTime"));
    Long consecutive = lng(outlier, "consecutiveErrors");
    if (consecutive != null && consecutive != 0) {
      c.warn(
          "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or "
              + "consecutive5xxErrors instead",
          pos(outlier, "consecutiveErrors"));
    }
    errs = GoErr.append(errs, Checks.duration(child(outlier, "interval")));
    errs =
        GoErr.append(
            errs,
            Checks.percent(
                lngOrZero(outlier, "maxEjectionPercent"), pos(outlier, "maxEjectionPercent")),
            Checks.percent(
                lngOrZero(outlier, "minHealthPercent"), pos(outlier, "minHealthPercent")));
    return errs;
  }

  private static GoErr connectionPool(YamlNode pool) {
    if (pool == null) {
      return null;
    }
    YamlNode http = child(pool, "http");
    YamlNode tcp = child(pool, "tcp");
    if (http == null && tcp == null) {
      return GoErr.of("connection pool must have at least one field", pool.pos());
    }
    GoErr errs = null;
    if (http != null) {
      errs =
          negative(
              errs,
              http,
              "http1MaxPendingRequests",
              "http1 max pending requests must be non-negative");
      errs = negative(errs, http, "http2MaxRequests", "http2 max requests must be non-negative");
      errs =
          negative(
              errs,
              http,
              "maxRequestsPerConnection",
              "max requests per connection must be non-negative");
      errs = negative(errs, http, "maxRetries", "max retries must be non-negative");
      errs = GoErr.append(errs, Checks.duration(child(http, "idleTimeout")));
      if ("UPGRADE".equals(str(http, "h2UpgradePolicy"))
          && Boolean.TRUE.equals(Checks.bool(http, "useClientProtocol"))) {
        errs =
            GoErr.append(
                errs,
                GoErr.of(
                    "use client protocol must not be true when H2UpgradePolicy is UPGRADE",
                    pos(http, "useClientProtocol")));
      }
    }
    if (tcp != null) {
      errs = negative(errs, tcp, "maxConnections", "max connections must be non-negative");
      errs = GoErr.append(errs, Checks.duration(child(tcp, "connectTimeout")));
    }
    return errs;
  }

  private static GoErr negative(GoErr errs, YamlNode node, String field, String message) {
    return lngOrZero(node, field) < 0
        ? GoErr.append(errs, GoErr.of(message, pos(node, field)))
        : errs;
  }

  private static GoErr loadBalancer(YamlNode lb) {
    if (lb == null) {
      return null;
    }
    GoErr errs = null;
    YamlNode cookie = child(child(lb, "consistentHash"), "httpCookie");
    if (cookie != null) {
      if (strOrEmpty(cookie, "name").isEmpty()) {
        errs = GoErr.append(errs, GoErr.of("name required for HttpCookie", cookie.pos()));
      }
      if (child(cookie, "ttl") == null) {
        errs = GoErr.append(errs, GoErr.of("ttl required for HttpCookie", cookie.pos()));
      }
    }
    return errs;
  }

  private static GoErr tls(YamlNode tls) {
    if (tls == null) {
      return null;
    }
    String mode = strOrEmpty(tls, "mode");
    boolean simpleOrMutual = mode.equals("SIMPLE") || mode.equals("MUTUAL");
    if (simpleOrMutual && !strOrEmpty(tls, "credentialName").isEmpty()) {
      if (!strOrEmpty(tls, "clientCertificate").isEmpty()
          || !strOrEmpty(tls, "caCertificates").isEmpty()
          || !strOrEmpty(tls, "privateKey").isEmpty()) {
        return GoErr.of(
            "cannot specify client certificates or CA certificate If credentialName is set",
            tls.pos());
      }
      return null;
    }
    GoErr errs = null;
    if (mode.equals("MUTUAL")) {
      if (strOrEmpty(tls, "clientCertificate").isEmpty()) {
        errs =
            GoErr.append(errs, GoErr.of("client certificate required for mutual tls", tls.pos()));
      }
      if (strOrEmpty(tls, "privateKey").isEmpty()) {
        errs = GoErr.append(errs, GoErr.of("private key required for mutual tls", tls.pos()));
      }
    }
    return errs;
  }

  private static GoErr portLevel(Checks c, List<YamlNode> settings) {
    GoErr errs = null;
    for (YamlNode t : settings) {
      if (child(t, "port") == null) {
        errs = GoErr.append(errs, GoErr.of("portTrafficPolicy must have valid port", t.pos()));
      }
      if (child(t, "outlierDetection") == null
          && child(t, "connectionPool") == null
          && child(t, "loadBalancer") == null
          && child(t, "tls") == null) {
        errs =
            GoErr.append(
                errs, GoErr.of("port traffic policy must have at least one field", t.pos()));
      } else {
        errs =
            GoErr.append(
                errs,
                outlier(c, child(t, "outlierDetection")),
                connectionPool(child(t, "connectionPool")),
                loadBalancer(child(t, "loadBalancer")),
                tls(child(t, "tls")));
      }
    }
    return errs;
  }
}
