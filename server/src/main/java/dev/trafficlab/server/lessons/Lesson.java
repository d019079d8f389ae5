package dev.trafficlab.server.lessons;

import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.files.AssetTree;
import java.util.List;
import java.util.Optional;

/**
 * One lesson as loaded from its folder under scenarios/: metadata, the rendered intro, steps and
 * finish, the files its sandboxes see under /root, and its start state. Built once at start-up and
 * shared by every sandbox of the lesson.
 *
 * @param startFiles the sandbox paths (under /root) its index applies when a sandbox starts, in
 *     order
 * @param assets the shared scenarios/assets/ plus the lesson's own assets/ folder, mounted at /root
 * @param start {@code startFiles} applied to an empty cluster, compiled once: every sandbox of the
 *     lesson starts from this one immutable value (copy on write: the learner's first apply makes a
 *     new snapshot), so opening a lesson costs no parsing or validation
 * @param learn what the learner will be able to do afterwards, one short sentence each (the
 *     catalogue shows them)
 * @param order where the lesson stands in the catalogue (index.json "order"; then by folder name)
 * @param origin where the lesson was read from, and what an imported scenario brings besides
 */
public record Lesson(
    String id,
    String title,
    String description,
    String time,
    String difficulty,
    LessonPage intro,
    List<LessonStep> steps,
    LessonPage finish,
    List<String> startFiles,
    AssetTree assets,
    Snapshot start,
    List<String> learn,
    int order,
    LessonOrigin origin) {

  public Lesson {
    steps = List.copyOf(steps);
    startFiles = List.copyOf(startFiles);
    learn = List.copyOf(learn);
  }

  /** A lesson packaged with the server (or written in Traffic Lab's own format). */
  public Lesson(
      String id,
      String title,
      String description,
      String time,
      String difficulty,
      LessonPage intro,
      List<LessonStep> steps,
      LessonPage finish,
      List<String> startFiles,
      AssetTree assets,
      Snapshot start,
      List<String> learn,
      int order) {
    this(
        id,
        title,
        description,
        time,
        difficulty,
        intro,
        steps,
        finish,
        startFiles,
        assets,
        start,
        learn,
        order,
        LessonOrigin.packaged(id));
  }

  /** Step n, counting from 1 as the pages do. */
  public Optional<LessonStep> step(int n) {
    return n >= 1 && n <= steps.size() ? Optional.of(steps.get(n - 1)) : Optional.empty();
  }
}
