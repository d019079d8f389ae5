package dev.trafficlab.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of Istio 1.8.1's samples/bookinfo/networking applies cleanly, on its own and over the
 * lesson start.
 */
class SampleFilesTest {
  static final Path DIR = BookinfoSamples.networkingDir();

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void allTwentyOneFilesArePresent() throws IOException {
    assertThat(files()).hasSize(21);
  }

  @TestFactory
  Stream<DynamicTest> eachFileAppliesCleanlyToAnEmptyCluster() throws IOException {
    return files().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      ConfigStore store =
                          new ConfigStore(
                              Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
                      if (f.getFileName().toString().startsWith("certmanager")) {
                        store.createNamespace("istio-system");
                      }
                      String source = "samples/bookinfo/networking/" + f.getFileName();
                      ApplyReport r =
                          store.apply(Files.readString(f), "default", source, ApplyMode.APPLY);
                      assertThat(r.ok()).as(r.output()).isTrue();
                      assertThat(r.output()).doesNotContain("Warning").doesNotContain("rror");
                      assertThat(store.validate(Files.readString(f), "default")).isEmpty();
                      ApplyReport again =
                          store.apply(Files.readString(f), "default", source, ApplyMode.APPLY);
                      assertThat(again.output().lines()).allMatch(l -> l.endsWith(" unchanged"));
                    }));
  }

  @Test
  void theLessonStartBuildsFromItsTwoFiles() throws IOException {
    Snapshot start = BookinfoSamples.lessonStart(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(start.objects()).hasSize(6);
    ConfigStore store = new ConfigStore(start);
    for (Path f : files()) {
      ApplyReport r =
          store.apply(Files.readString(f), "default", f.getFileName().toString(), ApplyMode.APPLY);
      assertThat(r.ok()).as(f + ": " + r.output()).isTrue();
    }
  }
}
