package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LessonSource.Lesson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Finding the lesson and driving the terminal without a mouse. */
@LearnerTest
class LessonNavigationIT {

  @Test
  void learnerOpensTheLessonListChoosesTrafficManagementAndStarts(Learner learner, Lab lab) {
    Lesson source = LessonSource.read(lab.scenarios().resolve(TrafficManagementLesson.ID));
    learner.visit("/");

    List<WebElement> links =
        learner.browser().driver().findElements(By.cssSelector("a.lesson-link"));
    assertThat(links).as("one a.lesson-link per lesson on /").isNotEmpty();
    WebElement link =
        learner.browser().visible("a.lesson-link[href='/lessons/traffic-management']");
    assertThat(link.getText())
        .as("the lesson link shows the lesson's title")
        .contains(source.title());

    learner.browser().click(link);
    LessonPage intro = LessonPage.on(learner.browser(), lab);
    learner
        .browser()
        .waitFor(
            "the intro of the lesson",
            d -> d.getCurrentUrl().endsWith("/lessons/traffic-management"));
    assertThat(intro.title()).isEqualTo(source.title());
    assertThat(intro.content()).as("the intro's text").isNotBlank();

    LessonPage step1 = intro.start();
    assertThat(step1.url()).endsWith("/lessons/traffic-management/steps/1");
    assertThat(step1.progressNumbers())
        .as("#step-progress on step 1: \"%s\"", step1.progress())
        .containsExactly(1, source.steps().size());
    assertThat(step1.stepTitle()).contains(source.steps().get(0).title());
    assertThat(step1.executeButtons())
        .as("step 1's run buttons")
        .hasSize(source.steps().get(0).commands().size());

    LessonPage step2 = step1.next();
    assertThat(step2.url()).endsWith("/lessons/traffic-management/steps/2");
    assertThat(step2.progressNumbers()).containsExactly(2, source.steps().size());
  }

  @Test
  void keyboardOnlyLearnerRunsACommandWithEnterAndRecallsItWithArrowUp(Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    Terminal terminal = page.terminal().show();

    int before = terminal.entryCount();
    terminal.type("kubectl get destinationrules", Keys.ENTER);
    TermEntry first = terminal.awaitEntry(before, "kubectl get destinationrules");
    assertThat(first.command()).contains("kubectl get destinationrules");
    assertThat(first.exitCode()).isEqualTo("0");
    assertThat(first.result()).contains("reviews").containsPattern("NAME\\s+HOST\\s+AGE");
    assertThat(terminal.line()).as("the prompt is empty again after Enter").isEmpty();

    before = terminal.entryCount();
    terminal.type("echo keyboard only", Keys.ENTER);
    assertThat(terminal.awaitEntry(before, "echo keyboard only").result())
        .contains("keyboard only");

    terminal.type(Keys.ARROW_UP);
    assertThat(terminal.line())
        .as("ArrowUp recalls the last command")
        .isEqualTo("echo keyboard only");
    terminal.type(Keys.ARROW_UP);
    assertThat(terminal.line())
        .as("ArrowUp again recalls the one before")
        .isEqualTo("kubectl get destinationrules");
    terminal.type(Keys.ARROW_DOWN);
    assertThat(terminal.line()).as("ArrowDown goes forward again").isEqualTo("echo keyboard only");

    before = terminal.entryCount();
    terminal.type(Keys.ENTER);
    TermEntry again = terminal.awaitEntry(before, "echo keyboard only");
    assertThat(again.command()).contains("echo keyboard only");
    assertThat(again.result()).contains("keyboard only");

    terminal.ctrl("r").type("destin");
    learner
        .browser()
        .waitFor(
            "Ctrl+R to find the command",
            d -> terminal.line().equals("kubectl get destinationrules"));
    before = terminal.entryCount();
    terminal.type(Keys.ENTER);
    assertThat(terminal.awaitEntry(before, "kubectl get destinationrules").command())
        .isEqualTo("kubectl get destinationrules");

    terminal.ctrl("l");
    learner.browser().waitFor("Ctrl+L to clear the terminal", d -> terminal.entryCount() == 0);
  }
}
