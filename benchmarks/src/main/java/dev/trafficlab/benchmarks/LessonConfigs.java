package dev.trafficlab.benchmarks;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.Destination;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lesson's configurations as model records (what the YAML decoder yields for the sample files),
 * so route resolution can be measured on its own, independent of parsing.
 */
final class LessonConfigs {
  private LessonConfigs() {}

  /**
   * destination-rule-all.yaml + one of: all-v1, test-v2 (jason), 50-v3, or a 200-rule reviews VS.
   */
  static Snapshot snapshot(String config) {
    List<Resource> objects = new ArrayList<>();
    long[] clock = {1_600_000_000L};
    dr(objects, clock, "productpage", "v1");
    dr(objects, clock, "reviews", "v1", "v2", "v3");
    dr(objects, clock, "ratings", "v1", "v2", "v2-mysql", "v2-mysql-vm");
    dr(objects, clock, "details", "v1", "v2");
    switch (config) {
      case "all-v1" -> {
        for (String s : List.of("productpage", "reviews", "ratings", "details")) {
          vs(objects, clock, s, route(null, dest(s, "v1", null)));
        }
      }
      case "test-v2" -> {
        for (String s : List.of("productpage", "ratings", "details")) {
          vs(objects, clock, s, route(null, dest(s, "v1", null)));
        }
        vs(
            objects,
            clock,
            "reviews",
            route(List.of(endUser("jason")), dest("reviews", "v2", null)),
            route(null, dest("reviews", "v1", null)));
      }
      case "50-50" -> {
        for (String s : List.of("productpage", "ratings", "details")) {
          vs(objects, clock, s, route(null, dest(s, "v1", null)));
        }
        vs(
            objects,
            clock,
            "reviews",
            route(null, dest("reviews", "v1", 50), dest("reviews", "v3", 50)));
      }
      case "200-rules" -> {
        List<HttpRoute> rules = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
          HttpMatchRequest m =
              new HttpMatchRequest(
                  null,
                  StringMatch.prefix("/api/" + i + "/"),
                  null,
                  null,
                  null,
                  Map.of("x-tenant", StringMatch.exact("tenant-" + i)),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  Pos.UNKNOWN);
          rules.add(route(List.of(m), dest("reviews", "v" + (1 + i % 3), null)));
        }
        rules.add(route(null, dest("reviews", "v1", null)));
        vs(objects, clock, "reviews", rules.toArray(new HttpRoute[0]));
      }
      default -> throw new IllegalArgumentException(config);
    }
    return Snapshot.of(2, objects, Set.of(), Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  }

  private static void dr(List<Resource> out, long[] clock, String host, String... subsets) {
    List<DestinationRuleSpec.Subset> s = new ArrayList<>();
    for (String n : subsets) {
      s.add(new DestinationRuleSpec.Subset(n, Map.of("version", n), null, Pos.UNKNOWN));
    }
    out.add(
        resource(
            ResourceKind.DESTINATION_RULE,
            host,
            clock,
            new DestinationRuleSpec(host, null, s, null, Pos.UNKNOWN)));
  }

  private static void vs(List<Resource> out, long[] clock, String host, HttpRoute... rules) {
    out.add(
        resource(
            ResourceKind.VIRTUAL_SERVICE,
            host,
            clock,
            new VirtualServiceSpec(
                List.of(host), null, List.of(rules), null, null, null, Pos.UNKNOWN)));
  }

  private static Resource resource(ResourceKind kind, String name, long[] clock, Object spec) {
    ObjectMeta meta =
        new ObjectMeta(
            name,
            "default",
            Map.of(),
            Map.of(),
            "uid",
            "1",
            1L,
            Instant.ofEpochSecond(clock[0]++),
            Pos.UNKNOWN);
    return new Resource(kind, "networking.istio.io/v1alpha3", meta, spec, Map.of());
  }

  private static HttpMatchRequest endUser(String user) {
    return new HttpMatchRequest(
        null,
        null,
        null,
        null,
        null,
        Map.of("end-user", StringMatch.exact(user)),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Pos.UNKNOWN);
  }

  private static HttpRouteDestination dest(String host, String subset, Integer weight) {
    return new HttpRouteDestination(
        new Destination(host, subset, null, Pos.UNKNOWN), weight, null, Pos.UNKNOWN);
  }

  private static HttpRoute route(List<HttpMatchRequest> match, HttpRouteDestination... dests) {
    return new HttpRoute(
        null,
        match,
        List.of(dests),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Pos.UNKNOWN);
  }
}
