package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Platform;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.RouteTable;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One immutable state of a sandbox's cluster: the stored objects (Istio's, Kubernetes' and any
 * other kind), the namespaces with their labels, what the controller made (ReplicaSets, pods,
 * events), the inventory derived from them and the route table compiled from it all. An apply
 * builds a new Snapshot and swaps one reference, so a request in flight keeps the Snapshot it
 * started with.
 */
public final class Snapshot {
  private final long revision;
  private final SortedMap<ResourceKey, Resource> objects;
  private final SortedMap<ResourceKey, Resource> istioObjects;
  private final SortedMap<String, Map<String, String>> namespaceLabels;
  private final SortedSet<String> namespaces;
  private final ClusterState cluster;
  private final Inventory inventory;
  private final IstioProfile profile;
  private final RouteTable routes;
  private volatile List<ApiType> apiTypes;

  /**
   * An inventory given by hand instead of derived (tests that build a cluster without applying it);
   * null for every real sandbox.
   */
  private final Inventory fixedInventory;

  Snapshot(
      long revision,
      SortedMap<ResourceKey, Resource> objects,
      SortedMap<String, Map<String, String>> namespaceLabels,
      ClusterState cluster,
      IstioProfile profile,
      Snapshot previous) {
    this(revision, objects, namespaceLabels, cluster, profile, previous, null);
  }

