package dev.trafficlab.bookinfo;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** A sandbox as the data plane sees it, with a snapshot the test can swap. */
final class TestSandbox implements MeshContext {
  private final String id;
  private final AtomicReference<Snapshot> snapshot;
  private final TrafficRing traffic = new TrafficRing(5000);

  TestSandbox(String id) {
    this(id, 1);
  }

  TestSandbox(String id, long revision) {
    this.id = id;
    this.snapshot = new AtomicReference<>(snapshot(revision));
  }

  static Snapshot snapshot(long revision) {
    return Snapshot.of(revision, List.of(), Set.of(), Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  }

  void swap(Snapshot s) {
    snapshot.set(s);
  }

  @Override
  public String sandboxId() {
    return id;
  }

  @Override
  public Snapshot snapshot() {
    return snapshot.get();
  }

  @Override
  public TrafficRing traffic() {
    return traffic;
  }
}
