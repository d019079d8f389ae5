package dev.trafficlab.mesh.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The read-only Kubernetes side of a sandbox: namespaces, services, deployments, pods and service
 * accounts. Immutable and shared by every sandbox.
 */
public record Inventory(
    List<String> namespaces,
    List<Service> services,
    List<Deployment> deployments,
    List<Pod> pods,
    List<String> serviceAccounts) {

  public Inventory {
    namespaces = List.copyOf(namespaces);
    services = List.copyOf(services);
    deployments = List.copyOf(deployments);
    pods = List.copyOf(pods);
    serviceAccounts = List.copyOf(serviceAccounts);
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

  /**
   * Pods of a service that also carry every label of {@code subsetLabels} (empty = all pods of the
   * service).
   */
  public List<Pod> endpoints(Service service, Map<String, String> subsetLabels) {
    return pods.stream()
        .filter(p -> p.namespace().equals(service.namespace()))
        .filter(p -> p.labels().entrySet().containsAll(service.selector().entrySet()))
        .filter(p -> p.labels().entrySet().containsAll(subsetLabels.entrySet()))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The standard Bookinfo install of Istio 1.8.1's bookinfo.yaml, plus the Istio control plane
   * pods.
   */
  public static Inventory bookinfo() {
    return BookinfoInventory.INSTANCE;
  }
}
