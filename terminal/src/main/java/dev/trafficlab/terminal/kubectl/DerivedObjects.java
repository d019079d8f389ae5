package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.inventory.Deployment;
import dev.trafficlab.mesh.inventory.Event;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.ReplicaSet;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.net.Curl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects a cluster derives from what was applied, as kubectl lists them: a Deployment's
 * ReplicaSet, a Service's Endpoints (its ready pods), the node, the CustomResourceDefinitions Istio
 * installs, and each namespace's ConfigMaps and service-account token Secrets.
 */
final class DerivedObjects {
  static final String NODE_NAME = "controlplane";

  /**
   * The IstioOperator istioctl install saves with what it installed (Istio's
   * InstalledSpecCRPrefix).
   */
  static final String INSTALLED_STATE = "installed-state";

  private final KubeObjects objects;
  private final Snapshot snapshot;
  private final Instant created;
  private final Instant now;

  DerivedObjects(KubeObjects objects, Snapshot snapshot, Instant created, Instant now) {
    this.objects = objects;
    this.snapshot = snapshot;
    this.created = created;
    this.now = now;
  }

  void list(KubeType type, String namespace, List<KubeObject> out) {
    if (type == KubeTypes.REPLICA_SET) {
      for (Deployment d : snapshot.inventory().deployments()) {
        if (KubeObjects.matches(namespace, d.namespace())) {
          List<ReplicaSet> sets = snapshot.inventory().replicaSetsOf(d.namespace(), d.name());
          if (sets.isEmpty()) {
            out.add(replicaSet(d));
          } else {
            sets.forEach(rs -> out.add(replicaSet(d, rs)));
          }
        }
      }
    } else if (type == KubeTypes.EVENT) {
      List<Event> events = snapshot.inventory().events(now);
      for (int i = 0; i < events.size(); i++) {
        Event e = events.get(i);
        if (KubeObjects.matches(namespace, e.namespace())) {
          out.add(event(e, i));
        }
      }
    } else if (type == KubeTypes.ENDPOINTS) {
      for (Service s : snapshot.inventory().services()) {
        if (KubeObjects.matches(namespace, s.namespace())) {
          out.add(endpoints(s));
        }
      }
    } else if (type == KubeTypes.NODE) {
      out.add(node());
    } else if (type == KubeTypes.CRD) {
      List<KubeObject> stored = stored(type, namespace);
      KubeTypes.ALL.stream()
          .filter(t -> t.group().endsWith(".istio.io"))
          .map(this::crd)
          .filter(c -> stored.stream().noneMatch(x -> x.name().equals(c.name())))
          .forEach(out::add);
      out.addAll(stored);
    } else if (type == KubeTypes.CONFIG_MAP) {
      List<KubeObject> stored = stored(type, namespace);
      out.addAll(stored);
      for (String ns : snapshot.namespaces()) {
        if (KubeObjects.matches(namespace, ns)) {
          List<KubeObject> defaults = new ArrayList<>();
          defaults.add(configMap(ns, "istio-ca-root-cert", List.of("root-cert.pem")));
          if (ns.equals("istio-system")) {
            defaults.add(configMap(ns, "istio", List.of("mesh", "meshNetworks")));
            defaults.add(configMap(ns, "istio-sidecar-injector", List.of("config", "values")));
          }
          defaults.stream()
              .filter(
                  d ->
                      stored.stream()
                          .noneMatch(x -> x.name().equals(d.name()) && x.namespace().equals(ns)))
              .forEach(out::add);
        }
      }
    } else if (type.kind().equals("IstioOperator")) {
      List<KubeObject> stored = stored(type, namespace);
      out.addAll(stored);
      if (KubeObjects.matches(namespace, "istio-system")
          && stored.stream()
              .noneMatch(
                  x -> x.name().equals(INSTALLED_STATE) && x.namespace().equals("istio-system"))) {
        out.add(installedState(type));
      }
    } else if (type == KubeTypes.SECRET) {
      out.addAll(stored(type, namespace));
      for (KubeObject sa : objects.list(KubeTypes.SERVICE_ACCOUNT, namespace)) {
        out.add(tokenSecret(sa));
      }
    } else {
      out.addAll(stored(type, namespace));
    }
  }

