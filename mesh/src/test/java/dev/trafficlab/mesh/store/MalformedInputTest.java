package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a learner types, the store answers with kubectl's text and never throws or corrupts its
 * state.
 */
class MalformedInputTest {

  private static ConfigStore store() {
    return new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
  }

  @Test
  void oddlyShapedDocumentsGetErrorsNotExceptions() {
    List<String> docs =
        List.of(
            "- just\n- a list\n",
            "just a scalar\n",
            "apiVersion: [x]\nkind: {y: 1}\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata: reviews\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: [a]\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: r\nspec: [1, 2]\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: r\nspec: 7\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: r\n  labels: x\nspec:\n"
                + "  hosts: r\n  http: {route: 1}\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: 5\n"
                + "  subsets: [{name: 1, labels: [a]}, null, 3]\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [r]\n"
                + "  http: [null, {route: [null, {destination: null}]}, {match: [null, {}], route: []}]\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: Gateway\nmetadata:\n  name: G\nspec: {servers: [{}]}\n",
            "apiVersion: networking.istio.io/v1alpha3\nkind: ServiceEntry\nmetadata:\n  name: s\nspec: {}\n",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_Name\n",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: lab\n",
            "{\"apiVersion\": \"networking.istio.io/v1beta1\", \"kind\": \"VirtualService\", \"metadata\": {\"name\": \"j\"},"
                + " \"spec\": {\"hosts\": [\"j\"], \"http\": [{\"route\": [{\"destination\": {\"host\": \"j\"}}]}]}}\n");
    for (String doc : docs) {
      ConfigStore store = store();
      ApplyReport r = store.apply(doc, "default", "STDIN", ApplyMode.APPLY);
      assertThat(r.output()).as(doc).isNotBlank().endsWith("\n");
      assertThat(store.validate(doc, "default")).isNotNull();
      assertThat(store.deleteFromText(doc, "default", "STDIN").output()).isNotBlank();
    }
  }

  @Test
  void randomlyDamagedSampleFilesNeverBreakTheStore() throws IOException {
    Path dir = SampleFilesTest.DIR;
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir));
    List<String> texts = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        texts.add(Files.readString(p));
      }
    }
    Random random = new Random(42);
    String alphabet = " :-[]{}\"'#&*!|>\n\t0123456789abcxyz%";
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder(texts.get(random.nextInt(texts.size())));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      ConfigStore store = store();
      Snapshot before = store.current();
      ApplyReport r = store.apply(b.toString(), "default", "STDIN", ApplyMode.APPLY);
      assertThat(r.output()).isNotBlank();
      if (r.parseError()) {
        assertThat(store.current()).isSameAs(before);
      }
      store.validate(b.toString(), "default");
    }
  }
}
