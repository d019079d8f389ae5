package dev.trafficlab.server.lessons.imports;

import java.util.List;

/**
 * Scenarios in an order an author chose: a Killercoda structure.json or a Katacoda
 * NAME-pathway.json, shown in the catalogue as one course.
 *
 * @param lessons the lesson ids, in the course's order (only those that loaded)
 */
public record Course(String title, String description, List<String> lessons) {
  public Course {
    lessons = List.copyOf(lessons);
  }
}
