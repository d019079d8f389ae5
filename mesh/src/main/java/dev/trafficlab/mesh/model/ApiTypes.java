package dev.trafficlab.mesh.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds a Kubernetes 1.19 cluster with Istio 1.8.1 installed serves before any
 * CustomResourceDefinition is applied (what kubectl api-resources lists), in the order kubectl
 * lists them: the core group, then the others by group name.
 */
public final class ApiTypes {
  private ApiTypes() {}

  private static final Map<ResourceKind, ApiType> KNOWN = new EnumMap<>(ResourceKind.class);

  static {
    for (ResourceKind k : ResourceKind.values()) {
      if (k != ResourceKind.GENERIC) {
        KNOWN.put(k, ApiType.of(k));
      }
    }
  }

  private static final List<ApiType> BUILT_IN = build();

  /** The type of a kind with behaviour (null for GENERIC, whose type the object carries). */
  public static ApiType of(ResourceKind kind) {
    return KNOWN.get(kind);
  }

  /** Every kind served at the start, kubectl api-resources' order. */
  public static List<ApiType> builtIn() {
    return BUILT_IN;
  }

  /** The served type of a kind in a group/version (apiVersion as written), among these types. */
  public static Optional<ApiType> find(List<ApiType> types, String apiVersion, String kind) {
    return types.stream().filter(t -> t.kind().equals(kind) && t.serves(apiVersion)).findFirst();
  }

