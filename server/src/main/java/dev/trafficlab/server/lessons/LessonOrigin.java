package dev.trafficlab.server.lessons;

import dev.trafficlab.server.lessons.imports.ImportedScenario;
import java.util.Optional;

/**
 * Where a lesson came from: the folder named in messages (a clash of two lessons' ids names both),
 * and, for a Katacoda or Killercoda scenario read through LESSONS_DIR or an upload, what its
 * index.json brings beyond Traffic Lab's own format (scripts, the import report).
 *
 * @param location the lesson's folder as an author would find it
 */
public record LessonOrigin(String location, Optional<ImportedScenario> imported) {

  /** A lesson of the server's own scenarios/ folder. */
  public static LessonOrigin packaged(String id) {
    return new LessonOrigin("scenarios/" + id + " (packaged with the server)", Optional.empty());
  }

  /** A lesson in Traffic Lab's format read from a folder of LESSONS_DIR. */
  public static LessonOrigin folder(String location) {
    return new LessonOrigin(location, Optional.empty());
  }
}
