package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The two import test scenarios (server test resources), read by the lab through LESSONS_DIR,
 * opened from the catalogue and walked as a learner walks them: run buttons, an interrupting run
 * and a run in terminal T2, an {{open}} file, a copy button, and Check failing before the work and
 * passing after it; and the jar's check-lessons printing the report kept beside them.
 */
@LearnerTest
class ImportedScenariosIT {

  private static WebElement button(Learner learner, String command) {
    return learner
        .browser()
        .visible("#step-content button.execute[data-command='" + command + "']");
  }

  @Test
  void katacodaScenarioRunsItsButtonsOpensItsFileAndPassesItsCheckOnceHttpbinIsDeployed(
      Learner learner) throws IOException {
    LessonPage page = learner.openFromCatalogue(ImportedScenarios.KATACODA);
    assertThat(page.title()).isEqualTo("Katacoda import test: route httpbin");
    page = page.start();
    Terminal terminal = page.terminal();

    CheckResult before = page.check();
    assertThat(before.passed()).as("httpbin is not deployed yet: %s", before).isFalse();

    TermEntry apply =
        terminal.click(
            button(learner, "kubectl apply -f istio-1.8.1/samples/httpbin/httpbin.yaml"));
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo("0");
    assertThat(apply.result()).contains("deployment.apps/httpbin created");

    WebElement inT2 = button(learner, "kubectl get pods");
    assertThat(inT2.getDomAttribute("data-terminal")).isEqualTo("T2");
    TermEntry pods = terminal.click(inT2);
    assertThat(terminal.name()).as("the T2 block runs in terminal T2").isEqualTo("T2");
    assertThat(pods.result()).contains("httpbin-");
    WebElement interrupt = button(learner, "echo stopped");
    assertThat(interrupt.getDomAttribute("data-interrupt")).isNotNull();
    TermEntry stopped = terminal.click(interrupt);
    assertThat(stopped.result()).contains("stopped");
    assertThat(stopped.exitCode()).isEqualTo("0");

    learner.browser().click(page.openFileLinks().get(0));
    EditorTab editor = page.editor().awaitFile("/root/manifests/httpbin-vs.yaml");
    assertThat(editor.value())
        .isEqualTo(
            Files.readString(
                ImportedScenarios.source()
                    .resolve("katacoda/kc-httpbin-route/assets/httpbin-vs.yaml")));

    WebElement copy = learner.browser().visible("#step-content button.copy");
    assertThat(copy.getDomAttribute("data-text")).isEqualTo("kubectl get svc httpbin");
    learner.browser().click(copy);
    learner
        .browser()
        .waitFor(
            "the copy button to say it copied",
            d -> String.valueOf(copy.getDomAttribute("class")).contains("copied"));

    CheckResult after = page.check();
    assertThat(after.passed()).as(after.toString()).isTrue();

    page.next();
    WebElement image = learner.browser().visible("#step-content img[alt='The route']");
    assertThat(image.getDomAttribute("src"))
        .isEqualTo("/lessons/kc-httpbin-route/assets/images/route.png");
    learner
        .browser()
        .waitFor(
            "the scenario's image to load",
            d ->
                Long.valueOf(4)
                    .equals(learner.browser().js("return arguments[0].naturalWidth;", image)));
  }

  @Test
  void killercodaScenarioFailsTheDelayCheckUntilTheStepsBlockRunsThenPasses(Learner learner) {
    LessonPage page = learner.openFromCatalogue(ImportedScenarios.KILLERCODA);
    assertThat(page.title()).isEqualTo("Killercoda import test: sleep and a delay");
    page = page.start();
    Terminal terminal = page.terminal();
    TermEntry pods = terminal.click(button(learner, "kubectl get pods"));
    assertThat(pods.exitCode()).as(pods.toString()).isEqualTo("0");
    TermEntry interrupt = terminal.click(button(learner, "kubectl get deploy sleep"));
    assertThat(interrupt.exitCode()).as(interrupt.toString()).isEqualTo("0");

    page = page.next();
    CheckResult before = page.check();
    assertThat(before.passed()).as("no delay yet: %s", before).isFalse();
    List<WebElement> blocks = page.executeButtons();
    assertThat(blocks).hasSize(1);
    int entries = terminal.entryCount("T1");
    learner.browser().click(blocks.get(0));
    learner
        .browser()
        .waitFor(
            "both lines of the block to run",
            d ->
                terminal.entryCount("T1") >= entries + 2
                    && "false"
                        .equals(d.findElement(By.id("terminal")).getDomAttribute("data-busy")));
    List<TermEntry> ran = terminal.entries();
    assertThat(ran.subList(ran.size() - 2, ran.size()))
        .extracting(TermEntry::exitCode)
        .containsExactly("0", "0");
    CheckResult after = page.check();
    assertThat(after.passed()).as(after.toString()).isTrue();
  }

  @Test
  void checkLessonsPrintsTheExpectedReportForEachFormat() throws Exception {
    for (String format : List.of("katacoda", "killercoda")) {
      assertThat(checkLessons(ImportedScenarios.source().resolve(format)))
          .as("check-lessons %s", format)
          .isEqualTo(ImportedScenarios.expectedReport(format));
    }
  }

  private static String checkLessons(Path dir) throws Exception {
    Path jar =
        Path.of(System.getProperty("trafficlab.jar", "../server/target/traffic-lab.jar"))
            .toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-jar", jar.toString(), "check-lessons", dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
