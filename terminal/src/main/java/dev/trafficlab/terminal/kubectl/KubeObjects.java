package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Deployment;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The objects of a sandbox's cluster in kubectl's JSON form: the learner's Istio objects from the
 * snapshot and the read-only Bookinfo inventory (pods, services, deployments, namespaces, service
 * accounts).
 */
public final class KubeObjects {
  /**
   * kubectl reads Istio kinds at the group's preferred version: v1beta1 outranks v1alpha3 in 1.8.
   */
  public static final String ISTIO_PREFERRED_VERSION = "networking.istio.io/v1beta1";

  private final Snapshot snapshot;
  private final Instant clusterCreated;
  private final Instant now;
  private final DerivedObjects derived;

  public KubeObjects(Snapshot snapshot, Instant clusterCreated) {
    this(snapshot, clusterCreated, Instant.now());
  }

  /** The cluster at {@code now}: pods' states and events follow from the time. */
  public KubeObjects(Snapshot snapshot, Instant clusterCreated, Instant now) {
    this.snapshot = snapshot;
    this.clusterCreated = clusterCreated;
    this.now = now;
    this.derived = new DerivedObjects(this, snapshot, clusterCreated, now);
  }

  /**
   * When an object came up: the platform's and the start template's objects carry instants on the
   * epoch's first day (the store's marker for "installed with the cluster"), shown as the cluster's
   * creation.
   */
  Instant created(Instant t) {
    return installedWithCluster(t) ? clusterCreated : t;
  }

  static boolean installedWithCluster(Instant t) {
    return t == null || t.isBefore(Instant.EPOCH.plusSeconds(86_400));
  }

  Instant clusterCreated() {
    return clusterCreated;
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Objects of a type, sorted by namespace then name; {@code namespace == null} means all
   * namespaces.
   */
  public List<KubeObject> list(KubeType type, String namespace) {
    List<KubeObject> out = new ArrayList<>();
    Inventory inv = snapshot.inventory();
    if (type.mesh() != null) {
      switch (type.mesh()) {
        case VIRTUAL_SERVICE, DESTINATION_RULE, GATEWAY, SERVICE_ENTRY ->
            snapshot.list(type.mesh(), namespace).forEach(r -> out.add(istio(r)));
        case POD ->
            inv.pods().stream()
                .filter(p -> matches(namespace, p.namespace()))
                .forEach(p -> out.add(pod(p)));
        case SERVICE ->
            inv.services().stream()
                .filter(s -> matches(namespace, s.namespace()))
                .forEach(s -> out.add(service(s)));
        case DEPLOYMENT ->
            inv.deployments().stream()
                .filter(d -> matches(namespace, d.namespace()))
                .forEach(d -> out.add(deployment(d)));
        case NAMESPACE -> snapshot.namespaces().forEach(n -> out.add(namespace(n)));
        case CONFIG_MAP, SECRET, GENERIC -> derived.list(type, namespace, out);
        case SERVICE_ACCOUNT ->
            inv.serviceAccounts()
                .forEach(
                    sa -> {
                      String ns = sa.substring(0, sa.indexOf('/'));
                      if (matches(namespace, ns)) {
                        out.add(serviceAccount(ns, sa.substring(sa.indexOf('/') + 1)));
                      }
                    });
      }
    } else {
      derived.list(type, namespace, out);
    }
    out.sort(
        Comparator.comparing((KubeObject o) -> o.namespace() == null ? "" : o.namespace())
            .thenComparing(KubeObject::name));
    return out;
  }

  /** The object of a store kind (lesson checks name kinds by the store's enum). */
  public Optional<KubeObject> get(ResourceKind kind, String namespace, String name) {
    return get(KubeTypes.of(kind), namespace, name);
  }

  public Optional<KubeObject> get(KubeType type, String namespace, String name) {
    return list(type, type.namespaced() ? namespace : null).stream()
        .filter(o -> o.name().equals(name))
        .findFirst();
  }

  static boolean matches(String wanted, String ns) {
    return wanted == null || wanted.equals(ns);
  }

  // ---- Istio objects ----

  KubeObject istio(Resource r) {
    ObjectMeta m = r.meta();
    Map<String, Object> meta = new LinkedHashMap<>();
    // the store keeps kubectl apply's last-applied-configuration; kubectl create leaves none
    if (!m.annotations().isEmpty()) {
      meta.put("annotations", new TreeMap<>(m.annotations()));
    }
    meta.put("creationTimestamp", timestamp(m.creationTimestamp()));
    meta.put("generation", m.generation() == null ? 1L : m.generation());
    if (!m.labels().isEmpty()) {
      meta.put("labels", new TreeMap<>(m.labels()));
    }
    meta.put("name", m.name());
    meta.put("namespace", m.namespace());
    meta.put("resourceVersion", m.resourceVersion() == null ? "1" : m.resourceVersion());
    meta.put(
        "selfLink",
        "/apis/"
            + ISTIO_PREFERRED_VERSION
            + "/namespaces/"
            + m.namespace()
            + "/"
            + r.kind().plural()
            + "/"
            + m.name());
    meta.put("uid", m.uid() == null ? uid(r.kind(), m.namespace(), m.name()) : m.uid());
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", ISTIO_PREFERRED_VERSION);
    obj.put("kind", r.kind().kind());
    obj.put("metadata", meta);
    obj.put("spec", r.rawSpec() == null ? Map.of() : r.rawSpec());
    return new KubeObject(
        KubeTypes.of(r.kind()),
        m.name(),
        m.namespace(),
        m.labels(),
        created(m.creationTimestamp()),
        obj,
        r);
  }

  // ---- Kubernetes inventory ----

  Map<String, Object> meta(KubeType kind, String ns, String name, Map<String, String> labels) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("creationTimestamp", timestamp(clusterCreated));
    if (labels != null && !labels.isEmpty()) {
      meta.put("labels", new TreeMap<>(labels));
    }
    meta.put("name", name);
    if (ns != null) {
      meta.put("namespace", ns);
    }
    meta.put("resourceVersion", String.valueOf(500 + Math.abs(name.hashCode() % 400)));
    String prefix = kind.group().isEmpty() ? "/api/v1" : "/apis/" + kind.apiVersion();
    meta.put(
        "selfLink",
        prefix + (ns == null ? "" : "/namespaces/" + ns) + "/" + kind.plural() + "/" + name);
    meta.put("uid", uid(kind, ns, name));
    return meta;
  }

