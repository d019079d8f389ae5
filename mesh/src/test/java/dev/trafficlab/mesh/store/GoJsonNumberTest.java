package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers as Go's encoding/json writes a float64 (encode.go floatEncoder): shortest round-trip
 * digits, 'e' format only below 1e-6 or from 1e21 up, and a negative exponent without strconv's
 * leading zero ({@code 1e-7}, never {@code 1e-07}); a positive one keeps its sign ({@code 1e+21}).
 */
class GoJsonNumberTest {

  @ParameterizedTest
  @CsvSource({
    "1e-7, 1e-7",
    "1.5e-7, 1.5e-7",
    "-2.5e-9, -2.5e-9",
    "1e-10, 1e-10",
    "1.2345e-100, 1.2345e-100",
    "5e-324, 5e-324",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "1e20, 100000000000000000000",
    "0.000001, 0.000001",
    "0.1, 0.1",
    "50.5, 50.5",
    "100.0, 100",
    "0.30000000000000004, 0.30000000000000004",
    "2e-3, 0.002",
    "-0.0, -0",
    "0.0, 0"
  })
  void writesFloatsAsGosEncodingJson(double value, String go) {
    assertThat(GoJson.number(value)).isEqualTo(go);
  }

  @Test
  void theLastAppliedAnnotationWritesATinyMirrorPercentageAsGoDoes() {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    ApplyReport r =
        store.apply(
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n"
                + "  name: ratings\nspec:\n  hosts: [ratings]\n  http:\n  - mirror: {host: ratings}\n"
                + "    mirrorPercentage: {value: 1e-7}\n    route:\n    - destination: {host: ratings}\n",
            "default",
            "STDIN",
            ApplyMode.APPLY);
    assertThat(r.output()).isEqualTo("virtualservice.networking.istio.io/ratings created\n");
    String annotation =
        store
            .current()
            .get(ResourceKind.VIRTUAL_SERVICE, "default", "ratings")
            .orElseThrow()
            .meta()
            .annotations()
            .get("kubectl.kubernetes.io/last-applied-configuration");
    assertThat(annotation).contains("\"mirrorPercentage\":{\"value\":1e-7}");
  }
}
