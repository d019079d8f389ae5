package dev.trafficlab.server;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.Map;

/** Whether the parts other helpers build are in this tree yet (tests that need them assume them). */
public final class EngineParts {
  private EngineParts() {}

  public static boolean configStoreBuilt() {
    try {
      new ConfigStore(empty()).validate("", "default");
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  public static boolean routingBuilt() {
    try {
      empty().routes().resolve(new RouteRequest("productpage-v1", "reviews", 9080, "GET", "/", Map.of()));
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  private static Snapshot empty() {
    return Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  }
}
