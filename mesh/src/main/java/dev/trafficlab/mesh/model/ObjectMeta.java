package dev.trafficlab.mesh.model;

import java.time.Instant;
import java.util.Map;

/**
 * Kubernetes object metadata. The server-set fields (uid, resourceVersion, generation,
 * creationTimestamp) are null on an object read from a file and filled in by the store.
 */
public record ObjectMeta(
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    String uid,
    String resourceVersion,
    Long generation,
    Instant creationTimestamp,
    Pos pos) {

  public ObjectMeta {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    pos = pos == null ? Pos.UNKNOWN : pos;
  }

  public static ObjectMeta of(String name, String namespace) {
    return new ObjectMeta(name, namespace, Map.of(), Map.of(), null, null, null, null, Pos.UNKNOWN);
  }

  public ObjectMeta withServerFields(
      String uid, String resourceVersion, long generation, Instant created) {
    return new ObjectMeta(
        name, namespace, labels, annotations, uid, resourceVersion, generation, created, pos);
  }
}
