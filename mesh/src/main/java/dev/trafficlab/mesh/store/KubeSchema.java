package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubectl 1.19's client-side validation of the Kubernetes kinds with behaviour against the API
 * server's OpenAPI schema: missing required fields, unknown fields and wrong types, worded as
 * kubectl words them ({@code ValidationError(Deployment.spec): missing required field "selector" in
 * io.k8s.api.apps.v1.DeploymentSpec}). kubectl stops reading the input at such a document.
 */
final class KubeSchema {
  private KubeSchema() {}

  /** A field's type: a primitive, an object type, an array of one, a map of strings, or free. */
  private record F(String prim, String ref, boolean array) {}

  private record T(String name, Map<String, F> fields, Set<String> required, boolean closed) {}

  private static final Map<String, T> TYPES = new HashMap<>();

  private static final F STRING = new F("string", null, false);
  private static final F INTEGER = new F("integer", null, false);
  private static final F BOOLEAN = new F("boolean", null, false);
  private static final F FREE = new F(null, null, false);
  private static final F STRINGS = new F("string", null, true);
  private static final F STRING_MAP = new F("map", null, false);
  private static final F INT_OR_STRING = new F("int-or-string", null, false);

  private static F ref(String t) {
    return new F(null, t, false);
  }

  private static F array(String t) {
    return new F(null, t, true);
  }

