package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 1: the 358-byte VirtualService whose URI regexes nest {1000} in {1000} used to
 * build a 65 MB program per regex. Istio 1.8.1 validates each regex with Go's regexp, which refuses
 * nested repeats whose counts multiply past 1000: the apply is denied with Go's message, nothing is
 * stored, and a quiet learner applies as usual.
 */
class OversizedRegexIsRejectedTest {
  private static final String ATTACK =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: evil
      spec:
        hosts: [reviews]
        http:
        - match:
          - uri: {regex: "((a{1000}){1000})a0"}
          - uri: {regex: "((b{1000}){1000})b1"}
          - uri: {regex: "((c{1000}){1000})c2"}
          - uri: {regex: "((d{1000}){1000})d3"}
          route:
          - destination: {host: reviews}
      """;

  private static ConfigStore store() {
    return new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
  }

  @Test
  void nestedRepeatsAreDeniedWithGoMessageInsideIstioWording() {
    ConfigStore attacker = store();
    ApplyReport r = attacker.apply(ATTACK, "default", "evil.yaml", ApplyMode.APPLY);
    assertThat(r.ok()).isFalse();
    assertThat(r.output())
        .contains(
            "admission webhook \"validation.istio.io\" denied the request: "
                + "configuration is invalid: 4 errors occurred:")
        .contains(
            "* \"uri\": error parsing regexp: invalid repeat count: `{1000}`; Istio uses RE2 style "
                + "regex-based match (https://github.com/google/re2/wiki/Syntax)");
    assertThat(attacker.current().list(ResourceKind.VIRTUAL_SERVICE, null)).isEmpty();
  }

  @Test
  void aQuietLearnerAppliesAsUsualNextToTheAttacker() {
    ConfigStore attacker = store();
    ConfigStore quiet = store();
    for (int i = 0; i < 4; i++) {
      assertThat(attacker.apply(ATTACK, "default", "evil.yaml", ApplyMode.APPLY).ok()).isFalse();
    }
    ApplyReport r =
        quiet.apply(
            ATTACK
                .replace("((a{1000}){1000})a0", "/reviews/[0-9]+")
                .replace("evil", "fine")
                .replace("((b{1000}){1000})b1", "/b")
                .replace("((c{1000}){1000})c2", "/c")
                .replace("((d{1000}){1000})d3", "(d{10}){100}"),
            "default",
            "fine.yaml",
            ApplyMode.APPLY);
    assertThat(r.output()).isEqualTo("virtualservice.networking.istio.io/fine created\n");
  }

  @Test
  void editorValidationReportsTheSameErrorAtTheRegex() {
    assertThat(store().validate(ATTACK, "default"))
        .anySatisfy(
            d -> {
              assertThat(d.message()).contains("invalid repeat count: `{1000}`");
              assertThat(d.line()).isEqualTo(9);
            });
  }
}