  /** Objects the learner applied of a kind the lab stores without behaviour (or only stores). */
  private List<KubeObject> stored(KubeType type, String namespace) {
    List<KubeObject> out = new ArrayList<>();
    java.util.Optional<ApiType> api = type.apiType(snapshot);
    if (api.isEmpty()) {
      return out;
    }
    for (Resource r : snapshot.list(api.get(), type.namespaced() ? namespace : null)) {
      out.add(storedObject(type, r));
    }
    return out;
  }

  /** A stored object as the API server returns it: apiVersion, kind, metadata and its fields. */
  private KubeObject storedObject(KubeType type, Resource r) {
    ObjectMeta m = r.meta();
    Map<String, Object> meta =
        objects.meta(type, type.namespaced() ? m.namespace() : null, m.name(), m.labels());
    if (!m.annotations().isEmpty()) {
      meta.put("annotations", new TreeMap<>(m.annotations()));
    }
    Instant at = objects.created(m.creationTimestamp());
    meta.put("creationTimestamp", KubeObjects.timestamp(at));
    if (m.resourceVersion() != null) {
      meta.put("resourceVersion", m.resourceVersion());
    }
    if (m.uid() != null) {
      meta.put("uid", m.uid());
    }
    Map<String, Object> o = KubeObjects.obj(r.apiVersion(), type.kind(), new TreeMap<>(meta));
    new TreeMap<>(r.body()).forEach(o::put);
    if (r.rawSpec() != null && !r.rawSpec().isEmpty()) {
      o.put("spec", r.rawSpec());
    }
    return new KubeObject(
        type, m.name(), type.namespaced() ? m.namespace() : null, m.labels(), at, o, r);
  }

  private KubeObject event(Event e, int index) {
    String name =
        e.objectName() + "." + Long.toHexString(e.at().toEpochMilli() * 1_000_000L + index);
    Map<String, Object> meta = objects.meta(KubeTypes.EVENT, e.namespace(), name, Map.of());
    meta.put("creationTimestamp", KubeObjects.timestamp(e.at()));
    Map<String, Object> o = KubeObjects.obj("v1", "Event", meta);
    o.put("count", 1);
    o.put("firstTimestamp", KubeObjects.timestamp(e.at()));
    Map<String, Object> involved = new LinkedHashMap<>();
    involved.put("apiVersion", e.objectKind().equals("Pod") ? "v1" : "apps/v1");
    involved.put("kind", e.objectKind());
    involved.put("name", e.objectName());
    involved.put("namespace", e.namespace());
    o.put("involvedObject", involved);
    o.put("lastTimestamp", KubeObjects.timestamp(e.at()));
    o.put("message", e.message());
    o.put("reason", e.reason());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("component", e.source());
    if (e.source().equals("kubelet")) {
      source.put("host", NODE_NAME);
    }
    o.put("source", source);
    o.put("type", e.type());
    return new KubeObject(KubeTypes.EVENT, name, e.namespace(), Map.of(), e.at(), o, e);
  }

