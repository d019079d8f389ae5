package dev.trafficlab.mesh.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ReplicaSet the controller made for one pod template of a Deployment. Its name is the
 * Deployment's with the template's hash ({@code pod-template-hash}).
 *
 * @param template the pod template as the Deployment gave it (JSON-like maps)
 * @param revision deployment.kubernetes.io/revision: which rollout made (or re-used) it
 * @param changeCause kubernetes.io/change-cause of the Deployment at that rollout, or ""
 */
public record ReplicaSet(
    String name,
    String namespace,
    String deployment,
    String templateHash,
    Map<String, Object> template,
    int replicas,
    long revision,
    Instant created,
    String changeCause) {

  public ReplicaSet {
    template = Map.copyOf(template);
    changeCause = changeCause == null ? "" : changeCause;
  }

  ReplicaSet withReplicas(int n) {
    return new ReplicaSet(
        name, namespace, deployment, templateHash, template, n, revision, created, changeCause);
  }

  ReplicaSet withRevision(long r, String cause) {
    return new ReplicaSet(
        name, namespace, deployment, templateHash, template, replicas, r, created, cause);
  }

  /** The pod labels of the template (with pod-template-hash, as its pods carry them). */
  public Map<String, String> podLabels() {
    Map<String, String> labels = new java.util.TreeMap<>(PodTemplates.labels(template));
    labels.put("pod-template-hash", templateHash);
    return labels;
  }

  /** The template's containers (without any injected sidecar). */
  public List<Container> containers() {
    return PodTemplates.containers(template);
  }
}
