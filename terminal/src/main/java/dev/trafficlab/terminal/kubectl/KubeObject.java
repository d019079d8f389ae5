package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.model.ResourceKind;
import java.time.Instant;
import java.util.Map;

/**
 * One object as kubectl shows it: identity, labels, creation time, the full JSON form (as the API
 * server returns it) and the typed source (a Resource, Pod, Service, Deployment, or a namespace
 * name).
 */
public record KubeObject(
    ResourceKind kind,
    String name,
    String namespace,
    Map<String, String> labels,
    Instant created,
    Map<String, Object> json,
    Object source) {

  /** kubectl's "kind.group/name" form (-o name, and the created/deleted lines). */
  public String qualifiedName() {
    return kind.qualifiedSingular() + "/" + name;
  }
}
