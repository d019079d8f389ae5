package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.IstioProfile;
import java.util.Optional;

/**
 * The one line the lab adds after kubectl's own output when a learner applies YAML written for a
 * newer Istio (networking.istio.io/v1, which today's docs show). kubectl's text itself stays
 * exactly what 1.19 prints.
 */
public final class LabHints {
  private LabHints() {}

  private static final String NEWER_VERSION = "networking.istio.io/v1";

  /** The hint for this apply, if one of its documents was refused for its apiVersion. */
  public static Optional<String> hint(ApplyReport report) {
    boolean refused =
        report.results().stream()
            .anyMatch(
                r -> r.reason() == Reason.UNSERVED_VERSION && NEWER_VERSION.equals(r.apiVersion()));
    return refused ? Optional.of(text(IstioProfile.ISTIO_1_8)) : Optional.empty();
  }

  public static String text(IstioProfile profile) {
    return "Hint: this lab runs Istio "
        + profile.displayVersion()
        + ", which does not serve networking.istio.io/v1"
        + " (Istio 1.22+ does); use apiVersion: networking.istio.io/v1beta1 or networking.istio.io/v1alpha3 instead.";
  }
}