  private static List<ApiType> build() {
    List<ApiType> t = new ArrayList<>();
    t.add(g("", "v1", "ComponentStatus", "componentstatuses", false, "cs"));
    t.add(KNOWN.get(ResourceKind.CONFIG_MAP));
    t.add(KNOWN.get(ResourceKind.ENDPOINTS));
    t.add(KNOWN.get(ResourceKind.EVENT));
    t.add(g("", "v1", "LimitRange", "limitranges", true, "limits"));
    t.add(KNOWN.get(ResourceKind.NAMESPACE));
    t.add(KNOWN.get(ResourceKind.NODE));
    t.add(g("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc"));
    t.add(g("", "v1", "PersistentVolume", "persistentvolumes", false, "pv"));
    t.add(KNOWN.get(ResourceKind.POD));
    t.add(g("", "v1", "PodTemplate", "podtemplates", true, null));
    t.add(g("", "v1", "ReplicationController", "replicationcontrollers", true, "rc"));
    t.add(g("", "v1", "ResourceQuota", "resourcequotas", true, "quota"));
    t.add(KNOWN.get(ResourceKind.SECRET));
    t.add(KNOWN.get(ResourceKind.SERVICE_ACCOUNT));
    t.add(KNOWN.get(ResourceKind.SERVICE));
    t.add(
        g(
            "admissionregistration.k8s.io",
            "v1,v1beta1",
            "MutatingWebhookConfiguration",
            "mutatingwebhookconfigurations",
            false,
            null));
    t.add(
        g(
            "admissionregistration.k8s.io",
            "v1,v1beta1",
            "ValidatingWebhookConfiguration",
            "validatingwebhookconfigurations",
            false,
            null));
    t.add(
        new ApiType(
            "apiextensions.k8s.io",
            List.of("v1", "v1beta1"),
            "CustomResourceDefinition",
            "customresourcedefinitions",
            "customresourcedefinition",
            false,
            List.of("crd", "crds"),
            ResourceKind.GENERIC));
    t.add(g("apiregistration.k8s.io", "v1,v1beta1", "APIService", "apiservices", false, null));
    t.add(g("apps", "v1", "ControllerRevision", "controllerrevisions", true, null));
    t.add(g("apps", "v1", "DaemonSet", "daemonsets", true, "ds"));
    t.add(KNOWN.get(ResourceKind.DEPLOYMENT));
    t.add(KNOWN.get(ResourceKind.REPLICA_SET));
    t.add(g("apps", "v1", "StatefulSet", "statefulsets", true, "sts"));
    t.add(
        g(
            "autoscaling",
            "v1,v2beta1,v2beta2",
            "HorizontalPodAutoscaler",
            "horizontalpodautoscalers",
            true,
            "hpa"));
    t.add(g("batch", "v1beta1", "CronJob", "cronjobs", true, "cj"));
    t.add(g("batch", "v1", "Job", "jobs", true, null));
    t.add(
        g(
            "certificates.k8s.io",
            "v1,v1beta1",
            "CertificateSigningRequest",
            "certificatesigningrequests",
            false,
            "csr"));
    t.add(g("coordination.k8s.io", "v1,v1beta1", "Lease", "leases", true, null));
    t.add(g("discovery.k8s.io", "v1beta1", "EndpointSlice", "endpointslices", true, null));
    t.add(g("extensions", "v1beta1", "Ingress", "ingresses", true, "ing"));
    t.add(g("install.istio.io", "v1alpha1", "IstioOperator", "istiooperators", true, "iop,io"));
    t.add(g("networking.istio.io", "v1alpha3", "EnvoyFilter", "envoyfilters", true, null));
    t.add(KNOWN.get(ResourceKind.DESTINATION_RULE));
    t.add(KNOWN.get(ResourceKind.GATEWAY));
    t.add(KNOWN.get(ResourceKind.SERVICE_ENTRY));
    t.add(g("networking.istio.io", "v1beta1,v1alpha3", "Sidecar", "sidecars", true, null));
    t.add(KNOWN.get(ResourceKind.VIRTUAL_SERVICE));
    t.add(
        g(
            "networking.istio.io",
            "v1beta1,v1alpha3",
            "WorkloadEntry",
            "workloadentries",
            true,
            "we"));
    t.add(g("networking.istio.io", "v1alpha3", "WorkloadGroup", "workloadgroups", true, "wg"));
    t.add(g("networking.k8s.io", "v1,v1beta1", "IngressClass", "ingressclasses", false, null));
    t.add(g("networking.k8s.io", "v1beta1", "Ingress", "ingresses", true, "ing"));
    t.add(g("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, "netpol"));
    t.add(g("node.k8s.io", "v1beta1", "RuntimeClass", "runtimeclasses", false, null));
    t.add(g("policy", "v1beta1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb"));
    t.add(g("policy", "v1beta1", "PodSecurityPolicy", "podsecuritypolicies", false, "psp"));
    for (String k : List.of("ClusterRoleBinding", "ClusterRole", "RoleBinding", "Role")) {
      String plural = k.toLowerCase(java.util.Locale.ROOT) + "s";
      t.add(
          g("rbac.authorization.k8s.io", "v1,v1beta1", k, plural, !k.startsWith("Cluster"), null));
    }
    t.add(g("scheduling.k8s.io", "v1,v1beta1", "PriorityClass", "priorityclasses", false, "pc"));
    t.add(
        g(
            "security.istio.io",
            "v1beta1",
            "AuthorizationPolicy",
            "authorizationpolicies",
            true,
            null));
    t.add(
        g("security.istio.io", "v1beta1", "PeerAuthentication", "peerauthentications", true, "pa"));
    t.add(
        g(
            "security.istio.io",
            "v1beta1",
            "RequestAuthentication",
            "requestauthentications",
            true,
            "ra"));
    t.add(g("storage.k8s.io", "v1,v1beta1", "CSIDriver", "csidrivers", false, null));
    t.add(g("storage.k8s.io", "v1,v1beta1", "CSINode", "csinodes", false, null));
    t.add(g("storage.k8s.io", "v1,v1beta1", "StorageClass", "storageclasses", false, "sc"));
    t.add(g("storage.k8s.io", "v1,v1beta1", "VolumeAttachment", "volumeattachments", false, null));
    return List.copyOf(t);
  }

  private static ApiType g(
      String group,
      String versions,
      String kind,
      String plural,
      boolean namespaced,
      String short_) {
    return ApiType.generic(
        group,
        List.of(versions.split(",")),
        kind,
        plural,
        namespaced,
        short_ == null ? List.of() : List.of(short_.split(",")));
  }
}
