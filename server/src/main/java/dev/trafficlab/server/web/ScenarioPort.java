package dev.trafficlab.server.web;

import dev.trafficlab.server.lessons.markdown.KatacodaHostUrls;
import java.util.Map;
import java.util.Optional;

/**
 * What an imported scenario's link to a port of its environment meets in the lab ({@code
 * /lab/ports/<n>}): the ingress port is the product page; any other port is not available, and the
 * page says what usually runs there so the learner knows what the scenario meant to show.
 *
 * @param usually what that port usually serves in an Istio 1.8 scenario, or null when unknown
 */
public record ScenarioPort(int port, String usually, boolean ingress) {
  private static final Map<Integer, String> USUAL =
      Map.ofEntries(
          Map.entry(3000, "Grafana, Istio's add-on dashboards of mesh metrics"),
          Map.entry(20001, "Kiali, the service mesh console and its service graph"),
          Map.entry(9090, "Prometheus, the add-on that collects the mesh's metrics"),
          Map.entry(16686, "Jaeger's tracing UI"),
          Map.entry(9411, "Zipkin's tracing UI"),
          Map.entry(15014, "istiod's monitoring port (its metrics and debug pages)"),
          Map.entry(15000, "an Envoy sidecar's admin interface (inside a pod only)"),
          Map.entry(15021, "the ingress gateway's health status port"),
          Map.entry(443, "the ingress gateway's https port (TLS is not simulated in the lab)"),
          Map.entry(
              9080,
              "the Bookinfo services inside the mesh (the browser reaches them through the ingress gateway, port 80)"),
          Map.entry(8080, "an application's own web port"),
          Map.entry(1234, "a port-forward the scenario starts in its terminal"),
          Map.entry(8001, "kubectl proxy, the Kubernetes API through a local proxy"));

  /** The port as the scenario linked it; empty when it is no port number. */
  public static Optional<ScenarioPort> of(String port) {
    if (port == null || !port.matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int n = Integer.parseInt(port);
    if (n < 1 || n > 65535) {
      return Optional.empty();
    }
    return Optional.of(new ScenarioPort(n, USUAL.get(n), KatacodaHostUrls.isIngressPort(port)));
  }

  /** The ingress gateway's http2 node port, for the page's list of what the lab serves. */
  public int ingressNodePort() {
    return KatacodaHostUrls.INGRESS_NODE_PORT;
  }
}