  private static void type(String name, Set<String> required, Object... fields) {
    Map<String, F> m = new HashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      m.put((String) fields[i], (F) fields[i + 1]);
    }
    TYPES.put(name, new T(name, m, required, true));
  }

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  static {
    type(
        META,
        Set.of(),
        "name",
        STRING,
        "generateName",
        STRING,
        "namespace",
        STRING,
        "selfLink",
        STRING,
        "uid",
        STRING,
        "resourceVersion",
        STRING,
        "generation",
        INTEGER,
        "creationTimestamp",
        STRING,
        "deletionTimestamp",
        STRING,
        "deletionGracePeriodSeconds",
        INTEGER,
        "labels",
        STRING_MAP,
        "annotations",
        STRING_MAP,
        "ownerReferences",
        FREE,
        "finalizers",
        STRINGS,
        "clusterName",
        STRING,
        "managedFields",
        FREE);
    type(
        "io.k8s.api.apps.v1.Deployment",
        Set.of(),
        "apiVersion",
        STRING,
        "kind",
        STRING,
        "metadata",
        ref(META),
        "spec",
        ref("io.k8s.api.apps.v1.DeploymentSpec"),
        "status",
        FREE);
    type(
        "io.k8s.api.apps.v1.DeploymentSpec",
        Set.of("selector", "template"),
        "replicas",
        INTEGER,
        "selector",
        ref("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"),
        "template",
        ref("io.k8s.api.core.v1.PodTemplateSpec"),
        "strategy",
        FREE,
        "minReadySeconds",
        INTEGER,
        "revisionHistoryLimit",
        INTEGER,
        "paused",
        BOOLEAN,
        "progressDeadlineSeconds",
        INTEGER);
    type(
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
        Set.of(),
        "matchLabels",
        STRING_MAP,
        "matchExpressions",
        FREE);
    type(
        "io.k8s.api.core.v1.PodTemplateSpec",
        Set.of(),
        "metadata",
        ref(META),
        "spec",
        ref("io.k8s.api.core.v1.PodSpec"));
    List<Object> podSpec =
        new ArrayList<>(
            List.of(
                "containers",
                array("io.k8s.api.core.v1.Container"),
                "initContainers",
                array("io.k8s.api.core.v1.Container"),
                "serviceAccountName",
                STRING,
                "serviceAccount",
                STRING,
                "hostNetwork",
                BOOLEAN,
                "nodeName",
                STRING,
                "restartPolicy",
                STRING,
                "terminationGracePeriodSeconds",
                INTEGER));
    for (String f :
        List.of(
            "volumes",
            "ephemeralContainers",
            "activeDeadlineSeconds",
            "dnsPolicy",
            "nodeSelector",
            "automountServiceAccountToken",
            "hostPID",
            "hostIPC",
            "shareProcessNamespace",
            "securityContext",
            "imagePullSecrets",
            "hostname",
            "subdomain",
            "affinity",
            "schedulerName",
            "tolerations",
            "hostAliases",
            "priorityClassName",
            "priority",
            "dnsConfig",
            "readinessGates",
            "runtimeClassName",
            "enableServiceLinks",
            "preemptionPolicy",
            "overhead",
            "topologySpreadConstraints",
            "setHostnameAsFQDN")) {
      podSpec.add(f);
      podSpec.add(FREE);
    }
    type("io.k8s.api.core.v1.PodSpec", Set.of("containers"), podSpec.toArray());
    List<Object> container =
        new ArrayList<>(
            List.of(
                "name",
                STRING,
                "image",
                STRING,
                "command",
                STRINGS,
                "args",
                STRINGS,
                "workingDir",
                STRING,
                "ports",
                array("io.k8s.api.core.v1.ContainerPort"),
                "env",
                array("io.k8s.api.core.v1.EnvVar"),
                "imagePullPolicy",
                STRING,
                "stdin",
                BOOLEAN,
                "tty",
                BOOLEAN));
    for (String f :
        List.of(
            "envFrom",
            "resources",
            "volumeMounts",
            "volumeDevices",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
            "lifecycle",
            "terminationMessagePath",
            "terminationMessagePolicy",
            "securityContext",
            "stdinOnce")) {
      container.add(f);
      container.add(FREE);
    }
    type("io.k8s.api.core.v1.Container", Set.of("name"), container.toArray());
    type(
        "io.k8s.api.core.v1.ContainerPort",
        Set.of("containerPort"),
        "containerPort",
        INTEGER,
        "name",
        STRING,
        "protocol",
        STRING,
        "hostPort",
        INTEGER,
        "hostIP",
        STRING);
    type(
        "io.k8s.api.core.v1.EnvVar",
        Set.of("name"),
        "name",
        STRING,
        "value",
        STRING,
        "valueFrom",
        FREE);
    type(
        "io.k8s.api.core.v1.Service",
        Set.of(),
        "apiVersion",
        STRING,
        "kind",
        STRING,
        "metadata",
        ref(META),
        "spec",
        ref("io.k8s.api.core.v1.ServiceSpec"),
        "status",
        FREE);
    List<Object> serviceSpec =
        new ArrayList<>(
            List.of(
                "ports",
                array("io.k8s.api.core.v1.ServicePort"),
                "selector",
                STRING_MAP,
                "clusterIP",
                STRING,
                "type",
                STRING,
                "externalName",
                STRING));
    for (String f :
        List.of(
            "externalIPs",
            "sessionAffinity",
            "loadBalancerIP",
            "loadBalancerSourceRanges",
            "externalTrafficPolicy",
            "healthCheckNodePort",
            "publishNotReadyAddresses",
            "sessionAffinityConfig",
            "ipFamily",
            "topologyKeys")) {
      serviceSpec.add(f);
      serviceSpec.add(FREE);
    }
    type("io.k8s.api.core.v1.ServiceSpec", Set.of(), serviceSpec.toArray());
    type(
        "io.k8s.api.core.v1.ServicePort",
        Set.of("port"),
        "port",
        INTEGER,
        "name",
        STRING,
        "protocol",
        STRING,
        "targetPort",
        INT_OR_STRING,
        "nodePort",
        INTEGER,
        "appProtocol",
        STRING);
    type(
        "io.k8s.api.core.v1.ConfigMap",
        Set.of(),
        "apiVersion",
        STRING,
        "kind",
        STRING,
        "metadata",
        ref(META),
        "data",
        STRING_MAP,
        "binaryData",
        FREE,
        "immutable",
        BOOLEAN);
    type(
        "io.k8s.api.core.v1.Secret",
        Set.of(),
        "apiVersion",
        STRING,
        "kind",
        STRING,
        "metadata",
        ref(META),
        "data",
        STRING_MAP,
        "stringData",
        STRING_MAP,
        "type",
        STRING,
        "immutable",
        BOOLEAN);
    type(
        "io.k8s.api.core.v1.ServiceAccount",
        Set.of(),
        "apiVersion",
        STRING,
        "kind",
        STRING,
        "metadata",
        ref(META),
        "secrets",
        FREE,
        "imagePullSecrets",
        FREE,
        "automountServiceAccountToken",
        BOOLEAN);
    type(
        "io.k8s.api.core.v1.Namespace",
        Set.of(),
        "apiVersion",
        STRING,
        "kind",
        STRING,
        "metadata",
        ref(META),
        "spec",
        FREE,
        "status",
        FREE);
  }

  private static final Map<ResourceKind, String> ROOTS =
      Map.of(
          ResourceKind.DEPLOYMENT, "io.k8s.api.apps.v1.Deployment",
          ResourceKind.SERVICE, "io.k8s.api.core.v1.Service",
          ResourceKind.CONFIG_MAP, "io.k8s.api.core.v1.ConfigMap",
          ResourceKind.SECRET, "io.k8s.api.core.v1.Secret",
          ResourceKind.SERVICE_ACCOUNT, "io.k8s.api.core.v1.ServiceAccount",
          ResourceKind.NAMESPACE, "io.k8s.api.core.v1.Namespace");

  private record Problem(String text, Pos pos) {}

  /** Refuses the document (CLIENT_VALIDATION) when its kind's schema finds problems. */
  static void check(WorkingDoc d, String source) {
    String root = ROOTS.get(d.kind);
    if (root == null) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    walk(d.root, TYPES.get(root), d.kindName, d.root.pos(), problems);
    if (problems.isEmpty()) {
      return;
    }
    List<String> texts = problems.stream().map(Problem::text).toList();
    String what = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
    List<Cause> causes = problems.stream().map(p -> Cause.at(p.text(), p.pos())).toList();
    d.fail(
        Failure.of(
            Reason.CLIENT_VALIDATION,
            Request.of(Request.Operation.READ, source),
            "error validating data: " + what,
            causes,
            problems.get(0).pos()));
  }

  /** {@code at}: where a missing field is reported, the key of the object that lacks it. */
  private static void walk(YamlNode node, T type, String path, Pos at, List<Problem> out) {
    if (!(node instanceof YamlNode.Mapping m)) {
      return;
    }
    for (String r : type.required()) {
      YamlNode v = m.value(r);
      if (v == null || (v instanceof YamlNode.Scalar s && s.isNull())) {
        out.add(
            new Problem(
                "ValidationError("
                    + path
                    + "): missing required field \""
                    + r
                    + "\" in "
                    + type.name(),
                at));
      }
    }
    for (YamlNode.Entry e : m.entries()) {
      F f = type.fields().get(e.key());
      String here = path + "." + e.key();
      if (f == null) {
        out.add(
            new Problem(
                "ValidationError("
                    + path
                    + "): unknown field \""
                    + e.key()
                    + "\" in "
                    + type.name(),
                e.keyPos()));
        continue;
      }
      YamlNode v = e.value();
      if (v instanceof YamlNode.Scalar s && s.isNull()) {
        continue;
      }
      field(v, f, type.name() + "." + e.key(), here, e.keyPos(), out);
    }
  }

  private static void field(
      YamlNode v, F f, String fieldName, String path, Pos at, List<Problem> out) {
    if (f.array()) {
      if (!(v instanceof YamlNode.Sequence seq)) {
        out.add(invalidType(path, fieldName, v, "array"));
        return;
      }
      for (int i = 0; i < seq.items().size(); i++) {
        YamlNode item = seq.items().get(i);
        if (f.ref() != null) {
          if (!(item instanceof YamlNode.Mapping)) {
            out.add(invalidType(path + "[" + i + "]", fieldName, item, "object"));
          } else {
            walk(item, TYPES.get(f.ref()), path + "[" + i + "]", item.pos(), out);
          }
        } else if (!jsonType(item).equals(f.prim())) {
          out.add(invalidType(path + "[" + i + "]", fieldName, item, f.prim()));
        }
      }
      return;
    }
    if (f.ref() != null) {
      if (!(v instanceof YamlNode.Mapping)) {
        out.add(invalidType(path, fieldName, v, "object"));
      } else {
        walk(v, TYPES.get(f.ref()), path, at, out);
      }
      return;
    }
    if (f.prim() == null) {
      return;
    }
    switch (f.prim()) {
      case "map" -> {
        if (!(v instanceof YamlNode.Mapping mm)) {
          out.add(invalidType(path, fieldName, v, "object"));
          return;
        }
        for (YamlNode.Entry e : mm.entries()) {
          YamlNode x = e.value();
          if (!(x instanceof YamlNode.Scalar s && s.isNull()) && !jsonType(x).equals("string")) {
            out.add(invalidType(path + "." + e.key(), fieldName, x, "string"));
          }
        }
      }
      case "int-or-string" -> {
        String t = jsonType(v);
        if (!t.equals("integer") && !t.equals("string")) {
          out.add(invalidType(path, fieldName, v, "integer"));
        }
      }
      default -> {
        if (!jsonType(v).equals(f.prim())) {
          out.add(invalidType(path, fieldName, v, f.prim()));
        }
      }
    }
  }

  private static Problem invalidType(String path, String field, YamlNode v, String expected) {
    return new Problem(
        "ValidationError("
            + path
            + "): invalid type for "
            + field
            + ": got \""
            + jsonType(v)
            + "\", expected \""
            + expected
            + "\"",
        v.pos());
  }

  private static String jsonType(YamlNode n) {
    if (n instanceof YamlNode.Mapping) {
      return "map";
    }
    if (n instanceof YamlNode.Sequence) {
      return "array";
    }
    Object v = ((YamlNode.Scalar) n).value();
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
      return "integer";
    }
    return "number";
  }
}
