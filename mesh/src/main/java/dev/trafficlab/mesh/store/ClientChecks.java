package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's client side, before anything is sent: the validation of apiVersion and kind, the REST
 * mapping (is the kind served in that version?) and the check of the document's namespace against
 * -n.
 */
final class ClientChecks {
  private ClientChecks() {}

  static final String NOT_PROCESSED =
      "not processed: kubectl stopped reading the input at an earlier document "
          + "that failed validation";

  /** Reads the document's identity and maps it to a served kind, or refuses it. */
  static void identify(WorkingDoc d, String source, IstioProfile profile, List<ApiType> types) {
    Request reading = Request.of(Request.Operation.READ, source);
    YamlNode root = d.doc.root();
    if (!(root instanceof YamlNode.Mapping m)) {
      d.fail(
          Failure.of(
              Reason.CLIENT_VALIDATION,
              reading,
              "error validating data: invalid object to validate",
              List.of(Cause.at("invalid object to validate", root.pos())),
              root.pos()));
      return;
    }
    d.root = m;
    YamlNode apiVersion = m.value("apiVersion");
    YamlNode kind = m.value("kind");
    List<Cause> problems = new ArrayList<>();
    if (apiVersion == null || (apiVersion instanceof YamlNode.Scalar s && s.isNull())) {
      problems.add(Cause.at("apiVersion not set", apiVersion != null ? apiVersion.pos() : m.pos()));
    } else if (!(apiVersion instanceof YamlNode.Scalar s && s.value() instanceof String)) {
      problems.add(Cause.at("apiVersion isn't string type", apiVersion.pos()));
    }
    if (kind == null || (kind instanceof YamlNode.Scalar s && s.isNull())) {
      problems.add(Cause.at("kind not set", kind != null ? kind.pos() : m.pos()));
    } else if (!(kind instanceof YamlNode.Scalar s && s.value() instanceof String)) {
      problems.add(Cause.at("kind isn't string type", kind.pos()));
    }
    readMeta(d);
    if (!problems.isEmpty()) {
      List<String> texts = problems.stream().map(Cause::message).toList();
      String what = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
      Pos at =
          texts.get(0).startsWith("apiVersion") && apiVersion != null
              ? apiVersion.pos()
              : kind != null ? kind.pos() : m.pos();
      d.fail(
          Failure.of(
              Reason.CLIENT_VALIDATION, reading, "error validating data: " + what, problems, at));
      return;
    }
    String av = (String) ((YamlNode.Scalar) apiVersion).value();
    String k = (String) ((YamlNode.Scalar) kind).value();
    d.kindName = k;
    d.apiVersion = av;
    ResourceKind rk = ResourceKind.byKind(k).orElse(null);
    boolean served =
        rk != null
            && (rk.istio()
                ? rk.group().equals(group(av)) && profile.servedNetworkingVersions().contains(av)
                : rk.apiVersions().contains(av));
    ApiType type = served ? ApiTypes.of(rk) : ApiTypes.find(types, av, k).orElse(null);
    if (type == null) {
      d.fail(
          Failure.of(
              Reason.UNSERVED_VERSION,
              reading,
              "no matches for kind \"" + k + "\" in version \"" + av + "\"",
              apiVersion.pos()));
      return;
    }
    d.kind = type.known();
    d.type = type;
  }

  /**
   * With -n NS, a namespaced document that names another namespace is refused (kubectl's own
   * check).
   */
  static void namespaceMatches(WorkingDoc d, String flagNamespace, String source) {
    if (d.type.namespaced()
        && d.namespace != null
        && !d.namespace.isEmpty()
        && !d.namespace.equals(flagNamespace)) {
      d.fail(
          Failure.of(
              Reason.NAMESPACE_MISMATCH,
              Request.of(Request.Operation.READ, source),
              "the namespace from the provided object \""
                  + d.namespace
                  + "\" does not match the namespace \""
                  + flagNamespace
                  + "\". You must pass '--namespace="
                  + d.namespace
                  + "' to perform this operation.",
              d.metaPos("namespace")));
    }
  }

  /** Marks a document kubectl never read because an earlier one failed client-side validation. */
  static void skip(WorkingDoc d, String source) {
    d.action = Action.REJECTED;
    d.failure =
        new Failure(
            Reason.NOT_PROCESSED,
            Request.of(Request.Operation.READ, source),
            NOT_PROCESSED,
            List.of(),
            null,
            null);
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static void readMeta(WorkingDoc d) {
    YamlNode meta = d.root.value("metadata");
    d.name = WorkingDoc.scalarText(meta instanceof YamlNode.Mapping mm ? mm.value("name") : null);
    d.namespace =
        WorkingDoc.scalarText(meta instanceof YamlNode.Mapping mm ? mm.value("namespace") : null);
  }
}
