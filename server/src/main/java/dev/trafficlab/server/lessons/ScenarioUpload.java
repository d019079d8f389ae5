package dev.trafficlab.server.lessons;

import dev.trafficlab.server.lessons.imports.ScenarioReport;
import dev.trafficlab.server.lessons.imports.ScenarioZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Adds the scenarios of an uploaded .zip to the catalogue: unpacked into a fresh temporary folder
 * ({@link ScenarioZip}: limits, no path escapes), read as LESSONS_DIR would read them (everything a
 * lesson needs is read into memory), then the folder is deleted. Nothing of the upload is executed
 * or interpreted on the host; its scripts only ever run in a sandbox's safe shell.
 */
public final class ScenarioUpload {
  private ScenarioUpload() {}

  /** What the upload added, with the reports of its scenarios. */
  public record Added(List<Lesson> lessons, List<ScenarioReport> reports) {}

  /** Why an upload is refused, with the HTTP status that says so (400, 409). */
  public static final class Refused extends Exception {
    private final int status;

    public Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Blocking (unzips and reads files): run it on a worker thread. */
  public static Added add(byte[] zip, LessonCatalog catalog, Clock clock)
      throws Refused, IOException {
    Path dir = Files.createTempDirectory("traffic-lab-upload-");
    try {
      try {
        ScenarioZip.unpack(zip, dir);
      } catch (ScenarioZip.Refused e) {
        throw new Refused(400, e.getMessage());
      } catch (IOException e) {
        // entries that cannot all be made: a file and a folder of one name
        String what = String.valueOf(e.getMessage()).replace(dir.toString() + "/", "");
        throw new Refused(
            400,
            "the .zip's entries cannot be unpacked together ("
                + e.getClass().getSimpleName()
                + ": "
                + what
                + "): is one name both a file and a folder?");
      }
      Imports found;
      try {
        found = Imports.read(List.of(dir), LessonCatalog.packagedAssets(), clock, "upload:");
      } catch (RuntimeException e) {
        throw new Refused(400, e.getMessage());
      }
      if (found.reports().isEmpty()) {
        throw new Refused(
            400, "the .zip holds no scenario: a scenario is a folder with an index.json");
      }
      List<ScenarioReport> broken = found.reports().stream().filter(r -> !r.loads()).toList();
      if (!broken.isEmpty()) {
        StringBuilder why = new StringBuilder();
        for (ScenarioReport r : broken) {
          why.append(r.location()).append(": ").append(r.error().orElseThrow()).append("; ");
        }
        throw new Refused(
            400,
            broken.size()
                + " scenario(s) of the .zip cannot load, so none was added: "
                + why.substring(0, why.length() - 2));
      }
      try {
        catalog.add(found.lessons(), found.courses());
      } catch (IllegalArgumentException e) {
        throw new Refused(409, e.getMessage());
      }
      return new Added(found.lessons(), found.reports());
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
