package dev.trafficlab.e2e;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Facts about the traffic-management lesson the tests rely on (from the issue and Istio's own
 * docs).
 */
final class TrafficManagementLesson {
  static final String ID = "traffic-management";
  static final String NETWORKING = "/root/istio-1.8.1/samples/bookinfo/networking/";

  private TrafficManagementLesson() {}

  /**
   * What a lesson command must print, beyond exiting 0: the lines kubectl and istioctl print for
   * it. A command the lesson may add that is not listed here only has to succeed.
   */
  static List<Pattern> expectedOutput(String command) {
    String c = command.replaceAll("\\s+", " ");
    if (c.matches(".*kubectl (apply|create) -f \\S*virtual-service-all-v1\\.yaml.*")) {
      return List.of(
          applied("productpage"), applied("reviews"), applied("ratings"), applied("details"));
    }
    if (c.matches(".*kubectl (apply|create) -f \\S*virtual-service-reviews-\\S+\\.yaml.*")) {
      return List.of(applied("reviews"));
    }
    if (c.matches(".*kubectl (apply|create) -f \\S*destination-rule-all\\.yaml.*")) {
      return List.of(
          Pattern.compile(
              "destinationrule\\.networking\\.istio\\.io/reviews (created|configured|unchanged)"));
    }
    if (c.matches(".*kubectl delete -f \\S*virtual-service-all-v1\\.yaml.*")) {
      return List.of(
          Pattern.compile("virtualservice\\.networking\\.istio\\.io \"productpage\" deleted"));
    }
    if (c.matches(".*kubectl get (destinationrules?|dr) -o yaml.*")) {
      return List.of(literal("kind: DestinationRule"), literal("subsets:"));
    }
    if (c.matches(".*kubectl get (virtualservices?|vs) -o yaml.*")) {
      return List.of(literal("kind: VirtualService"));
    }
    if (c.matches(".*kubectl get (virtualservices?|vs)( -n \\S+)?\\s*$")) {
      return List.of(Pattern.compile("NAME\\s+GATEWAYS\\s+HOSTS\\s+AGE"));
    }
    if (c.matches(".*kubectl get (destinationrules?|dr)( -n \\S+)?\\s*$")) {
      return List.of(Pattern.compile("NAME\\s+HOST\\s+AGE"));
    }
    if (c.matches(".*kubectl get (pods?|po)( -n \\S+)?\\s*$")) {
      return List.of(literal("Running"), literal("2/2"));
    }
    if (c.matches(".*istioctl proxy-status.*")) {
      return List.of(literal("SYNCED"));
    }
    if (c.matches(".*istioctl proxy-config route.*") && !c.contains("-o json")) {
      return List.of(literal("NOTE: This output only contains routes loaded via RDS."));
    }
    if (c.contains("cleanup.sh")) {
      return List.of(Pattern.compile("virtualservice\\.networking\\.istio\\.io \"\\S+\" deleted"));
    }
    return List.of();
  }

  private static Pattern applied(String name) {
    return Pattern.compile(
        "virtualservice\\.networking\\.istio\\.io/" + name + " (created|configured|unchanged)");
  }

  private static Pattern literal(String text) {
    return Pattern.compile(Pattern.quote(text));
  }
}
