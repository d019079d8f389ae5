package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.inventory.Controller;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A private copy of a snapshot's state that one run changes; published as a new snapshot when it
 * changed, after the controller has brought the ReplicaSets and pods in line with it.
 */
final class WorkingState {
  final TreeMap<ResourceKey, Resource> objects;
  final TreeMap<String, Map<String, String>> namespaceLabels;
  final Set<String> namespaces;
  ClusterState cluster;
  final Inventory inventory;
  final IstioProfile profile;
  final Stamps stamps;

  /**
   * The state this run starts from: its proxies keep their routes where Envoy would refuse the new
   * ones.
   */
  private final Snapshot base;

  boolean changed;

  WorkingState(Snapshot snapshot, Stamps stamps) {
    this.base = snapshot;
    this.objects = new TreeMap<>(snapshot.allObjects());
    this.namespaceLabels = new TreeMap<>(snapshot.namespaceLabels());
    this.namespaces = namespaceLabels.keySet();
    this.cluster = snapshot.cluster();
    this.inventory = snapshot.inventory();
    this.profile = snapshot.profile();
    this.stamps = stamps;
  }

  /** The kinds served when the run started (kubectl maps every document before it sends one). */
  List<ApiType> apiTypes() {
    return base.apiTypes();
  }

  /** The stored objects of one kind with behaviour. */
  List<Resource> list(ResourceKind kind) {
    return objects.values().stream().filter(r -> r.kind() == kind).toList();
  }

  Snapshot snapshot(long revision) {
    ClusterState next =
        Controller.reconcile(
            list(ResourceKind.DEPLOYMENT), namespaceLabels, cluster, stamps.clock.instant());
    return new Snapshot(
        revision,
        new TreeMap<>(objects),
        new TreeMap<>(namespaceLabels),
        next,
        profile,
        base,
        base.fixedInventory());
  }
}
