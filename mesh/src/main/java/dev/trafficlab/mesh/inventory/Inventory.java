package dev.trafficlab.mesh.inventory;

import dev.trafficlab.mesh.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Kubernetes side of a sandbox at one state: namespaces, services, deployments, ReplicaSets,
 * pods, service accounts and events, derived from the applied objects and what the controller made
 * ({@link #of}), plus the lab's platform (kube-system, istio-system). Immutable; where something
 * changes with time (a pod's readiness, its events), a method takes the instant.
 */
public record Inventory(
    List<String> namespaces,
    List<Service> services,
    List<Deployment> deployments,
    List<Pod> pods,
    List<String> serviceAccounts,
    List<ReplicaSet> replicaSets,
    List<Event> recordedEvents,
    Map<String, Map<String, String>> namespaceLabels) {

  public Inventory {
    namespaces = List.copyOf(namespaces);
    services = List.copyOf(services);
    deployments = List.copyOf(deployments);
    pods = List.copyOf(pods);
    serviceAccounts = List.copyOf(serviceAccounts);
    replicaSets = List.copyOf(replicaSets);
    recordedEvents = List.copyOf(recordedEvents);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  public Inventory(
      List<String> namespaces,
      List<Service> services,
      List<Deployment> deployments,
      List<Pod> pods,
      List<String> serviceAccounts) {
    this(namespaces, services, deployments, pods, serviceAccounts, List.of(), List.of(), Map.of());
  }

  /**
   * The inventory of a state: the platform, then the applied Services, Deployments and
   * ServiceAccounts ({@code objects}, any kinds; others are ignored) and the controller's pods.
   */
  public static Inventory of(
      Iterable<Resource> objects,
      Map<String, Map<String, String>> namespaceLabels,
      ClusterState cluster) {
    List<Service> services = new ArrayList<>(Platform.SERVICES);
    List<Deployment> deployments = new ArrayList<>(Platform.DEPLOYMENTS);
    List<String> accounts = new ArrayList<>(Platform.SERVICE_ACCOUNTS);
    List<Resource> serviceObjects = new ArrayList<>();
    for (Resource r : objects) {
      switch (r.kind()) {
        case SERVICE -> serviceObjects.add(r);
        case DEPLOYMENT -> deployments.add(KubeRecords.deployment(r));
        case SERVICE_ACCOUNT -> accounts.add(r.namespace() + "/" + r.name());
        default -> {}
      }
    }
    List<Pod> pods = new ArrayList<>(Platform.PODS);
    pods.addAll(cluster.pods());
    for (Resource r : serviceObjects) {
      services.add(KubeRecords.service(r, cluster.replicaSets()));
    }
    List<String> ns = new ArrayList<>(new TreeMap<>(namespaceLabels).keySet());
    return new Inventory(
        ns,
        services,
        deployments,
        pods,
        accounts,
        cluster.replicaSets(),
        cluster.events(),
        namespaceLabels);
  }

  public Optional<Service> service(String namespace, String name) {
    return services.stream()
        .filter(s -> s.namespace().equals(namespace) && s.name().equals(name))
        .findFirst();
  }

  public Optional<Service> serviceByFqdn(String fqdn) {
    return services.stream().filter(s -> s.fqdn().equals(fqdn)).findFirst();
  }

  /** The pod with that exact name, or the (first) pod of the deployment with that name. */
  public Optional<Pod> podOrWorkload(String name) {
    return pods.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .or(() -> pods.stream().filter(p -> p.workload().equals(name)).findFirst());
  }

  public Optional<Pod> pod(String namespace, String name) {
    return pods.stream()
        .filter(p -> p.namespace().equals(namespace) && p.name().equals(name))
        .findFirst();
  }

  public Optional<Deployment> deployment(String namespace, String name) {
    return deployments.stream()
        .filter(d -> d.namespace().equals(namespace) && d.name().equals(name))
        .findFirst();
  }

  /** The pods of a deployment (of its ReplicaSets), oldest first. */
  public List<Pod> podsOf(Deployment d) {
    return pods.stream()
        .filter(p -> p.namespace().equals(d.namespace()) && p.workload().equals(d.name()))
        .sorted(Comparator.comparing(Pod::created).thenComparing(Pod::name))
        .toList();
  }

  /** The ReplicaSets of a deployment, oldest revision first. */
  public List<ReplicaSet> replicaSetsOf(String namespace, String deployment) {
    return replicaSets.stream()
        .filter(rs -> rs.namespace().equals(namespace) && rs.deployment().equals(deployment))
        .sorted(Comparator.comparingLong(ReplicaSet::revision))
        .toList();
  }

  /** Pods of a ReplicaSet. */
  public List<Pod> podsOf(ReplicaSet rs) {
    return pods.stream()
        .filter(p -> p.namespace().equals(rs.namespace()) && p.owner().equals(rs.name()))
        .toList();
  }

  /**
   * Pods of a service that also carry every label of {@code subsetLabels} (empty = all pods of the
   * service), ready or not: what the proxies are configured with. {@link #endpoints(Service, Map,
   * Instant)} keeps those ready at an instant.
   */
  public List<Pod> endpoints(Service service, Map<String, String> subsetLabels) {
    if (service.selector().isEmpty()) {
      return List.of();
    }
    return pods.stream()
        .filter(p -> p.namespace().equals(service.namespace()))
        .filter(p -> p.labels().entrySet().containsAll(service.selector().entrySet()))
        .filter(p -> p.labels().entrySet().containsAll(subsetLabels.entrySet()))
        .collect(Collectors.toUnmodifiableList());
  }

  /** The endpoints ready at {@code now}: the pods a request at that instant may reach. */
  public List<Pod> endpoints(Service service, Map<String, String> subsetLabels, Instant now) {
    return ready(endpoints(service, subsetLabels), now);
  }

  /** The pods of {@code pods} that are ready at {@code now}. */
  public static List<Pod> ready(List<Pod> pods, Instant now) {
    for (Pod p : pods) {
      if (!p.ready(now)) {
        return pods.stream().filter(x -> x.ready(now)).toList();
      }
    }
    return pods;
  }

  /** The labels of a namespace (empty when it does not exist). */
  public Map<String, String> namespaceLabels(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of());
  }

  /**
   * The events at {@code now}, oldest first: those the controllers recorded, and the scheduler's
   * and kubelet's events of each pod's start that have happened by then.
   */
  public List<Event> events(Instant now) {
    List<Event> out = new ArrayList<>();
    for (Event e : recordedEvents) {
      if (!e.at().isAfter(now)) {
        out.add(e);
      }
    }
    for (Pod p : pods) {
      if (p.startMillis() > 0) {
        for (Event e : PodEvents.of(p)) {
          if (!e.at().isAfter(now)) {
            out.add(e);
          }
        }
      }
    }
    out.sort(Comparator.comparing(Event::at));
    return out;
  }

  /** The one node of the cluster. */
  public String node() {
    return Pod.NODE;
  }

  /**
   * The standard Bookinfo install of Istio 1.8.1's bookinfo.yaml, plus the platform: what a sandbox
   * starts with (the store's start state derives the same from bookinfo.yaml).
   */
  public static Inventory bookinfo() {
    return BookinfoInventory.INSTANCE;
  }
}
