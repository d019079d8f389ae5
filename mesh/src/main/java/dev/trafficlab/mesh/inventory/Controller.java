package dev.trafficlab.mesh.inventory;

import dev.trafficlab.mesh.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The lab's deployment and ReplicaSet controllers, as one pure function: given the Deployments, the
 * namespaces' labels, what the controller had made before and the instant, the ReplicaSets and pods
 * that exist now, and the events that tell how. Deterministic: names come from a random generator
 * seeded by the state, so the same changes at the same instants give the same cluster.
 */
public final class Controller {
  private Controller() {}

  /** Kubernetes' alphabet for generated names (no vowels, no confusable digits). */
  static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** revisionHistoryLimit's default: old ReplicaSets kept for kubectl rollout history. */
  static final int HISTORY = 10;

  public static ClusterState reconcile(
      List<Resource> deployments,
      Map<String, Map<String, String>> namespaceLabels,
      ClusterState before,
      Instant now) {
    List<ReplicaSet> sets = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<Event> events = new ArrayList<>(before.events());
    Map<String, ClusterState.Pin> pins = new LinkedHashMap<>(before.pins());
    long[] sequence = {before.sequence()};
    int[] nextIp = {before.nextIp()};
    for (Resource d : deployments) {
      String ns = d.namespace();
      String name = d.name();
      Map<String, Object> spec = d.rawSpec() == null ? Map.of() : d.rawSpec();
      Map<String, Object> template = PodTemplates.map(spec, "template");
      int replicas = spec.get("replicas") instanceof Number n ? n.intValue() : 1;
      String cause = d.meta().annotations().getOrDefault("kubernetes.io/change-cause", "");
      ClusterState.Pin pin = pins.get(ns + "/" + name);
      String hash = pin != null ? pin.templateHash() : templateHash(template);
      List<ReplicaSet> mine =
          before.replicaSets().stream()
              .filter(rs -> rs.namespace().equals(ns) && rs.deployment().equals(name))
              .sorted(Comparator.comparingLong(ReplicaSet::revision))
              .toList();
      long maxRevision = mine.stream().mapToLong(ReplicaSet::revision).max().orElse(0);
      // the ReplicaSet of this very template (a rollback takes an old one back); by content, so
      // the start state's ReplicaSets keep their fixed hashes
      ReplicaSet current =
          mine.stream()
              .filter(rs -> rs.template().equals(template))
              .findFirst()
              .or(() -> mine.stream().filter(rs -> rs.templateHash().equals(hash)).findFirst())
              .orElse(null);
      List<ReplicaSet> next = new ArrayList<>();
      if (current == null) {
        current =
            new ReplicaSet(
                name + "-" + hash, ns, name, hash, template, 0, maxRevision + 1, now, cause);
      } else if (current.revision() != maxRevision) {
        // a rollback to an earlier template takes that ReplicaSet back, with a new revision
        current = current.withRevision(maxRevision + 1, cause);
      }
      for (ReplicaSet rs : mine) {
        if (rs.name().equals(current.name())) {
          continue;
        }
        if (rs.replicas() > 0) {
          events.add(scaling(ns, name, "down", rs.name(), 0, now));
        }
        next.add(rs.withReplicas(0));
      }
      if (current.replicas() != replicas) {
        events.add(
            scaling(
                ns,
                name,
                replicas > current.replicas() ? "up" : "down",
                current.name(),
                replicas,
                now));
        current = current.withReplicas(replicas);
      }
      next.add(current);
      next.sort(Comparator.comparingLong(ReplicaSet::revision));
      while (next.size() > HISTORY + 1) {
        next.remove(0);
      }
      sets.addAll(next);
      // the pods of each ReplicaSet: keep the oldest, delete the newest beyond its replicas
      for (ReplicaSet rs : next) {
        List<Pod> owned =
            before.pods().stream()
                .filter(p -> p.namespace().equals(ns) && p.owner().equals(rs.name()))
                .sorted(Comparator.comparing(Pod::created).thenComparing(Pod::name))
                .toList();
        int keep = Math.min(owned.size(), rs.replicas());
        pods.addAll(owned.subList(0, keep));
        for (int i = owned.size(); i < rs.replicas(); i++) {
          ClusterState.Pin p = pins.remove(ns + "/" + name);
          Pod pod =
              newPod(rs, d, namespaceLabels.getOrDefault(ns, Map.of()), p, sequence, nextIp, now);
          pods.add(pod);
          events.add(
              new Event(
                  ns,
                  "ReplicaSet",
                  rs.name(),
                  "Normal",
                  "SuccessfulCreate",
                  "Created pod: " + pod.name(),
                  now,
                  "replicaset-controller"));
        }
      }
    }
    while (events.size() > ClusterState.EVENTS_KEPT) {
      events.remove(0);
    }
    return new ClusterState(
        sets, pods, events, before.outboundTrafficPolicy(), sequence[0], nextIp[0], pins);
  }