  private KubeObject replicaSet(Deployment d, ReplicaSet rs) {
    Map<String, String> labels = new TreeMap<>(d.labels());
    labels.put("pod-template-hash", rs.templateHash());
    Map<String, Object> meta =
        objects.meta(KubeTypes.REPLICA_SET, d.namespace(), rs.name(), labels);
    meta.put("creationTimestamp", KubeObjects.timestamp(objects.created(rs.created())));
    Map<String, Object> ann = new TreeMap<>();
    ann.put("deployment.kubernetes.io/desired-replicas", String.valueOf(d.replicas()));
    ann.put("deployment.kubernetes.io/max-replicas", String.valueOf(d.replicas() + 1));
    ann.put("deployment.kubernetes.io/revision", String.valueOf(rs.revision()));
    if (!rs.changeCause().isEmpty()) {
      ann.put("kubernetes.io/change-cause", rs.changeCause());
    }
    meta.put("annotations", ann);
    meta.put("generation", 1L);
    Map<String, Object> owner = new LinkedHashMap<>();
    owner.put("apiVersion", "apps/v1");
    owner.put("blockOwnerDeletion", true);
    owner.put("controller", true);
    owner.put("kind", "Deployment");
    owner.put("name", d.name());
    owner.put("uid", KubeObjects.uid(KubeTypes.DEPLOYMENT, d.namespace(), d.name()));
    meta.put("ownerReferences", List.of(owner));
    Map<String, Object> o = KubeObjects.obj("apps/v1", "ReplicaSet", meta);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", rs.replicas());
    Map<String, String> selector = new TreeMap<>(d.selector());
    selector.put("pod-template-hash", rs.templateHash());
    spec.put("selector", Map.of("matchLabels", selector));
    spec.put("template", rs.template());
    o.put("spec", spec);
    List<Pod> pods = snapshot.inventory().podsOf(rs);
    long ready = pods.stream().filter(p -> p.ready(now)).count();
    Map<String, Object> status = new LinkedHashMap<>();
    if (ready > 0) {
      status.put("availableReplicas", ready);
    }
    status.put("fullyLabeledReplicas", pods.size());
    status.put("observedGeneration", 1);
    if (ready > 0) {
      status.put("readyReplicas", ready);
    }
    status.put("replicas", pods.size());
    o.put("status", status);
    return new KubeObject(
        KubeTypes.REPLICA_SET,
        rs.name(),
        d.namespace(),
        labels,
        objects.created(rs.created()),
        o,
        rs);
  }

  private KubeObject replicaSet(Deployment d) {
    String hash =
        snapshot.inventory().pods().stream()
            .filter(p -> p.workload().equals(d.name()) && p.namespace().equals(d.namespace()))
            .map(p -> p.labels().getOrDefault("pod-template-hash", ""))
            .findFirst()
            .orElse("");
    String name = hash.isEmpty() ? d.name() : d.name() + "-" + hash;
    Map<String, String> labels = new TreeMap<>(d.labels());
    if (!hash.isEmpty()) {
      labels.put("pod-template-hash", hash);
    }
    Map<String, Object> meta = objects.meta(KubeTypes.REPLICA_SET, d.namespace(), name, labels);
    Map<String, Object> ann = new TreeMap<>();
    ann.put("deployment.kubernetes.io/desired-replicas", String.valueOf(d.replicas()));
    ann.put("deployment.kubernetes.io/max-replicas", String.valueOf(d.replicas() + 1));
    ann.put("deployment.kubernetes.io/revision", "1");
    meta.put("annotations", ann);
    meta.put("generation", 1L);
    Map<String, Object> owner = new LinkedHashMap<>();
    owner.put("apiVersion", "apps/v1");
    owner.put("blockOwnerDeletion", true);
    owner.put("controller", true);
    owner.put("kind", "Deployment");
    owner.put("name", d.name());
    owner.put("uid", KubeObjects.uid(KubeTypes.DEPLOYMENT, d.namespace(), d.name()));
    meta.put("ownerReferences", List.of(owner));
    Map<String, Object> o = KubeObjects.obj("apps/v1", "ReplicaSet", meta);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", d.replicas());
    spec.put("selector", Map.of("matchLabels", labels));
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("image", d.image());
    container.put("imagePullPolicy", "IfNotPresent");
    container.put("name", d.labels().getOrDefault("app", d.name()));
    spec.put(
        "template",
        Map.of(
            "metadata",
            Map.of("labels", labels),
            "spec",
            Map.of("containers", List.of(container), "serviceAccountName", d.serviceAccount())));
    o.put("spec", spec);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("availableReplicas", d.replicas());
    status.put("fullyLabeledReplicas", d.replicas());
    status.put("observedGeneration", 1);
    status.put("readyReplicas", d.replicas());
    status.put("replicas", d.replicas());
    o.put("status", status);
    return new KubeObject(KubeTypes.REPLICA_SET, name, d.namespace(), labels, created, o, d);
  }

