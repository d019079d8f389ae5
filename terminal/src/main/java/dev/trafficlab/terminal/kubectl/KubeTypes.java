package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.model.ResourceKind;
import java.util.List;
import java.util.Optional;

/**
 * The API resources of the lab's cluster, in the order kubectl 1.19 api-resources prints them:
 * Kubernetes 1.19's built-in resources, then the CustomResourceDefinitions Istio 1.8.1 installs.
 */
final class KubeTypes {
  private KubeTypes() {}

  private static KubeType t(
      String kind, String plural, String shorts, String group, String version, boolean ns) {
    return t(kind, plural, shorts, group, version, ns, null);
  }

  private static KubeType t(
      String kind,
      String plural,
      String shorts,
      String group,
      String version,
      boolean ns,
      ResourceKind mesh) {
    return new KubeType(
        kind,
        plural,
        shorts.isEmpty() ? List.of() : List.of(shorts.split(",")),
        group,
        version,
        ns,
        mesh);
  }

  static final KubeType POD = t("Pod", "pods", "po", "", "v1", true, ResourceKind.POD);
  static final KubeType SERVICE =
      t("Service", "services", "svc", "", "v1", true, ResourceKind.SERVICE);
  static final KubeType DEPLOYMENT =
      t("Deployment", "deployments", "deploy", "apps", "v1", true, ResourceKind.DEPLOYMENT);
  static final KubeType REPLICA_SET = t("ReplicaSet", "replicasets", "rs", "apps", "v1", true);
  static final KubeType NAMESPACE =
      t("Namespace", "namespaces", "ns", "", "v1", false, ResourceKind.NAMESPACE);
  static final KubeType NODE = t("Node", "nodes", "no", "", "v1", false);
  static final KubeType ENDPOINTS = t("Endpoints", "endpoints", "ep", "", "v1", true);
  static final KubeType EVENT = t("Event", "events", "ev", "", "v1", true);
  static final KubeType CONFIG_MAP = t("ConfigMap", "configmaps", "cm", "", "v1", true);
  static final KubeType SECRET = t("Secret", "secrets", "", "", "v1", true);
  static final KubeType SERVICE_ACCOUNT =
      t("ServiceAccount", "serviceaccounts", "sa", "", "v1", true, ResourceKind.SERVICE_ACCOUNT);
  static final KubeType CRD =
      t(
          "CustomResourceDefinition",
          "customresourcedefinitions",
          "crd,crds",
          "apiextensions.k8s.io",
          "v1",
          false);
  static final KubeType DAEMON_SET = t("DaemonSet", "daemonsets", "ds", "apps", "v1", true);
  static final KubeType STATEFUL_SET = t("StatefulSet", "statefulsets", "sts", "apps", "v1", true);
  static final KubeType JOB = t("Job", "jobs", "", "batch", "v1", true);
  static final KubeType CRON_JOB = t("CronJob", "cronjobs", "cj", "batch", "v1beta1", true);
  static final KubeType HPA =
      t("HorizontalPodAutoscaler", "horizontalpodautoscalers", "hpa", "autoscaling", "v1", true);
  static final KubeType REPLICATION_CONTROLLER =
      t("ReplicationController", "replicationcontrollers", "rc", "", "v1", true);

  private static final String NET = "networking.istio.io";
  private static final String SEC = "security.istio.io";

