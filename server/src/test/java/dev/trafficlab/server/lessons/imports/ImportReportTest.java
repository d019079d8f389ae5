package dev.trafficlab.server.lessons.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.ServerConfig;
import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.lessons.CheckLessons;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * check-lessons on the two test scenarios (one Katacoda, one Killercoda, using every loading
 * feature) prints the report kept beside them: what the lab recognised, answered and left out.
 */
class ImportReportTest {
  static Path scenarios(String format) {
    try {
      return Path.of(ImportReportTest.class.getResource(format).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server whose LESSONS_DIR names both test scenarios' folders, storing nothing on disk. */
  static TestServer serverWithBothScenarios(Vertx vertx) {
    String dirs = scenarios("katacoda") + ":" + scenarios("killercoda");
    return TestServer.start(
        vertx,
        ServerConfig.fromEnvironment(Map.of("PORT", "0", "LESSONS_DIR", dirs, "DATA_DIR", "")));
  }

  private static String run(List<String> args, int expectedExit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CheckLessons.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(out + "\n" + err).isEqualTo(expectedExit);
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theKatacodaScenarioLoadsWithTheExpectedReport() throws Exception {
    String report = run(List.of(scenarios("katacoda").toString()), 0);
    assertThat(report).isEqualTo(Files.readString(scenarios("katacoda-report.txt")));
  }

  @Test
  void theKillercodaScenarioLoadsWithTheExpectedReport() throws Exception {
    String report = run(List.of(scenarios("killercoda").toString()), 0);
    assertThat(report).isEqualTo(Files.readString(scenarios("killercoda-report.txt")));
  }

  @Test
  void aScenarioThatCannotLoadMakesCheckLessonsExitNonZeroAndSaysWhy(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(
        broken.resolve("index.json"),
        "{\"title\": \"Broken\", \"details\": {\"steps\": [{\"text\": \"step1.md\"}]}}");
    String report = run(List.of(dir.toString()), 1);
    assertThat(report)
        .contains("scenario broken (Katacoda) at broken: CANNOT LOAD")
        .contains("error: step 1's text step1.md is missing")
        .contains("1 scenario(s): 0 load, 1 cannot load");
  }

  @Test
  void noFolderIsAUsageError() {
    assertThat(run(List.of(), 2)).contains("usage: java -jar traffic-lab.jar check-lessons DIR");
  }
}
