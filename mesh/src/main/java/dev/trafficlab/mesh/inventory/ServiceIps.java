package dev.trafficlab.mesh.inventory;

import java.util.Map;

/**
 * Cluster IPs of services: Bookinfo's keep the addresses lessons print; any other service gets an
 * address in 10.96.0.0/12 fixed by its name, so re-applying it gives it the same one.
 */
final class ServiceIps {
  private ServiceIps() {}

  private static final Map<String, String> PINNED =
      Map.of(
          "default/details", "10.96.78.147",
          "default/ratings", "10.96.215.33",
          "default/reviews", "10.96.40.170",
          "default/productpage", "10.96.3.41");

  static String of(String namespace, String name) {
    String pinned = PINNED.get(namespace + "/" + name);
    if (pinned != null) {
      return pinned;
    }
    int h = (namespace + "/" + name).hashCode() & 0x7fffffff;
    // 10.96.0.0/16 minus the first 256 (kubernetes, kube-dns and the platform's)
    int n = 256 + h % (65536 - 512);
    return "10.96." + (n / 256) + "." + (n % 256);
  }
}
