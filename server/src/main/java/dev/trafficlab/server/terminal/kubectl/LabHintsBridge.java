package dev.trafficlab.server.terminal.kubectl;

import dev.trafficlab.mesh.model.IstioProfile;

/** Where the terminal asks the mesh for the lab's hint lines (the mesh-config work owns their wording). */
final class LabHintsBridge {
  private LabHintsBridge() {}

  static String apiVersionHint(IstioProfile profile) {
    return "Hint (Traffic Lab): Istio " + profile.displayVersion() + " serves networking.istio.io/v1alpha3 and "
        + "v1beta1 only; networking.istio.io/v1 arrived in Istio 1.22. Use apiVersion: networking.istio.io/v1alpha3.";
  }
}
