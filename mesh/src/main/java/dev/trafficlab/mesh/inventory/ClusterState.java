package dev.trafficlab.mesh.inventory;

import java.util.List;
import java.util.Map;

/**
 * What the lab's controller keeps besides the applied objects: the ReplicaSets and pods it made,
 * the events it recorded, the mesh's outbound traffic policy, and the counters that make its names
 * and IPs. Immutable; the controller makes a new one for each change.
 *
 * @param outboundTrafficPolicy meshConfig.outboundTrafficPolicy.mode as the last {@code istioctl
 *     install} set it; null when no install set it (the mesh then behaves as ALLOW_ANY, and the
 *     installed-state IstioOperator holds no mode, as on a real cluster)
 * @param sequence how many pods were ever made (seeds the pods' random name suffixes)
 * @param nextIp the last octet of the next pod IP in 10.244.0.0/16, counted from 10.244.0.0
 * @param pins fixed names for the first pods of some deployments ("namespace/deployment"): the
 *     start state's Bookinfo pods keep the names lessons print
 */
public record ClusterState(
    List<ReplicaSet> replicaSets,
    List<Pod> pods,
    List<Event> events,
    String outboundTrafficPolicy,
    long sequence,
    int nextIp,
    Map<String, Pin> pins) {

  /** Events kept per sandbox (the oldest go first, as the API server's TTL would). */
  public static final int EVENTS_KEPT = 300;

  public static final String ALLOW_ANY = "ALLOW_ANY";
  public static final String REGISTRY_ONLY = "REGISTRY_ONLY";

  public ClusterState {
    replicaSets = List.copyOf(replicaSets);
    pods = List.copyOf(pods);
    events = List.copyOf(events);
    pins = Map.copyOf(pins);
  }

  /** A fixed template hash, pod name suffix and IP for a deployment's first pod. */
  public record Pin(String templateHash, String suffix, String ip) {}

  /** A cluster where the controller has made nothing yet; pods get IPs from 10.244.0.17. */
  public static ClusterState empty(Map<String, Pin> pins) {
    return new ClusterState(List.of(), List.of(), List.of(), null, 0, 17, pins);
  }

  /** The fixed names of the start state's Bookinfo pods (those of {@link Inventory#bookinfo()}). */
  public static Map<String, Pin> bookinfoPins() {
    return BookinfoInventory.pins();
  }

  /** The same cluster with its events expired (as the API server's event TTL of an hour does). */
  public ClusterState withoutEvents() {
    return new ClusterState(
        replicaSets, pods, List.of(), outboundTrafficPolicy, sequence, nextIp, pins);
  }

  public ClusterState withOutboundTrafficPolicy(String mode) {
    return new ClusterState(replicaSets, pods, events, mode, sequence, nextIp, pins);
  }

  /** Without the ReplicaSet and its pods (its Deployment's controller makes it anew). */
  public ClusterState withoutReplicaSet(String namespace, String name) {
    return new ClusterState(
        replicaSets.stream()
            .filter(r -> !(r.namespace().equals(namespace) && r.name().equals(name)))
            .toList(),
        pods.stream()
            .filter(p -> !(p.namespace().equals(namespace) && p.owner().equals(name)))
            .toList(),
        events,
        outboundTrafficPolicy,
        sequence,
        nextIp,
        pins);
  }

  public ClusterState withoutPod(String namespace, String name) {
    return new ClusterState(
        replicaSets,
        pods.stream()
            .filter(p -> !(p.namespace().equals(namespace) && p.name().equals(name)))
            .toList(),
        events,
        outboundTrafficPolicy,
        sequence,
        nextIp,
        pins);
  }
}