  private KubeObject endpoints(Service s) {
    Map<String, Object> meta =
        objects.meta(KubeTypes.ENDPOINTS, s.namespace(), s.name(), s.labels());
    Map<String, Object> o = KubeObjects.obj("v1", "Endpoints", meta);
    List<Pod> pods =
        s.selector().isEmpty() ? List.of() : snapshot.inventory().endpoints(s, Map.of(), now);
    if (!pods.isEmpty()) {
      List<Object> addresses = new ArrayList<>();
      for (Pod p : pods) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("ip", p.ip());
        a.put("nodeName", p.nodeName());
        a.put(
            "targetRef",
            Map.of(
                "kind",
                "Pod",
                "name",
                p.name(),
                "namespace",
                p.namespace(),
                "uid",
                KubeObjects.uid(KubeTypes.POD, p.namespace(), p.name())));
        addresses.add(a);
      }
      List<Object> ports = new ArrayList<>();
      for (Service.Port port : s.ports()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("name", port.name());
        pm.put("port", port.targetPort());
        pm.put("protocol", port.protocol());
        ports.add(pm);
      }
      o.put("subsets", List.of(Map.of("addresses", addresses, "ports", ports)));
    }
    return new KubeObject(KubeTypes.ENDPOINTS, s.name(), s.namespace(), s.labels(), created, o, s);
  }

  private KubeObject node() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", NODE_NAME);
    labels.put("kubernetes.io/os", "linux");
    labels.put("node-role.kubernetes.io/master", "");
    Map<String, Object> meta = objects.meta(KubeTypes.NODE, null, NODE_NAME, labels);
    Map<String, Object> o = KubeObjects.obj("v1", "Node", meta);
    o.put("spec", Map.of("podCIDR", "10.244.0.0/24", "podCIDRs", List.of("10.244.0.0/24")));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put(
        "addresses",
        List.of(
            Map.of("address", Curl.NODE_IP, "type", "InternalIP"),
            Map.of("address", NODE_NAME, "type", "Hostname")));
    Map<String, Object> capacity = new LinkedHashMap<>();
    capacity.put("cpu", "2");
    capacity.put("memory", "4030184Ki");
    capacity.put("pods", "110");
    status.put("allocatable", capacity);
    status.put("capacity", capacity);
    Map<String, Object> ready = new LinkedHashMap<>();
    ready.put("lastHeartbeatTime", KubeObjects.timestamp(created));
    ready.put("lastTransitionTime", KubeObjects.timestamp(created));
    ready.put("message", "kubelet is posting ready status");
    ready.put("reason", "KubeletReady");
    ready.put("status", "True");
    ready.put("type", "Ready");
    status.put("conditions", List.of(ready));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("architecture", "amd64");
    info.put("containerRuntimeVersion", "docker://19.3.13");
    info.put("kernelVersion", "5.4.0-88-generic");
    info.put("kubeProxyVersion", "v1.19.4");
    info.put("kubeletVersion", "v1.19.4");
    info.put("operatingSystem", "linux");
    info.put("osImage", "Ubuntu 20.04.3 LTS");
    status.put("nodeInfo", info);
    o.put("status", status);
    return new KubeObject(KubeTypes.NODE, NODE_NAME, null, labels, created, o, null);
  }

  private KubeObject crd(KubeType t) {
    String name = t.plural() + "." + t.group();
    Map<String, String> labels = new TreeMap<>();
    labels.put("app", "istio-pilot");
    labels.put("chart", "istio");
    labels.put("heritage", "Tiller");
    labels.put("release", "istio");
    Map<String, Object> meta = objects.meta(KubeTypes.CRD, null, name, labels);
    Map<String, Object> o =
        KubeObjects.obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", meta);
    Map<String, Object> names = new LinkedHashMap<>();
    names.put("kind", t.kind());
    names.put("listKind", t.kind() + "List");
    names.put("plural", t.plural());
    if (!t.shortNames().isEmpty()) {
      names.put("shortNames", t.shortNames());
    }
    names.put("singular", t.singular());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("group", t.group());
    spec.put("names", names);
    spec.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
    spec.put("versions", List.of(Map.of("name", t.version(), "served", true, "storage", true)));
    o.put("spec", spec);
    return new KubeObject(KubeTypes.CRD, name, null, labels, created, o, t);
  }

  /**
   * What {@code istioctl install --set profile=demo} recorded, as far as the lab knows it: the
   * profile, the demo profile's meshConfig and, only once an install set it, the outbound traffic
   * policy (the Accessing External Services task reads it and expects nothing there by default).
   * The components and values the real object also holds are not kept.
   */
  private KubeObject installedState(KubeType type) {
    Map<String, Object> meta = objects.meta(type, "istio-system", INSTALLED_STATE, Map.of());
    Map<String, Object> o = KubeObjects.obj(type.apiVersion(), type.kind(), meta);
    Map<String, Object> mesh = new LinkedHashMap<>();
    mesh.put("accessLogFile", "/dev/stdout");
    mesh.put("defaultConfig", Map.of("proxyMetadata", Map.of()));
    mesh.put("enablePrometheusMerge", true);
    snapshot
        .installedOutboundTrafficPolicy()
        .ifPresent(mode -> mesh.put("outboundTrafficPolicy", Map.of("mode", mode)));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("hub", "docker.io/istio");
    spec.put("meshConfig", mesh);
    spec.put("profile", "demo");
    spec.put("tag", "1.8.1");
    o.put("spec", spec);
    return new KubeObject(type, INSTALLED_STATE, "istio-system", Map.of(), created, o, null);
  }

  private KubeObject configMap(String ns, String name, List<String> keys) {
    Map<String, String> labels =
        name.equals("istio-ca-root-cert") ? Map.of("istio.io/config", "true") : Map.of();
    Map<String, Object> meta = objects.meta(KubeTypes.CONFIG_MAP, ns, name, labels);
    Map<String, Object> o = KubeObjects.obj("v1", "ConfigMap", meta);
    Map<String, Object> data = new TreeMap<>();
    keys.forEach(k -> data.put(k, "(content not kept by Traffic Lab)"));
    o.put("data", data);
    return new KubeObject(KubeTypes.CONFIG_MAP, name, ns, labels, created, o, null);
  }

  private KubeObject tokenSecret(KubeObject sa) {
    List<?> secrets = KubeObject.Json.list(sa.json().get("secrets"));
    String name =
        secrets.isEmpty()
            ? sa.name() + "-token"
            : KubeObject.Json.str(KubeObject.Json.map(secrets.get(0)).get("name"));
    Map<String, Object> meta = objects.meta(KubeTypes.SECRET, sa.namespace(), name, Map.of());
    meta.put(
        "annotations",
        Map.of(
            "kubernetes.io/service-account.name",
            sa.name(),
            "kubernetes.io/service-account.uid",
            KubeObjects.uid(KubeTypes.SERVICE_ACCOUNT, sa.namespace(), sa.name())));
    Map<String, Object> o = KubeObjects.obj("v1", "Secret", meta);
    Map<String, Object> data = new TreeMap<>();
    data.put("ca.crt", "");
    data.put("namespace", java.util.Base64.getEncoder().encodeToString(sa.namespace().getBytes()));
    data.put("token", "");
    o.put("data", data);
    o.put("type", "kubernetes.io/service-account-token");
    return new KubeObject(KubeTypes.SECRET, name, sa.namespace(), Map.of(), created, o, null);
  }
}
