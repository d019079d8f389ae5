package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.validation.IstioWebhook;
import dev.trafficlab.mesh.validation.Problem;
import dev.trafficlab.mesh.validation.SchemaCheck;
import java.util.List;

/**
 * Istio's validating admission webhook (validation.istio.io), after the schema has accepted the
 * object.
 */
final class AdmissionPhase {
  private AdmissionPhase() {}

  /** The webhook's verdict, or null when it denied the object (the document is then refused). */
  static IstioWebhook.Verdict review(
      WorkingDoc d, Request request, SchemaCheck.Result schema, IstioProfile profile) {
    IstioWebhook.Verdict verdict =
        IstioWebhook.review(d.kind, d.name, d.namespace, schema, profile);
    if (!verdict.allowed()) {
      List<Cause> causes =
          verdict.errors().stream().map(p -> Cause.at(p.message(), p.pos())).toList();
      Pos at = verdict.errors().isEmpty() ? d.root.pos() : verdict.errors().get(0).pos();
      d.failWithCauses(
          Failure.of(
              Reason.ADMISSION_DENIED,
              request,
              "admission webhook \""
                  + IstioWebhook.NAME
                  + "\" denied the request: "
                  + verdict.denial(),
              causes,
              at));
      return null;
    }
    for (Problem w : verdict.warnings()) {
      d.warn(w.message(), w.pos());
    }
    return verdict;
  }
}
