package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.inventory.Pod;
import java.util.List;
import java.util.Map;

/**
 * What istiod pushed to one proxy, read-only: the input of {@code istioctl proxy-config
 * route|cluster|listener| endpoint}. Built from the same compiled tables that {@link
 * RouteTable#resolve} uses, so what the terminal shows is what requests do.
 *
 * @param proxy "pod.namespace", as istioctl names a proxy (reviews-v2-7d79d5bd5d-8zzqd.default)
 * @param pod the proxy's pod
 * @param gateway true for a gateway proxy (istio-ingressgateway), false for a sidecar
 * @param routeConfigs the RDS route configurations, sorted by name: "9080" (sidecar outbound HTTP
 *     port 9080), "80"... for a sidecar; "http.80" for a gateway's HTTP server on port 80
 * @param clusters the CDS clusters (outbound ones, sorted by name), each with its endpoints
 * @param listeners the LDS listeners, sorted by address then port
 */
public record ProxyConfig(
    String proxy,
    Pod pod,
    boolean gateway,
    List<RouteConfig> routeConfigs,
    List<Cluster> clusters,
    List<Listener> listeners) {

  /**
   * One Envoy RouteConfiguration.
   *
   * @param name "9080" (sidecar) or "http.80" (gateway)
   * @param port the port it serves
   * @param virtualHosts in Envoy order; Envoy picks the vhost whose domains contain the request's
   *     authority
   */
  public record RouteConfig(String name, int port, List<VirtualHost> virtualHosts) {}

  /**
   * One Envoy virtual host.
   *
   * @param name "reviews.default.svc.cluster.local:9080" for a service; "*:80" style for gateway
   *     hosts
   * @param domains every authority it answers, lower case (FQDN, short forms, ClusterIP; each with
   *     and without the port); istioctl's DOMAINS column shows the shortest that does not start
   *     with a digit
   * @param routes the routes in order; the first whose match holds wins; empty means every request
   *     is a 404 NR
   */
  public record VirtualHost(String name, List<String> domains, List<Route> routes) {}

  /**
   * One Envoy route: an http rule x one of its match entries.
   *
   * @param name the http rule's name when set, else null
   * @param match what the route matches (path part, header and query matchers)
   * @param origin the VirtualService, rule (the root VS's for delegated rules) and match entry this
   *     route came from; null for the default route of a service without VirtualService. The
   *     metadata path Envoy carries is
   *     /apis/networking.istio.io/v1alpha3/namespaces/NS/virtual-service/NAME
   * @param action what the route does: {@link Decision#destinations()} are the (weighted) clusters,
   *     {@link Decision#timeoutMs()} (0 = "0s", disabled), {@link Decision#retries()} (attempts 0 =
   *     no retry policy), {@link Decision#fault()}, mirror, rewrite, redirect (outcome REDIRECT),
   *     headers, corsPolicy
   */
  public record Route(String name, RouteMatch match, RouteOrigin origin, Decision action) {

    /** "name.namespace" of the VirtualService, as istioctl shows it; null for a default route. */
    public String virtualService() {
      return origin == null ? null : origin.displayName();
    }

    /** Index of the http rule in the VirtualService, or null. */
    public Integer rule() {
      return origin == null ? null : origin.rule();
    }

    /** Index of the match entry in the rule, or null when the rule has no match. */
    public Integer matchIndex() {
      return origin == null ? null : origin.match();
    }
  }

  /**
   * An Envoy route match. Exactly one of prefix, path and regex is set (a route without uri match
   * has prefix "/"). istioctl's MATCH column shows "prefix*", "path" or "regex re".
   *
   * @param prefix Envoy "prefix"
   * @param path Envoy "path" (exact)
   * @param regex Envoy "safeRegex.regex" (RE2, full match)
   * @param caseSensitive false when the VS set ignoreUriCase
   * @param headers header matchers, in Envoy order: method/scheme/authority as ":method",
   *     ":scheme", ":authority", then headers, then withoutHeaders (invert = true)
   * @param queryParameters query parameter matchers
   */
  public record RouteMatch(
      String prefix,
      String path,
      String regex,
      boolean caseSensitive,
      List<HeaderMatch> headers,
      List<QueryParameterMatch> queryParameters) {}

  /**
   * An Envoy header matcher.
   *
   * @param name lower case header name (":method" etc. for pseudo headers)
   * @param type "exact" (Envoy exactMatch), "prefix" (prefixMatch), "regex" (safeRegexMatch) or
   *     "present" (presentMatch: true)
   * @param value the value to compare; null for "present"
   * @param invert Envoy invertMatch (withoutHeaders)
   */
  public record HeaderMatch(String name, String type, String value, boolean invert) {}

  /**
   * An Envoy query parameter matcher.
   *
   * @param type "exact", "regex" or "present" (1.8 turns a prefix query match into a presence
   *     check)
   */
  public record QueryParameterMatch(String name, String type, String value) {}

  /**
   * One Envoy cluster with its endpoints.
   *
   * @param name outbound|9080|v2|reviews.default.svc.cluster.local
   * @param direction "outbound"
   * @param fqdn the service host
   * @param port the service port
   * @param subset subset name, "" for the service-wide cluster
   * @param type "EDS" for registry services, "STRICT_DNS" for DNS ServiceEntries
   * @param trafficPolicy effective DestinationRule policy (subset policy replaces top-level per
   *     field group), Istio field names; empty when no DestinationRule applies
   * @param destinationRule "name.namespace" of the (first) DestinationRule that applies, or null
   * @param endpoints pods of the cluster (IP:port from {@link Pod#ip()} and {@code port}); all
   *     HEALTHY
   */
  public record Cluster(
      String name,
      String direction,
      String fqdn,
      int port,
      String subset,
      String type,
      Map<String, Object> trafficPolicy,
      String destinationRule,
      List<Pod> endpoints) {}

  /**
   * One Envoy listener (istioctl proxy-config listener: ADDRESS PORT TYPE).
   *
   * @param address "0.0.0.0", a ClusterIP, or the pod IP for inbound
   * @param port listener port
   * @param type "HTTP" or "TCP"
   * @param routeName the RDS route config it uses ("9080"), or null
   */
  public record Listener(String address, int port, String type, String routeName) {}

  /** The route config of that name, or null. */
  public RouteConfig routeConfig(String name) {
    return routeConfigs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }
}
