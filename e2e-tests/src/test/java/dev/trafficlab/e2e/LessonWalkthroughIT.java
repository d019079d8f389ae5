package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LessonSource.Lesson;
import dev.trafficlab.e2e.LessonSource.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The whole lesson, clicked through in order, as a learner does it. */
@LearnerTest
class LessonWalkthroughIT {

  @Test
  void learnerClicksEveryRunButtonInOrderAndSeesEachCommandsOutput(Learner learner, Lab lab) {
    Lesson source = LessonSource.read(lab.scenarios().resolve(TrafficManagementLesson.ID));
    boolean hasIntro = source.pages().get(0).name().equals("intro");
    LessonPage page =
        hasIntro
            ? learner.openLesson(TrafficManagementLesson.ID)
            : learner.openStep(TrafficManagementLesson.ID, 1);
    Terminal terminal = page.terminal();
    SoftAssertions softly = new SoftAssertions();
    List<String> ran = new ArrayList<>();
    boolean firstAllV1 = true;

    for (Page lessonPage : source.pages()) {
      if (lessonPage.step() == 1 && hasIntro) {
        page = page.start();
      } else if (lessonPage.step() > 1 || lessonPage.name().equals("finish")) {
        page = page.next();
      }
      if (lessonPage.step() > 0) {
        assertThat(page.progressNumbers()[0])
            .as("on %s", lessonPage.name())
            .isEqualTo(lessonPage.step());
      }
      List<String> buttonCommands =
          page.executeButtons().stream().map(b -> b.getDomAttribute("data-command")).toList();
      softly
          .assertThat(buttonCommands)
          .as("the run buttons of %s are the lesson's {{execute}} commands", lessonPage.name())
          .containsExactlyElementsOf(lessonPage.commands());

      int buttons = page.executeButtons().size();
      for (int i = 0; i < buttons; i++) {
        WebElement button = page.executeButtons().get(i);
        String command = button.getDomAttribute("data-command");
        TermEntry entry = terminal.click(button);
        ran.add(command);
        assertThat(entry.command())
            .as("the terminal shows the command the button ran")
            .contains(firstLine(command));
        assertThat(entry.exitCode())
            .as("%s: `%s` exits 0; it printed:%n%s", lessonPage.name(), command, entry.result())
            .isEqualTo("0");
        for (Pattern expected : TrafficManagementLesson.expectedOutput(command)) {
          assertThat(entry.result())
              .as("%s: the output of `%s`", lessonPage.name(), command)
              .containsPattern(expected);
        }
        if (firstAllV1
            && command.contains("virtual-service-all-v1.yaml")
            && command.contains("apply")) {
          firstAllV1 = false;
          assertThat(entry.result())
              .as("a fresh sandbox has no VirtualService productpage yet")
              .contains("virtualservice.networking.istio.io/productpage created");
        }
      }
    }
    assertThat(ran).as("the lesson has commands to run").isNotEmpty();
    assertThat(String.join("\n", ran))
        .as("the lesson covers its four routing rules")
        .contains(
            "virtual-service-all-v1.yaml",
            "virtual-service-reviews-test-v2.yaml",
            "virtual-service-reviews-50-v3.yaml",
            "virtual-service-reviews-v3.yaml");
    softly.assertAll();
  }

  @Test
  void everyCheckFailsWithAnExplanationBeforeTheRightCommandAndPassesAfterIt(
      Learner learner, Lab lab) {
    Lesson source = LessonSource.read(lab.scenarios().resolve(TrafficManagementLesson.ID));
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    Terminal terminal = page.terminal();
    int checked = 0;

    for (Page step : source.steps()) {
      if (!step.commands().isEmpty()) {
        CheckResult before = page.check();
        assertThat(before.passed())
            .as(
                "%s (\"%s\"): Check before its commands ran says: %s",
                step.name(), step.title(), before.message())
            .isFalse();
        assertThat(before.message())
            .as("%s: the failed Check explains itself", step.name())
            .hasSizeGreaterThan(15)
            .doesNotContainIgnoringCase("exception")
            .doesNotContain("null");

        for (int i = 0; i < page.executeButtons().size(); i++) {
          TermEntry entry = terminal.click(page.executeButtons().get(i));
          assertThat(entry.exitCode())
              .as("`%s` exits 0:%n%s", entry.command(), entry.result())
              .isEqualTo("0");
        }

        CheckResult after = page.check();
        System.out.printf(
            "%s check before: %s%n%s check after: %s%n", step.name(), before, step.name(), after);
        assertThat(after.passed())
            .as(
                "%s (\"%s\"): Check after its commands ran says: %s",
                step.name(), step.title(), after.message())
            .isTrue();
        assertThat(after.message()).isNotBlank();
        checked++;
      }
      if (step.step() < source.steps().size()) {
        page = page.next();
      }
    }
    assertThat(checked).as("steps with commands and a Check").isGreaterThanOrEqualTo(4);
  }

  private static String firstLine(String command) {
    int nl = command.indexOf('\n');
    return nl < 0 ? command : command.substring(0, nl);
  }
}
