package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A private copy of a snapshot's state that one run changes; published as a new snapshot when it
 * changed.
 */
final class WorkingState {
  final Map<ResourceKey, Resource> objects;
  final Set<String> namespaces;
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
    this.objects = new TreeMap<>(snapshot.objects());
    this.namespaces = new TreeSet<>(snapshot.namespaces());
    this.inventory = snapshot.inventory();
    this.profile = snapshot.profile();
    this.stamps = stamps;
  }

  /** True when Bookinfo (bookinfo.yaml, read-only in the lab) has this object. */
  boolean inventoryHas(ResourceKind kind, String ns, String name) {
    return switch (kind) {
      case SERVICE -> inventory.service(ns, name).isPresent();
      case DEPLOYMENT ->
          inventory.deployments().stream()
              .anyMatch(x -> x.name().equals(name) && x.namespace().equals(ns));
      case POD ->
          inventory.pods().stream()
              .anyMatch(x -> x.name().equals(name) && x.namespace().equals(ns));
      case SERVICE_ACCOUNT -> inventory.serviceAccounts().contains(ns + "/" + name);
      default -> false;
    };
  }

  /** Namespaces a learner created (not the inventory's). */
  Set<String> learnerNamespaces() {
    Set<String> s = new TreeSet<>(namespaces);
    s.removeAll(inventory.namespaces());
    return s;
  }

  Snapshot snapshot(long revision) {
    return Snapshot.of(revision, objects.values(), learnerNamespaces(), inventory, profile, base);
  }
}
