package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared Istio 1.8.1 conformance corpus (shared/conformance/cases.json, a sibling of the
 * repository), run against ConfigStore for everything an apply decides: accepted or rejected,
 * Istio's message and prefix, warnings, and kubectl's output lines. The routing expectations of the
 * same cases belong to the routing tests.
 */
class ConformanceCasesTest {
  private static final List<String> CATEGORIES =
      List.of("validation-virtualservice", "validation-destinationrule", "kubectl-behaviour");

  static Path casesFile() {
    String override = System.getProperty("trafficlab.shared", System.getenv("TRAFFICLAB_SHARED"));
    List<Path> candidates = new ArrayList<>();
    if (override != null) {
      candidates.add(Path.of(override, "conformance", "cases.json"));
    }
    // From the mesh module: the CI clone has shared/ next to the repository folder.
    candidates.add(Path.of("..", "..", "shared", "conformance", "cases.json"));
    candidates.add(Path.of("..", "..", "..", "shared", "conformance", "cases.json"));
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases() throws IOException {
    Path file = casesFile();
    assumeTrue(file != null, "shared/conformance/cases.json is not next to the repository");
    String json = Files.readString(file, StandardCharsets.UTF_8);
    Map<String, Object> root =
        (Map<String, Object>) SchemaCheck.toJson(YamlReader.read(json).get(0).root());
    return (List<Map<String, Object>>) root.get("cases");
  }

  @TestFactory
  Stream<DynamicTest> validationAndKubectlCases() throws IOException {
    return cases().stream()
        .filter(c -> CATEGORIES.contains(c.get("category")))
        .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
  }

  @TestFactory
  Stream<DynamicTest> applyOutcomeOfEveryOtherCase() throws IOException {
    return cases().stream()
        .filter(c -> !CATEGORIES.contains(c.get("category")))
        .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
  }

  @SuppressWarnings("unchecked")
  static void check(Map<String, Object> c) {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    for (Object ns : (List<Object>) c.getOrDefault("setup_namespaces", List.of())) {
      assertThat(store.createNamespace((String) ns).action()).isEqualTo(Action.CREATED);
    }
    if (c.get("setup_yaml") instanceof String setup && !setup.isBlank()) {
      ApplyReport s = store.apply(setup, "default", "STDIN", ApplyMode.APPLY);
      assertThat(s.ok()).as("setup_yaml applies cleanly: %s", s.output()).isTrue();
    }
    ApplyReport r = store.apply((String) c.get("yaml"), "default", "STDIN", ApplyMode.APPLY);
    String out = r.output();
    if ("ok".equals(c.get("expect_apply"))) {
      assertThat(r.ok()).as("accepted: %s", out).isTrue();
    } else if ("rejected".equals(c.get("expect_apply"))) {
      assertThat(r.ok()).as("rejected: %s", out).isFalse();
    }
    if (c.get("expect_error_contains") instanceof String s) {
      assertThat(out).contains(s);
    }
    if (c.get("expect_error_prefix") instanceof String s) {
      assertThat(out).contains(s);
    }
    if (c.get("expect_warning_contains") instanceof String s) {
      assertThat(out).contains("Warning: " + s);
    }
    for (Object line : (List<Object>) c.getOrDefault("expect_kubectl_output", List.of())) {
      assertThat(out).contains((String) line);
    }
    if (Boolean.TRUE.equals(c.get("expect_no_warning"))) {
      assertThat(out).doesNotContain("Warning: ");
    }
  }
}
