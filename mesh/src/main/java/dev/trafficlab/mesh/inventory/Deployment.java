package dev.trafficlab.mesh.inventory;

import java.time.Instant;
import java.util.Map;

/**
 * A Deployment of the cluster: pod labels, container image, desired replicas.
 *
 * @param labels the pod template's labels
 * @param selector spec.selector.matchLabels
 * @param annotations the Deployment's own annotations
 * @param generation metadata.generation (changes with every change of the spec)
 * @param created when it was created ({@link Instant#EPOCH} for the lab's platform)
 */
public record Deployment(
    String name,
    String namespace,
    Map<String, String> labels,
    String image,
    int replicas,
    String serviceAccount,
    Map<String, String> selector,
    Map<String, String> annotations,
    long generation,
    Instant created) {

  public Deployment {
    labels = Map.copyOf(labels);
    selector = selector == null ? labels : Map.copyOf(selector);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    created = created == null ? Instant.EPOCH : created;
  }

  public Deployment(
      String name,
      String namespace,
      Map<String, String> labels,
      String image,
      int replicas,
      String serviceAccount) {
    this(
        name,
        namespace,
        labels,
        image,
        replicas,
        serviceAccount,
        labels,
        Map.of(),
        1,
        Instant.EPOCH);
  }
}
