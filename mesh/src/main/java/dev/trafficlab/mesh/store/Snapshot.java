package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.RouteTable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One immutable state of a sandbox's cluster: the stored objects, the namespaces, the read-only
 * inventory and the route table compiled from them. An apply builds a new Snapshot and swaps one
 * reference, so a request in flight keeps the Snapshot it started with.
 */
public final class Snapshot {
  private final long revision;
  private final SortedMap<ResourceKey, Resource> objects;
  private final SortedSet<String> namespaces;
  private final Inventory inventory;
  private final IstioProfile profile;
  private final RouteTable routes;

  private Snapshot(
      long revision,
      SortedMap<ResourceKey, Resource> objects,
      SortedSet<String> namespaces,
      Inventory inventory,
      IstioProfile profile,
      Snapshot previous) {
    this.revision = revision;
    this.objects = objects;
    this.namespaces = namespaces;
    this.inventory = inventory;
    this.profile = profile;
    this.routes =
        RouteTable.compile(objects, inventory, profile, previous == null ? null : previous.routes);
  }

  /** A snapshot holding exactly these Istio objects (server fields already set) and namespaces. */
  public static Snapshot of(
      long revision,
      Collection<Resource> istioObjects,
      Set<String> namespaces,
      Inventory inventory,
      IstioProfile profile) {
    return of(revision, istioObjects, namespaces, inventory, profile, null);
  }

  /**
   * As {@link #of(long, Collection, Set, Inventory, IstioProfile)}, pushed to proxies that hold
   * {@code previous}: a route configuration their Envoy refuses leaves them with the routes of
   * {@code previous}.
   */
  public static Snapshot of(
      long revision,
      Collection<Resource> istioObjects,
      Set<String> namespaces,
      Inventory inventory,
      IstioProfile profile,
      Snapshot previous) {
    TreeMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource r : istioObjects) {
      map.put(r.key(), r);
    }
    TreeSet<String> ns = new TreeSet<>(inventory.namespaces());
    ns.addAll(namespaces);
    return new Snapshot(
        revision,
        java.util.Collections.unmodifiableSortedMap(map),
        java.util.Collections.unmodifiableSortedSet(ns),
        inventory,
        profile,
        previous);
  }

  /** An empty cluster with the Bookinfo inventory: no Istio objects. */
  public static Snapshot empty(Inventory inventory, IstioProfile profile) {
    return of(1, List.of(), Set.of(), inventory, profile);
  }

  public long revision() {
    return revision;
  }

  /** The Istio objects, sorted by kind, namespace, name. */
  public SortedMap<ResourceKey, Resource> objects() {
    return objects;
  }

  public Optional<Resource> get(ResourceKind kind, String namespace, String name) {
    return Optional.ofNullable(
        objects.get(new ResourceKey(kind, kind.namespaced() ? namespace : "", name)));
  }

  /** Objects of one kind; {@code namespace == null} means all namespaces. */
  public List<Resource> list(ResourceKind kind, String namespace) {
    return objects.values().stream()
        .filter(r -> r.kind() == kind && (namespace == null || namespace.equals(r.namespace())))
        .toList();
  }

  public SortedSet<String> namespaces() {
    return namespaces;
  }

  public Inventory inventory() {
    return inventory;
  }

  public IstioProfile profile() {
    return profile;
  }

  /** The compiled route table of this state (built once, when the snapshot was made). */
  public RouteTable routes() {
    return routes;
  }
}
