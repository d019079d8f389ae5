package dev.trafficlab.server;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;

/** Whether the parts other helpers build are in this tree yet (tests that need them assume them). */
public final class EngineParts {
  private EngineParts() {}

  public static boolean configStoreBuilt() {
    try {
      new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8)).validate("", "default");
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }
}