  static final List<KubeType> ALL =
      List.of(
          t("Binding", "bindings", "", "", "v1", true),
          t("ComponentStatus", "componentstatuses", "cs", "", "v1", false),
          CONFIG_MAP,
          ENDPOINTS,
          EVENT,
          t("LimitRange", "limitranges", "limits", "", "v1", true),
          NAMESPACE,
          NODE,
          t("PersistentVolumeClaim", "persistentvolumeclaims", "pvc", "", "v1", true),
          t("PersistentVolume", "persistentvolumes", "pv", "", "v1", false),
          POD,
          t("PodTemplate", "podtemplates", "", "", "v1", true),
          REPLICATION_CONTROLLER,
          t("ResourceQuota", "resourcequotas", "quota", "", "v1", true),
          SECRET,
          SERVICE_ACCOUNT,
          SERVICE,
          t(
              "MutatingWebhookConfiguration",
              "mutatingwebhookconfigurations",
              "",
              "admissionregistration.k8s.io",
              "v1",
              false),
          t(
              "ValidatingWebhookConfiguration",
              "validatingwebhookconfigurations",
              "",
              "admissionregistration.k8s.io",
              "v1",
              false),
          CRD,
          t("APIService", "apiservices", "", "apiregistration.k8s.io", "v1", false),
          t("ControllerRevision", "controllerrevisions", "", "apps", "v1", true),
          DAEMON_SET,
          DEPLOYMENT,
          REPLICA_SET,
          STATEFUL_SET,
          t("TokenReview", "tokenreviews", "", "authentication.k8s.io", "v1", false),
          t(
              "LocalSubjectAccessReview",
              "localsubjectaccessreviews",
              "",
              "authorization.k8s.io",
              "v1",
              true),
          t(
              "SelfSubjectAccessReview",
              "selfsubjectaccessreviews",
              "",
              "authorization.k8s.io",
              "v1",
              false),
          t(
              "SelfSubjectRulesReview",
              "selfsubjectrulesreviews",
              "",
              "authorization.k8s.io",
              "v1",
              false),
          t("SubjectAccessReview", "subjectaccessreviews", "", "authorization.k8s.io", "v1", false),
          HPA,
          CRON_JOB,
          JOB,
          t(
              "CertificateSigningRequest",
              "certificatesigningrequests",
              "csr",
              "certificates.k8s.io",
              "v1",
              false),
          t("Lease", "leases", "", "coordination.k8s.io", "v1", true),
          t("EndpointSlice", "endpointslices", "", "discovery.k8s.io", "v1beta1", true),
          t("Event", "events", "ev", "events.k8s.io", "v1", true),
          t("Ingress", "ingresses", "ing", "extensions", "v1beta1", true),
          t("IngressClass", "ingressclasses", "", "networking.k8s.io", "v1", false),
          t("Ingress", "ingresses", "ing", "networking.k8s.io", "v1", true),
          t("NetworkPolicy", "networkpolicies", "netpol", "networking.k8s.io", "v1", true),
          t("RuntimeClass", "runtimeclasses", "", "node.k8s.io", "v1beta1", false),
          t("PodDisruptionBudget", "poddisruptionbudgets", "pdb", "policy", "v1beta1", true),
          t("PodSecurityPolicy", "podsecuritypolicies", "psp", "policy", "v1beta1", false),
          t(
              "ClusterRoleBinding",
              "clusterrolebindings",
              "",
              "rbac.authorization.k8s.io",
              "v1",
              false),
          t("ClusterRole", "clusterroles", "", "rbac.authorization.k8s.io", "v1", false),
          t("RoleBinding", "rolebindings", "", "rbac.authorization.k8s.io", "v1", true),
          t("Role", "roles", "", "rbac.authorization.k8s.io", "v1", true),
          t("PriorityClass", "priorityclasses", "pc", "scheduling.k8s.io", "v1", false),
          t("CSIDriver", "csidrivers", "", "storage.k8s.io", "v1", false),
          t("CSINode", "csinodes", "", "storage.k8s.io", "v1", false),
          t("StorageClass", "storageclasses", "sc", "storage.k8s.io", "v1", false),
          t("VolumeAttachment", "volumeattachments", "", "storage.k8s.io", "v1", false),
          t("IstioOperator", "istiooperators", "iop,io", "install.istio.io", "v1alpha1", true),
          t(
              "DestinationRule",
              "destinationrules",
              "dr",
              NET,
              "v1beta1",
              true,
              ResourceKind.DESTINATION_RULE),
          t("EnvoyFilter", "envoyfilters", "", NET, "v1alpha3", true),
          t("Gateway", "gateways", "gw", NET, "v1beta1", true, ResourceKind.GATEWAY),
          t(
              "ServiceEntry",
              "serviceentries",
              "se",
              NET,
              "v1beta1",
              true,
              ResourceKind.SERVICE_ENTRY),
          t("Sidecar", "sidecars", "", NET, "v1beta1", true),
          t(
              "VirtualService",
              "virtualservices",
              "vs",
              NET,
              "v1beta1",
              true,
              ResourceKind.VIRTUAL_SERVICE),
          t("WorkloadEntry", "workloadentries", "we", NET, "v1beta1", true),
          t("WorkloadGroup", "workloadgroups", "wg", NET, "v1alpha3", true),
          t("AuthorizationPolicy", "authorizationpolicies", "", SEC, "v1beta1", true),
          t("PeerAuthentication", "peerauthentications", "pa", SEC, "v1beta1", true),
          t("RequestAuthentication", "requestauthentications", "ra", SEC, "v1beta1", true));

  /**
   * The type a command line names (pods, po, pod, Pod, deployments.apps...); the first match in
   * discovery order, as kubectl's RESTMapper prefers the core and apps groups.
   */
  static Optional<KubeType> byName(String name) {
    return ALL.stream().filter(t -> t.named(name)).findFirst();
  }

  /** As {@link #byName(String)}, then the kinds the cluster's CustomResourceDefinitions add. */
  static Optional<KubeType> byName(dev.trafficlab.mesh.store.Snapshot snapshot, String name) {
    return byName(name).or(() -> snapshot.apiType(name).map(t -> KubeType.of(t)));
  }

  /** The type of a store kind. */
  static KubeType of(ResourceKind kind) {
    return ALL.stream()
        .filter(t -> t.mesh() == kind)
        .findFirst()
        .or(
            () ->
                ALL.stream()
                    .filter(t -> t.kind().equals(kind.kind()) && t.group().equals(kind.group()))
                    .findFirst())
        .orElseThrow(() -> new IllegalArgumentException("no API resource for " + kind));
  }

  /** The type named by an object's kind and apiVersion group. */
  static Optional<KubeType> byKind(String kind, String group) {
    return ALL.stream()
        .filter(t -> t.kind().equals(kind) && (group == null || t.group().equals(group)))
        .findFirst();
  }
}
