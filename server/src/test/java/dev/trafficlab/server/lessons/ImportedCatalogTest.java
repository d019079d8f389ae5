package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LESSONS_DIR folders add to the packaged lessons: an id (folder name) found twice, a scenario that
 * cannot load, or more lessons than a reservation can name stop the start with a message that says
 * which.
 */
class ImportedCatalogTest {
  @TempDir Path dir;

  private static void scenario(Path folder, String title) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("index.json"),
        "{\"title\": \"" + title + "\", \"details\": {\"intro\": {\"text\": \"intro.md\"}}}");
    Files.writeString(folder.resolve("intro.md"), "Hello.");
  }

  @Test
  void scenariosJoinThePackagedLessonsInTheirCoursesOrder() throws IOException {
    scenario(dir.resolve("repo/b-second"), "Second");
    scenario(dir.resolve("repo/a-first"), "First");
    Files.writeString(
        dir.resolve("repo/structure.json"),
        "{\"items\": [{\"path\": \"b-second\"}, {\"path\": \"a-first\"}]}");
    LessonCatalog catalog = LessonCatalog.load(List.of(dir), Clock.systemUTC());
    List<String> ids = catalog.lessons().stream().map(Lesson::id).toList();
    assertThat(ids).contains("traffic-management").endsWith("b-second", "a-first");
    assertThat(catalog.courses()).hasSize(1);
    assertThat(catalog.courses().get(0).lessons()).containsExactly("b-second", "a-first");
    assertThat(catalog.lesson("a-first").orElseThrow().origin().imported()).isPresent();
  }

  @Test
  void aFolderNamedAsAPackagedLessonIsRefusedNamingBoth() throws IOException {
    scenario(dir.resolve("traffic-management"), "Mine");
    assertThatThrownBy(() -> LessonCatalog.load(List.of(dir), Clock.systemUTC()))
        .hasMessageContaining("two lessons have the id \"traffic-management\"")
        .hasMessageContaining("scenarios/traffic-management (packaged with the server)")
        .hasMessageContaining(dir.resolve("traffic-management").toString())
        .hasMessageContaining("rename one of the folders");
  }

  @Test
  void theSameIdUnderTwoFoldersIsRefusedNamingBoth() throws IOException {
    scenario(dir.resolve("one/same"), "One");
    scenario(dir.resolve("two/same"), "Two");
    assertThatThrownBy(
            () ->
                LessonCatalog.load(
                    List.of(dir.resolve("one"), dir.resolve("two")), Clock.systemUTC()))
        .hasMessageContaining(dir.resolve("one/same").toString())
        .hasMessageContaining(dir.resolve("two/same").toString());
  }

  @Test
  void aScenarioThatCannotLoadStopsTheStartWithItsReason() throws IOException {
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("index.json"), "{\"title\": ");
    assertThatThrownBy(() -> LessonCatalog.load(List.of(dir), Clock.systemUTC()))
        .hasMessageContaining("1 scenario(s) of LESSONS_DIR cannot load")
        .hasMessageContaining("broken: index.json is not valid JSON");
  }

  @Test
  void moreLessonsThanAReservationCanNameAreRefused() throws IOException {
    int packaged = LessonCatalog.fromClasspath().lessons().size();
    for (int i = 0; i <= LessonCatalog.MAX_LESSONS - packaged; i++) {
      scenario(dir.resolve("s" + i), "S" + i);
    }
    assertThatThrownBy(() -> LessonCatalog.load(List.of(dir), Clock.systemUTC()))
        .hasMessageContaining("too many lessons: " + (LessonCatalog.MAX_LESSONS + 1) + " found")
        .hasMessageContaining("at most 256");
  }

  @Test
  void aMissingFolderIsNamed() {
    assertThatThrownBy(() -> LessonCatalog.load(List.of(dir.resolve("nowhere")), Clock.systemUTC()))
        .hasMessageContaining("the lessons folder " + dir.resolve("nowhere") + " does not exist");
  }
}