  Snapshot(
      long revision,
      SortedMap<ResourceKey, Resource> objects,
      SortedMap<String, Map<String, String>> namespaceLabels,
      ClusterState cluster,
      IstioProfile profile,
      Snapshot previous,
      Inventory fixedInventory) {
    this.revision = revision;
    this.fixedInventory = fixedInventory;
    this.objects = Collections.unmodifiableSortedMap(objects);
    TreeMap<ResourceKey, Resource> istio = new TreeMap<>();
    for (Map.Entry<ResourceKey, Resource> e : objects.entrySet()) {
      if (e.getKey().kind().istio()) {
        istio.put(e.getKey(), e.getValue());
      }
    }
    this.istioObjects = Collections.unmodifiableSortedMap(istio);
    this.namespaceLabels = Collections.unmodifiableSortedMap(namespaceLabels);
    this.namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaceLabels.keySet()));
    this.cluster = cluster;
    this.profile = profile;
    this.inventory =
        fixedInventory != null
            ? fixedInventory
            : Inventory.of(objects.values(), namespaceLabels, cluster);
    this.routes =
        RouteTable.compile(
            istioObjects, inventory, profile, previous == null ? null : previous.routes);
  }

  /**
   * The start cluster (the lab's platform with Bookinfo installed from bookinfo.yaml) holding these
   * Istio objects (server fields already set) and namespaces besides.
   */
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
   * {@code previous}. {@code inventory} names the start cluster; the lab has one, Bookinfo's
   * ({@link Inventory#bookinfo()}).
   */
  public static Snapshot of(
      long revision,
      Collection<Resource> istioObjects,
      Set<String> namespaces,
      Inventory inventory,
      IstioProfile profile,
      Snapshot previous) {
    Snapshot base = empty(inventory, profile);
    TreeMap<ResourceKey, Resource> map = new TreeMap<>(base.objects);
    // the given objects replace the start's Istio configuration (it has none)
    for (Resource r : istioObjects) {
      map.put(r.key(), r);
    }
    TreeMap<String, Map<String, String>> ns = new TreeMap<>(base.namespaceLabels);
    for (String n : namespaces) {
      ns.putIfAbsent(n, Map.of());
    }
    return new Snapshot(revision, map, ns, base.cluster, profile, previous, base.fixedInventory);
  }

  /**
   * The start cluster without Istio configuration: the lab's platform with Bookinfo installed
   * (built once and shared by every sandbox until its first change). Any other inventory than
   * {@link Inventory#bookinfo()} is a cluster given by hand (tests): kept as it is.
   */
  public static Snapshot empty(Inventory inventory, IstioProfile profile) {
    if (inventory == Inventory.bookinfo()) {
      return BookinfoTemplate.get(profile);
    }
    // a cluster given by hand: its inventory is used as it is, whatever is applied
    TreeMap<String, Map<String, String>> ns = new TreeMap<>();
    for (String n : inventory.namespaces()) {
      ns.put(n, Platform.NAMESPACES.getOrDefault(n, Map.of()));
    }
    return new Snapshot(
        1, new TreeMap<>(), ns, ClusterState.empty(Map.of()), profile, null, inventory);
  }

  /**
   * A state saved earlier, made again over the start it grew from: these objects, namespaces and
   * controller state exactly as stored (nothing validated again: a state this server accepted
   * before is taken as it is), with its inventory derived and its route table compiled once, as
   * proxies that start afresh would take it. {@code start} gives the profile and, for a cluster
   * given by hand, the inventory.
   */
  public static Snapshot restored(
      Snapshot start,
      long revision,
      SortedMap<ResourceKey, Resource> objects,
      SortedMap<String, Map<String, String>> namespaceLabels,
      ClusterState cluster) {
    return new Snapshot(
        revision,
        new TreeMap<>(objects),
        new TreeMap<>(namespaceLabels),
        cluster,
        start.profile,
        null,
        start.fixedInventory);
  }

  /** The hand-given inventory this state keeps, or null when it is derived. */
  Inventory fixedInventory() {
    return fixedInventory;
  }

  /** The lab's platform alone: Kubernetes and Istio installed, no application. */
  public static Snapshot bare(IstioProfile profile) {
    return bare(profile, Map.of());
  }

  static Snapshot bare(IstioProfile profile, Map<String, ClusterState.Pin> pins) {
    return new Snapshot(
        1,
        new TreeMap<>(),
        new TreeMap<>(Platform.NAMESPACES),
        ClusterState.empty(pins),
        profile,
        null);
  }

  public long revision() {
    return revision;
  }

  /** The Istio objects (the mesh's configuration), sorted by kind, namespace, name. */
  public SortedMap<ResourceKey, Resource> objects() {
    return istioObjects;
  }

  /**
   * Every stored object (Istio's, Kubernetes' and any other kind), sorted by kind, namespace, name.
   */
  public SortedMap<ResourceKey, Resource> allObjects() {
    return objects;
  }

  public Optional<Resource> get(ResourceKind kind, String namespace, String name) {
    return Optional.ofNullable(
        objects.get(new ResourceKey(kind, kind.namespaced() ? namespace : "", name)));
  }

  /** An object of any kind, by its type. */
  public Optional<Resource> get(ApiType type, String namespace, String name) {
    return Optional.ofNullable(objects.get(StorePhase.key(type, namespace, name)));
  }

  /** Objects of one kind; {@code namespace == null} means all namespaces. */
  public List<Resource> list(ResourceKind kind, String namespace) {
    return objects.values().stream()
        .filter(r -> r.kind() == kind && (namespace == null || namespace.equals(r.namespace())))
        .toList();
  }

  /** Stored objects of any type; {@code namespace == null} means all namespaces. */
  public List<Resource> list(ApiType type, String namespace) {
    return objects.values().stream()
        .filter(r -> r.type().resource().equals(type.resource()))
        .filter(r -> namespace == null || !type.namespaced() || namespace.equals(r.namespace()))
        .toList();
  }

  /**
   * Every kind this cluster serves: the built-in ones and those of the stored
   * CustomResourceDefinitions.
   */
  public List<ApiType> apiTypes() {
    List<ApiType> t = apiTypes;
    if (t == null) {
      t = CustomResourceDefinitions.servedTypes(objects.values());
      apiTypes = t;
    }
    return t;
  }

  /** The type a kubectl command line names (pods, deploy, roles.rbac.authorization.k8s.io...). */
  public Optional<ApiType> apiType(String commandLineName) {
    return apiTypes().stream().filter(t -> t.named(commandLineName)).findFirst();
  }

  public SortedSet<String> namespaces() {
    return namespaces;
  }

  /** Each namespace with its labels (default carries istio-injection=enabled at the start). */
  public SortedMap<String, Map<String, String>> namespaceLabels() {
    return namespaceLabels;
  }

  /** What the controller made: ReplicaSets, pods, events, and the mesh's outbound policy. */
  public ClusterState cluster() {
    return cluster;
  }

  /** meshConfig.outboundTrafficPolicy.mode: ALLOW_ANY (the default) or REGISTRY_ONLY. */
  public String outboundTrafficPolicy() {
    return cluster.outboundTrafficPolicy();
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
