package dev.trafficlab.bookinfo;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.Destination;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.GatewaySpec;
import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Snapshots made from Istio 1.8.1's Bookinfo sample files, as a learner applies them. */
final class LessonConfigs {
  private LessonConfigs() {}

  /** The sample files applied in order with kubectl semantics. */
  static Snapshot apply(String... files) {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    for (String file : files) {
      var report = store.apply(read(file), "default", file, ApplyMode.APPLY);
      if (!report.ok()) {
        throw new IllegalStateException(file + " did not apply: " + report.output());
      }
    }
    return store.current();
  }

  static String read(String file) {
    return BookinfoSamples.networking(file);
  }

  /**
   * The load benchmark's state: bookinfo-gateway, destination-rule-all and
   * virtual-service-reviews-50-v3. Built from the files when the config store can apply them, else
   * from the same objects written out in Java.
   */
  static Snapshot fiftyFifty() {
    try {
      return apply(
          "bookinfo-gateway.yaml",
          "destination-rule-all.yaml",
          "virtual-service-reviews-50-v3.yaml");
    } catch (UnsupportedOperationException notYet) {
      return handBuiltFiftyFifty();
    }
  }

  static Snapshot handBuiltFiftyFifty() {
    List<Resource> rs = new ArrayList<>();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    rs.add(
        res(
            ResourceKind.GATEWAY,
            "bookinfo-gateway",
            t,
            new GatewaySpec(
                Map.of("istio", "ingressgateway"),
                List.of(new GatewaySpec.Server(80, "http", "HTTP", List.of("*"), null)),
                null)));
    List<HttpMatchRequest> matches =
        List.of(
            uri(StringMatch.exact("/productpage")),
            uri(StringMatch.prefix("/static")),
            uri(StringMatch.exact("/login")),
            uri(StringMatch.exact("/logout")),
            uri(StringMatch.prefix("/api/v1/products")));
    rs.add(
        res(
            ResourceKind.VIRTUAL_SERVICE,
            "bookinfo",
            t,
            new VirtualServiceSpec(
                List.of("*"),
                List.of("bookinfo-gateway"),
                List.of(route(matches, dest("productpage", null, 9080, null))),
                null,
                null,
                null,
                null)));
    for (String svc : List.of("productpage", "reviews", "ratings", "details")) {
      List<DestinationRuleSpec.Subset> subsets = new ArrayList<>();
      for (String v : svc.equals("reviews") ? List.of("v1", "v2", "v3") : List.of("v1", "v2")) {
        subsets.add(new DestinationRuleSpec.Subset(v, Map.of("version", v), null, null));
      }
      rs.add(
          res(
              ResourceKind.DESTINATION_RULE,
              svc,
              t.plusSeconds(1),
              new DestinationRuleSpec(svc, null, subsets, null, null)));
    }
    rs.add(
        res(
            ResourceKind.VIRTUAL_SERVICE,
            "reviews",
            t.plusSeconds(2),
            new VirtualServiceSpec(
                List.of("reviews"),
                null,
                List.of(
                    route(
                        List.of(),
                        dest("reviews", "v1", null, 50),
                        dest("reviews", "v3", null, 50))),
                null,
                null,
                null,
                null)));
    return Snapshot.of(3, rs, Set.of(), Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  }

  private static Resource res(ResourceKind kind, String name, Instant created, Object spec) {
    ObjectMeta meta =
        ObjectMeta.of(name, "default").withServerFields(name + "-uid", "1", 1, created);
    return new Resource(kind, "networking.istio.io/v1alpha3", meta, spec, Map.of());
  }

  private static HttpMatchRequest uri(StringMatch m) {
    return new HttpMatchRequest(
        null, m, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static HttpRouteDestination dest(
      String host, String subset, Integer port, Integer weight) {
    return new HttpRouteDestination(new Destination(host, subset, port, null), weight, null, null);
  }

  private static HttpRoute route(List<HttpMatchRequest> match, HttpRouteDestination... to) {
    return new HttpRoute(
        null,
        match,
        List.of(to),
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
        null);
  }
}
