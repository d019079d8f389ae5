package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LabApi.CreatedSandbox;
import dev.trafficlab.e2e.LabApi.Exec;
import dev.trafficlab.e2e.LessonSource.Action;
import dev.trafficlab.e2e.LessonSource.Kind;
import dev.trafficlab.e2e.LessonSource.Lesson;
import dev.trafficlab.e2e.LessonSource.Page;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every lesson's text is executable as written: no browser needed, the sandbox API runs each
 * command exactly as a run button would, in the lesson's order, in a fresh sandbox at the lesson's
 * own start state ({"lesson": id}); each exits 0 unless its step lists it under "failingCommands".
 */
@ExtendWith(LabExtension.class)
class LessonContentIT {

  @Test
  void everyExecuteCommandOfEveryLessonExitsZeroInOrderInAFreshSandboxAndEveryOpenPathExists(
      Lab lab) {
    List<Lesson> lessons = LessonSource.all(lab.scenarios());
    assertThat(lessons)
        .as("lessons under %s", lab.scenarios())
        .extracting(Lesson::id)
        .contains(TrafficManagementLesson.ID);
    SoftAssertions softly = new SoftAssertions();
    int commands = 0;

    for (Lesson lesson : lessons) {
      CreatedSandbox sandbox = lab.api().createSandbox(lesson.id());
      try {
        for (Page page : lesson.pages()) {
          for (Action action : page.actions()) {
            if (action.kind() == Kind.EXECUTE) {
              Exec result = lab.api().exec(sandbox.id(), action.text());
              commands++;
              if (page.failingCommands().contains(action.text())) {
                softly
                    .assertThat(result.exitCode())
                    .as(
                        "%s, %s: `%s` is listed as failing; it printed:%n%s",
                        lesson.id(), page.name(), action.text(), result.output())
                    .isNotZero();
              } else {
                softly
                    .assertThat(result.exitCode())
                    .as(
                        "%s, %s: `%s` exits 0; it printed:%n%s",
                        lesson.id(), page.name(), action.text(), result.output())
                    .isZero();
              }
            } else {
              String path = absolute(action.text());
              Exec ls = lab.api().exec(sandbox.id(), "ls " + path);
              softly
                  .assertThat(ls.exitCode())
                  .as(
                      "%s, %s: the {{open}} path %s exists in the sandbox (ls says: %s)",
                      lesson.id(), page.name(), path, ls.output().strip())
                  .isZero();
            }
          }
        }
      } finally {
        lab.api().delete(sandbox.id());
      }
    }
    assertThat(commands).as("{{execute}} commands in the lessons").isGreaterThanOrEqualTo(5);
    softly.assertAll();
  }

  /** Lesson paths are absolute, under $ISTIO_HOME, or relative to the learner's home /root. */
  private static String absolute(String path) {
    if (path.startsWith("/") || path.startsWith("$")) {
      return path;
    }
    return "/root/" + path;
  }
}
