package dev.trafficlab.mesh.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Whatever text a learner applies, the YAML reader either reads it or refuses it with its own
 * error, and the store answers with kubectl's text: no other exception ever escapes, and the routes
 * stay compilable. The seeds under {@code ApplyFuzzTestInputs/} run as regression tests in {@code
 * mvn verify}; {@code JAZZER_FUZZ=1} fuzzes one target at a time.
 */
class ApplyFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void yamlReaderReadsOrRefusesWithItsOwnError(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      assertThat(YamlReader.read(text)).isNotNull();
    } catch (YamlSyntaxException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "10m")
  void applyOfAnyTextAnswersWithKubectlText(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    ApplyReport report = store.apply(text, "default", "STDIN", ApplyMode.APPLY);
    assertThat(report.output()).isNotBlank().endsWith("\n");
    assertThat(store.validate(text, "default")).isNotNull();
    // what was accepted must compile into routes and answer a request
    Snapshot applied = store.current();
    assertThat(
            applied
                .routes()
                .resolve(
                    new RouteRequest(
                        "productpage-v1",
                        "reviews:9080",
                        null,
                        "GET",
                        "/reviews/0",
                        Map.of("end-user", "jason"))))
        .isNotNull();
    assertThat(store.deleteFromText(text, "default", "STDIN").output()).isNotBlank();
  }
}