  private static Event scaling(
      String ns, String deployment, String direction, String rs, int n, Instant now) {
    return new Event(
        ns,
        "Deployment",
        deployment,
        "Normal",
        "ScalingReplicaSet",
        "Scaled " + direction + " replica set " + rs + " to " + n,
        now,
        "deployment-controller");
  }

  private static Pod newPod(
      ReplicaSet rs,
      Resource deployment,
      Map<String, String> namespaceLabels,
      ClusterState.Pin pin,
      long[] sequence,
      int[] nextIp,
      Instant now) {
    Map<String, Object> template = rs.template();
    SplittableRandom random =
        new SplittableRandom(
            Objects.hash(rs.namespace(), rs.name(), sequence[0]) * 31L + sequence[0]);
    sequence[0]++;
    String suffix;
    String ip;
    long start;
    Instant created;
    if (pin != null) {
      suffix = pin.suffix();
      ip = pin.ip();
      start = 0;
      created = now;
    } else {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      suffix = b.toString();
      ip = ip(nextIp[0]++);
      start = 1000 + random.nextInt(1000);
      created = now;
    }
    boolean hostNetwork = PodTemplates.hostNetwork(template);
    boolean webhookInjects =
        SidecarInjection.injects(
            rs.namespace(), namespaceLabels, PodTemplates.annotations(template), hostNetwork);
    Map<String, String> labels = new TreeMap<>(rs.podLabels());
    List<Container> containers = new ArrayList<>(rs.containers());
    // a template istioctl kube-inject wrote already runs a sidecar; 1.8.1's webhook replaces the
    // containers its status annotation names rather than adding a second istio-proxy
    boolean kubeInjected =
        PodTemplates.annotations(template).containsKey(SidecarInjection.STATUS_ANNOTATION)
            && containers.removeIf(c -> c.name().equals(Container.ISTIO_PROXY));
    boolean sidecar = webhookInjects || kubeInjected;
    if (containers.isEmpty()) {
      containers.add(new Container(rs.deployment(), "", List.of()));
    }
    if (sidecar) {
      labels.putAll(SidecarInjection.podLabels(labels, rs.deployment()));
      containers.add(Container.istioProxy());
    }
    return new Pod(
        rs.name() + "-" + suffix,
        rs.namespace(),
        rs.deployment(),
        labels,
        hostNetwork ? Pod.NODE_IP : ip,
        PodTemplates.serviceAccount(template),
        Pod.NODE,
        containers.get(0).image(),
        sidecar,
        rs.name(),
        containers,
        PodTemplates.annotations(template),
        created,
        start);
  }

  static String ip(int n) {
    return "10.244." + (n / 256) + "." + (n % 256);
  }

  /**
   * pod-template-hash as the deployment controller computes it: a 32-bit FNV-1a hash of the
   * template, written with the name alphabet (a digit string mapped letter by letter).
   */
  public static String templateHash(Map<String, Object> template) {
    int h = 0x811c9dc5;
    for (byte b : Canonical.json(template).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    String digits = Long.toString(h & 0xffffffffL);
    StringBuilder out = new StringBuilder();
    for (char c : digits.toCharArray()) {
      out.append(ALPHABET.charAt(c % ALPHABET.length()));
    }
    return out.toString();
  }
}