  static Map<String, Object> obj(String apiVersion, String kind, Map<String, Object> meta) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", meta);
    return o;
  }

  /**
   * The app container's name: the app label for Bookinfo, discovery for istiod, istio-proxy for
   * gateways.
   */
  public static String appContainer(Pod p) {
    return p.appContainer().name();
  }

  /** Whether an istio-proxy was injected into the pod (2/2 for Bookinfo, 1/1 for istiod). */
  public static boolean hasSidecar(Pod p) {
    return p.sidecar();
  }

  public static List<String> containers(Pod p) {
    return p.containers().stream().map(dev.trafficlab.mesh.inventory.Container::name).toList();
  }

  public static String image(Snapshot s, Pod p) {
    return p.image() != null
        ? p.image()
        : s.inventory().deployments().stream()
            .filter(d -> d.name().equals(p.workload()) && d.namespace().equals(p.namespace()))
            .map(Deployment::image)
            .findFirst()
            .orElse(PROXY_IMAGE);
  }

  KubeObject pod(Pod p) {
    return pod(p, stage(p.status(now)), created(p.created()), null);
  }

  /** The stage of kubectl's STATUS the cluster computed for a pod at an instant. */
  static PodStage stage(String status) {
    return switch (status) {
      case "Pending" -> PodStage.PENDING;
      case "Init:0/1" -> PodStage.INITIALIZING;
      case "PodInitializing" -> PodStage.POD_INITIALIZING;
      case "ContainerCreating" -> PodStage.CONTAINER_CREATING;
      case "Terminating" -> PodStage.TERMINATING;
      default -> PodStage.RUNNING;
    };
  }

  /**
   * A pod at a stage of its life: {@code started} is its creation time, {@code deleted} the time it
   * was deleted (Terminating) or null.
   */
  KubeObject pod(Pod p, PodStage stage, Instant started, Instant deleted) {
    Map<String, Object> meta = meta(KubeTypes.POD, p.namespace(), p.name(), p.labels());
    meta.put("creationTimestamp", timestamp(started));
    if (deleted != null) {
      meta.put("deletionGracePeriodSeconds", 30);
      meta.put("deletionTimestamp", timestamp(deleted.plusSeconds(30)));
    }
    String hash = p.labels().getOrDefault("pod-template-hash", "");
    meta.put("generateName", p.workload() + "-" + hash + "-");
    Map<String, Object> owner = new LinkedHashMap<>();
    owner.put("apiVersion", "apps/v1");
    owner.put("blockOwnerDeletion", true);
    owner.put("controller", true);
    owner.put("kind", "ReplicaSet");
    owner.put("name", p.workload() + "-" + hash);
    owner.put("uid", uid(KubeTypes.REPLICA_SET, p.namespace(), p.workload() + "-" + hash));
    meta.put("ownerReferences", List.of(owner));
    Map<String, Object> o = obj("v1", "Pod", meta);
    boolean sidecar = hasSidecar(p);
    boolean running = stage == PodStage.RUNNING || stage == PodStage.TERMINATING;
    boolean scheduled = stage != PodStage.PENDING;
    List<Object> containers = new ArrayList<>();
    List<Object> statuses = new ArrayList<>();
    for (dev.trafficlab.mesh.inventory.Container container : p.containers()) {
      String c = container.name();
      boolean proxy = c.equals("istio-proxy");
      String img = container.image();
      Map<String, Object> ctr = new LinkedHashMap<>();
      ctr.put("image", img);
      ctr.put("imagePullPolicy", "IfNotPresent");
      ctr.put("name", c);
      List<Object> ports = new ArrayList<>();
      for (int port : container.ports()) {
        Map<String, Object> portMap = new LinkedHashMap<>();
        portMap.put("containerPort", port);
        if (proxy && port == 15090) {
          portMap.put("name", "http-envoy-prom");
        }
        portMap.put("protocol", "TCP");
        ports.add(portMap);
      }
      if (!ports.isEmpty()) {
        ctr.put("ports", ports);
      }
      containers.add(ctr);
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("image", img);
      st.put("name", c);
      st.put("ready", running);
      st.put("restartCount", 0);
      st.put("started", running);
      st.put(
          "state",
          running
              ? Map.of("running", Map.of("startedAt", timestamp(started.plusSeconds(1))))
              : Map.of(
                  "waiting",
                  Map.of(
                      "reason",
                      stage == PodStage.CONTAINER_CREATING
                          ? "ContainerCreating"
                          : "PodInitializing")));
      statuses.add(st);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("containers", containers);
    if (sidecar) {
      Map<String, Object> init = new LinkedHashMap<>();
      init.put("image", PROXY_IMAGE);
      init.put("imagePullPolicy", "IfNotPresent");
      init.put("name", "istio-init");
      spec.put("initContainers", List.of(init));
    }
    if (scheduled) {
      spec.put("nodeName", p.nodeName());
    }
    if (!p.annotations().isEmpty()) {
      meta.put("annotations", new java.util.TreeMap<>(p.annotations()));
    }
    spec.put("restartPolicy", "Always");
    spec.put("serviceAccountName", p.serviceAccount());
    o.put("spec", spec);
    Map<String, Object> status = new LinkedHashMap<>();
    boolean initialized =
        running || stage == PodStage.POD_INITIALIZING || (stage == PodStage.CONTAINER_CREATING);
    List<Object> conditions = new ArrayList<>();
    if (scheduled) {
      conditions.add(condition("Initialized", initialized || !sidecar, started));
      conditions.add(condition("Ready", running, started));
      conditions.add(condition("ContainersReady", running, started));
    }
    conditions.add(condition("PodScheduled", scheduled, started));
    status.put("conditions", conditions);
    if (scheduled) {
      status.put("containerStatuses", statuses);
      status.put("hostIP", dev.trafficlab.terminal.net.Curl.NODE_IP);
    }
    if (sidecar && scheduled) {
      Map<String, Object> init = new LinkedHashMap<>();
      init.put("image", PROXY_IMAGE);
      init.put("name", "istio-init");
      boolean done = stage != PodStage.INITIALIZING && stage != PodStage.CONTAINER_CREATING;
      init.put("ready", done);
      init.put("restartCount", 0);
      init.put(
          "state",
          done
              ? Map.of(
                  "terminated",
                  Map.of(
                      "exitCode",
                      0,
                      "finishedAt",
                      timestamp(started.plusSeconds(1)),
                      "reason",
                      "Completed",
                      "startedAt",
                      timestamp(started)))
              : Map.of("waiting", Map.of("reason", "PodInitializing")));
      status.put("initContainerStatuses", List.of(init));
    }
    status.put("phase", running ? "Running" : "Pending");
    if (running) {
      status.put("podIP", p.ip());
      status.put("podIPs", List.of(Map.of("ip", p.ip())));
    }
    status.put("qosClass", "BestEffort");
    status.put("startTime", timestamp(started));
    o.put("status", status);
    return new KubeObject(KubeTypes.POD, p.name(), p.namespace(), p.labels(), started, o, p);
  }

  static final String PROXY_IMAGE = "docker.io/istio/proxyv2:1.8.1";

  private static Map<String, Object> condition(String type, boolean ok, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lastProbeTime", null);
    m.put("lastTransitionTime", timestamp(at));
    m.put("status", ok ? "True" : "False");
    m.put("type", type);
    return m;
  }

  KubeObject service(Service s) {
    Map<String, Object> o =
        obj("v1", "Service", meta(KubeTypes.SERVICE, s.namespace(), s.name(), s.labels()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("clusterIP", s.clusterIp());
    List<Object> ports = new ArrayList<>();
    for (Service.Port p : s.ports()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("name", p.name());
      if (s.exposedOnNode()) {
        pm.put("nodePort", p.nodePort());
      }
      pm.put("port", p.port());
      pm.put("protocol", p.protocol());
      pm.put("targetPort", p.targetPort());
      ports.add(pm);
    }
    spec.put("ports", ports);
    spec.put("selector", new TreeMap<>(s.selector()));
    spec.put("sessionAffinity", "None");
    spec.put("type", s.type());
    o.put("spec", spec);
    o.put("status", Map.of("loadBalancer", Map.of()));
    return new KubeObject(
        KubeTypes.SERVICE, s.name(), s.namespace(), s.labels(), created(s.created()), o, s);
  }

  public static boolean isLoadBalancer(Service s) {
    return s.type().equals("LoadBalancer");
  }

  KubeObject deployment(Deployment d) {
    Map<String, Object> meta = meta(KubeTypes.DEPLOYMENT, d.namespace(), d.name(), d.labels());
    meta.put("creationTimestamp", timestamp(created(d.created())));
    List<dev.trafficlab.mesh.inventory.ReplicaSet> sets =
        snapshot.inventory().replicaSetsOf(d.namespace(), d.name());
    dev.trafficlab.mesh.inventory.ReplicaSet newest =
        sets.stream()
            .max(
                java.util.Comparator.comparingLong(
                    dev.trafficlab.mesh.inventory.ReplicaSet::revision))
            .orElse(null);
    Map<String, Object> ann = new TreeMap<>(d.annotations());
    ann.put(
        "deployment.kubernetes.io/revision",
        String.valueOf(newest == null ? 1 : newest.revision()));
    meta.put("annotations", ann);
    meta.put("generation", d.generation());
    Map<String, Object> o = obj("apps/v1", "Deployment", meta);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", d.replicas());
    spec.put("selector", Map.of("matchLabels", new TreeMap<>(d.selector())));
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("image", d.image());
    container.put("imagePullPolicy", "IfNotPresent");
    container.put("name", d.labels().getOrDefault("app", d.name()));
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("containers", List.of(container));
    podSpec.put("serviceAccountName", d.serviceAccount());
    Map<String, Object> template =
        newest != null && !newest.template().isEmpty()
            ? newest.template()
            : Map.of("metadata", Map.of("labels", new TreeMap<>(d.labels())), "spec", podSpec);
    spec.put("template", template);
    o.put("spec", spec);
    List<Pod> pods = snapshot.inventory().podsOf(d);
    long ready = pods.stream().filter(p -> p.ready(now)).count();
    long updated =
        newest == null
            ? pods.size()
            : pods.stream()
                .filter(p -> p.owner().isEmpty() || p.owner().equals(newest.name()))
                .count();
    Map<String, Object> status = new LinkedHashMap<>();
    if (ready > 0) {
      status.put("availableReplicas", ready);
    }
    Map<String, Object> available = new LinkedHashMap<>();
    available.put("lastTransitionTime", timestamp(created(d.created())));
    available.put("lastUpdateTime", timestamp(created(d.created())));
    boolean isAvailable = ready >= d.replicas();
    available.put(
        "message",
        isAvailable
            ? "Deployment has minimum availability."
            : "Deployment does not have minimum availability.");
    available.put(
        "reason", isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable");
    available.put("status", isAvailable ? "True" : "False");
    available.put("type", "Available");
    Map<String, Object> progressing = new LinkedHashMap<>();
    progressing.put("lastTransitionTime", timestamp(created(d.created())));
    progressing.put("lastUpdateTime", timestamp(created(d.created())));
    String rsName = newest == null ? d.name() + "-" + replicaSetHash(d) : newest.name();
    boolean done = isAvailable && updated >= d.replicas() && pods.size() == d.replicas();
    progressing.put(
        "message",
        done
            ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
            : "ReplicaSet \"" + rsName + "\" is progressing.");
    progressing.put("reason", done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated");
    progressing.put("status", "True");
    progressing.put("type", "Progressing");
    status.put("conditions", List.of(available, progressing));
    status.put("observedGeneration", d.generation());
    if (ready > 0) {
      status.put("readyReplicas", ready);
    }
    status.put("replicas", pods.size());
    status.put("updatedReplicas", updated);
    if (ready < pods.size()) {
      status.put("unavailableReplicas", pods.size() - ready);
    }
    o.put("status", status);
    return new KubeObject(
        KubeTypes.DEPLOYMENT, d.name(), d.namespace(), d.labels(), created(d.created()), o, d);
  }

  String replicaSetHash(Deployment d) {
    return snapshot.inventory().pods().stream()
        .filter(p -> p.workload().equals(d.name()) && p.namespace().equals(d.namespace()))
        .map(p -> p.labels().getOrDefault("pod-template-hash", ""))
        .findFirst()
        .orElse("");
  }

  KubeObject namespace(String name) {
    Map<String, String> labels = snapshot.namespaceLabels().getOrDefault(name, Map.of());
    Map<String, Object> o = obj("v1", "Namespace", meta(KubeTypes.NAMESPACE, null, name, labels));
    o.put("spec", Map.of("finalizers", List.of("kubernetes")));
    o.put("status", Map.of("phase", "Active"));
    return new KubeObject(KubeTypes.NAMESPACE, name, null, labels, clusterCreated, o, name);
  }

  KubeObject serviceAccount(String ns, String name) {
    Map<String, Object> o =
        obj("v1", "ServiceAccount", meta(KubeTypes.SERVICE_ACCOUNT, ns, name, Map.of()));
    o.put("secrets", List.of(Map.of("name", name + "-token-" + suffix(name))));
    return new KubeObject(KubeTypes.SERVICE_ACCOUNT, name, ns, Map.of(), clusterCreated, o, name);
  }

  private static String suffix(String name) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder sb = new StringBuilder();
    int h = Math.abs(name.hashCode());
    for (int i = 0; i < 5; i++) {
      sb.append(alphabet.charAt(h % alphabet.length()));
      h /= alphabet.length();
    }
    return sb.toString();
  }

  static String uid(ResourceKind kind, String ns, String name) {
    return uid(KubeTypes.of(kind), ns, name);
  }

  static String uid(KubeType kind, String ns, String name) {
    return UUID.nameUUIDFromBytes(
            (kind.kind() + "/" + ns + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  static String timestamp(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
