package dev.trafficlab.server.lessons;

import java.util.List;
import java.util.Optional;

/**
 * One lesson as loaded from its folder under scenarios/: metadata, the rendered intro, steps and finish, and
 * the files applied when a sandbox starts it (paths under /root, as the learner sees them).
 */
public record Lesson(String id, String title, String description, String time, String difficulty,
    LessonPage intro, List<LessonStep> steps, LessonPage finish, List<String> startFiles) {

  public Lesson {
    steps = List.copyOf(steps);
    startFiles = List.copyOf(startFiles);
  }

  /** Step n, counting from 1 as the pages do. */
  public Optional<LessonStep> step(int n) {
    return n >= 1 && n <= steps.size() ? Optional.of(steps.get(n - 1)) : Optional.empty();
  }
}
