package dev.trafficlab.mesh.inventory;

import java.util.List;

/** One container of a pod: its name, image and declared container ports. */
public record Container(String name, String image, List<Integer> ports) {
  public Container {
    ports = List.copyOf(ports);
  }

  /** The name of the sidecar container Istio injects. */
  public static final String ISTIO_PROXY = "istio-proxy";

  /** Istio 1.8.1's proxy image, for istio-proxy and the istio-init init container. */
  public static final String PROXY_IMAGE = "docker.io/istio/proxyv2:1.8.1";

  public static Container istioProxy() {
    return new Container(ISTIO_PROXY, PROXY_IMAGE, List.of(15090));
  }
}
