package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.Platform;
import dev.trafficlab.mesh.model.KubeSpec;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API server's handling of a Kubernetes object (a workload kind with behaviour, or any other
 * kind, stored as given): the namespace must exist, the object must pass its kind's validation
 * ({@link KubeValidation}) and the sandbox's quota, then it is stored as an Istio object is.
 */
final class KubePhase {
  private KubePhase() {}

  private static final Set<String> NOT_BODY =
      Set.of("apiVersion", "kind", "metadata", "spec", "status");

  static void apply(WorkingState s, WorkingDoc d, String source, boolean createMode) {
    Request creating = Request.of(Request.Operation.CREATE, source);
    if (d.kind.derived() || d.kind == ResourceKind.POD) {
      d.fail(
          Failure.of(
              Reason.FORBIDDEN,
              creating,
              Kube.quoted(d.type, d.name) + " is forbidden: " + Kube.derived(d.type),
              d.root.value("kind").pos()));
      return;
    }
    if (d.type.namespaced() && !StorePhase.namespaceExists(s, d, source)) {
      return;
    }
    if (d.type.namespaced() && Platform.has(d.type.plural(), d.namespace, d.name)) {
      d.fail(
          Failure.of(
              Reason.FORBIDDEN,
              creating,
              Kube.quoted(d.type, d.name) + " is forbidden: " + Kube.PLATFORM,
              d.metaPos("name")));
      return;
    }
    StorePhase.Live live = StorePhase.live(s, d);
    if (!createMode && !d.patching && live.unchanged()) {
      d.succeed(Action.UNCHANGED);
      return;
    }
    Request request = StorePhase.request(live, source, createMode);
    Map<String, Object> object = json(d.root);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        object.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> body = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object.entrySet()) {
      if (!NOT_BODY.contains(e.getKey())) {
        body.put(e.getKey(), e.getValue());
      }
    }
    if (d.kind == ResourceKind.SECRET) {
      body = secretData(body);
    }
    List<Cause> causes = new ArrayList<>();
    KubeValidation.check(d, spec, live.existing(), causes);
    if (!causes.isEmpty()) {
      List<String> texts = causes.stream().map(Cause::message).toList();
      String agg = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
      d.failWithCauses(
          new Failure(
              Reason.INVALID,
              request,
              d.type.qualifiedKind() + " \"" + d.name + "\" is invalid: " + agg,
              causes,
              causes.get(0).line(),
              causes.get(0).column()));
      return;
    }
    if (d.kind == ResourceKind.DEPLOYMENT) {
      String exceeded = Quota.exceeded(s, d.namespace, d.name, spec, live.existing());
      if (exceeded != null) {
        d.fail(
            Failure.of(
                Reason.FORBIDDEN,
                request,
                Kube.quoted(d.type, d.name) + " is forbidden: " + exceeded,
                d.metaPos("name")));
        return;
      }
    }
    StorePhase.store(
        s,
        d,
        live,
        java.util.Collections.unmodifiableMap(spec),
        new KubeSpec(),
        java.util.Collections.unmodifiableMap(body),
        List.of(),
        source,
        createMode);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(YamlNode.Mapping root) {
    Object o = SchemaCheck.toJson(root);
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The API server keeps a Secret's stringData as base64 data. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> secretData(Map<String, Object> body) {
    if (!(body.get("stringData") instanceof Map<?, ?> sd)) {
      return body;
    }
    Map<String, Object> out = new LinkedHashMap<>(body);
    Map<String, Object> data =
        out.get("data") instanceof Map<?, ?> dm
            ? new LinkedHashMap<>((Map<String, Object>) dm)
            : new LinkedHashMap<>();
    sd.forEach(
        (k, v) ->
            data.put(
                String.valueOf(k),
                Base64.getEncoder()
                    .encodeToString(
                        String.valueOf(v).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    out.remove("stringData");
    out.put("data", data);
    return out;
  }
}
