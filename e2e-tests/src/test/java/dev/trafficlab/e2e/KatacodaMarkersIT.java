package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;

/**
 * The markers of imported Katacoda and Killercoda pages, clicked in Chromium: Ctrl+C as a key
 * sequence, typing without Enter, an interrupting run in T2, Katacoda's "copy to editor" blocks and
 * its quiz, and links to ports the lab does not have. The page is the renderer's own output for one
 * page with every marker (server test EveryMarkerPageTest keeps it in {@code page.html}), put into
 * a lesson step in place of the step's text.
 */
@LearnerTest
class KatacodaMarkersIT {
  private static final Path PAGE =
      Path.of(
          System.getProperty(
              "trafficlab.markersPage", "../server/src/test/resources/katacoda-markers/page.html"));

  private LessonPage open(Learner learner) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String html;
    try {
      html = Files.readString(PAGE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the rendered marker page " + PAGE + " is missing", e);
    }
    String productPage =
        learner.browser().find("meta[name='product-page']").getDomAttribute("content");
    String base = productPage.replaceAll("/productpage$", "");
    learner
        .browser()
        .js(
            "document.getElementById('step-content').innerHTML = arguments[0];",
            html.replace("/bookinfo/SANDBOX", base));
    page.terminal().show();
    return page;
  }

  private WebElement button(Learner learner, String css) {
    return learner.browser().visible("#step-content " + css);
  }

  @Test
  void ctrlSeqButtonStopsTheRunningCommand(Learner learner) {
    Terminal terminal = open(learner).terminal();
    int before = terminal.entryCount("T1");
    terminal.type("sleep 30", Keys.ENTER);
    learner
        .browser()
        .waitFor(
            "sleep to run",
            d -> "true".equals(d.findElement(By.id("terminal")).getDomAttribute("data-busy")));
    learner.browser().click(button(learner, "button[data-keys='^C']"));
    TermEntry entry = terminal.awaitEntry("T1", before, "sleep 30");
    assertThat(entry.command()).isEqualTo("sleep 30");
    assertThat(entry.exitCode()).isEqualTo("130");
  }

  @Test
  void noNewlineButtonTypesWithoutRunning(Learner learner) {
    Terminal terminal = open(learner).terminal();
    int before = terminal.entryCount("T1");
    learner.browser().click(button(learner, "button[data-no-newline]"));
    learner
        .browser()
        .waitFor(
            "the line to hold the typed text", d -> terminal.line().equals("echo typed-not-run"));
    assertThat(terminal.entryCount("T1")).isEqualTo(before);
  }

  @Test
  void interruptButtonForT2StopsItsCommandThenRunsTheNextOne(Learner learner) {
    Terminal terminal = open(learner).terminal();
    learner.browser().click(button(learner, "button[data-command='sleep 30'][data-terminal='T2']"));
    learner
        .browser()
        .waitFor(
            "sleep to run in T2",
            d ->
                "T2".equals(d.findElement(By.id("terminal")).getDomAttribute("data-terminal"))
                    && "true"
                        .equals(d.findElement(By.id("terminal")).getDomAttribute("data-busy")));
    int before = terminal.entryCount("T2");
    TermEntry next =
        terminal.click(
            button(learner, "button[data-command='echo after-the-interrupt'][data-interrupt]"));
    assertThat(next.command()).isEqualTo("echo after-the-interrupt");
    assertThat(next.exitCode()).isEqualTo("0");
    List<TermEntry> t2 = terminal.entries();
    assertThat(t2).hasSize(before + 2);
    assertThat(t2.get(t2.size() - 2).command()).isEqualTo("sleep 30");
    assertThat(t2.get(t2.size() - 2).exitCode()).as("the sleep was interrupted").isEqualTo("130");
  }

  @Test
  void labelOnlyInterruptBlockTypesItsLabel(Learner learner) {
    Terminal terminal = open(learner).terminal();
    TermEntry entry = terminal.click(button(learner, "button[data-command='1'][data-interrupt]"));
    assertThat(entry.command()).isEqualTo("1");
    assertThat(entry.exitCode()).isEqualTo("127");
  }

  @Test
  void fenceClosedWithExecRunsItsLinesAndTheTextAfterItIsText(Learner learner) {
    LessonPage page = open(learner);
    assertThat(page.content()).contains("This paragraph follows the block above.");
    Terminal terminal = page.terminal();
    int before = terminal.entryCount("T1");
    learner.browser().click(button(learner, ".action-block button.execute"));
    learner
        .browser()
        .waitFor(
            "both lines of the block to run",
            Duration.ofSeconds(30),
            d ->
                terminal.entryCount("T1") >= before + 2
                        && "false"
                            .equals(d.findElement(By.id("terminal")).getDomAttribute("data-busy"))
                    ? Boolean.TRUE
                    : null);
    List<TermEntry> entries = terminal.entries();
    assertThat(entries.get(entries.size() - 2).command()).isEqualTo("kubectl get pods");
    assertThat(entries.get(entries.size() - 1).command()).isEqualTo("kubectl get svc");
  }

  @Test
  void copyToEditorReplacesThenAppendsTheFile(Learner learner) {
    LessonPage page = open(learner);
    learner.browser().click(button(learner, "button.write-file[data-target='replace']"));
    EditorTab editor = page.editor().awaitFile("/root/app.yaml");
    assertThat(editor.value()).isEqualTo("a: 1\n");
    learner.browser().click(button(learner, "button.write-file[data-target='append']"));
    learner
        .browser()
        .waitFor("the appended text in the editor", d -> editor.value().equals("a: 1\nb: 2\n"));
    assertThat(learner.lab().api().exec(page.sandboxId(), "cat /root/app.yaml").output())
        .isEqualTo("a: 1\nb: 2\n");
  }

  @Test
  void quizIsCheckedInThePageAndSaysSo(Learner learner) {
    open(learner);
    Browser browser = learner.browser();
    WebElement q1 = browser.find("#step-content form.quiz[data-kind='exact']");
    WebElement field = q1.findElement(By.cssSelector("input[type='text']"));
    field.sendKeys("kubectl get pods", Keys.ENTER);
    WebElement feedback = q1.findElement(By.cssSelector(".quiz-feedback"));
    browser.waitFor("a verdict", d -> feedback.getText().startsWith("✗"));
    assertThat(feedback.getDomAttribute("role")).isEqualTo("status");
    field.clear();
    field.sendKeys("kubectl get vs");
    browser.click(q1.findElement(By.cssSelector("button.quiz-check")));
    browser.waitFor("the right answer", d -> feedback.getText().equals("✓ Correct."));

    WebElement q2 = browser.find("#step-content form.quiz[data-kind='multiple']");
    List<WebElement> boxes = q2.findElements(By.cssSelector("input[type='checkbox']"));
    browser.click(boxes.get(0));
    browser.click(q2.findElement(By.cssSelector("button.quiz-check")));
    WebElement f2 = q2.findElement(By.cssSelector(".quiz-feedback"));
    browser.waitFor("only one of two ticked is wrong", d -> f2.getText().startsWith("✗"));
    browser.click(boxes.get(1));
    browser.click(q2.findElement(By.cssSelector("button.quiz-check")));
    browser.waitFor("both ticked is right", d -> f2.getText().equals("✓ Correct."));

    WebElement q3 = browser.find("#step-content form.quiz[data-kind='single']");
    browser.click(q3.findElements(By.cssSelector("input[type='radio']")).get(0));
    browser.click(q3.findElement(By.cssSelector("button.quiz-check")));
    WebElement f3 = q3.findElement(By.cssSelector(".quiz-feedback"));
    browser.waitFor("the single choice is right", d -> f3.getText().equals("✓ Correct."));
  }

  @Test
  void grafanaLinkOpensThePortPageBesideTheLessonNotTheProductPage(Learner learner) {
    open(learner);
    Browser browser = learner.browser();
    String lessonWindow = browser.driver().getWindowHandle();
    browser.click(browser.find("#step-content a[href^='/lab/ports/3000']"));
    String portWindow =
        browser.waitFor(
            "the port page to open in a new window",
            d ->
                d.getWindowHandles().stream()
                    .filter(h -> !h.equals(lessonWindow))
                    .findFirst()
                    .orElse(null));
    try {
      browser.driver().switchTo().window(portWindow);
      String title =
          browser.waitFor(
              "the port page",
              d ->
                  d.findElements(By.id("port-title")).stream()
                      .map(WebElement::getText)
                      .findFirst()
                      .orElse(null));
      assertThat(title).isEqualTo("Port 3000 is not available in Traffic Lab");
      assertThat(browser.find("#port-usually").getText()).contains("Grafana");
    } finally {
      browser.driver().close();
      browser.driver().switchTo().window(lessonWindow);
    }
    assertThat(browser.find("#step-content a[href$='/productpage']").getDomAttribute("href"))
        .endsWith("/productpage")
        .doesNotContain("lab/ports");
  }

  @Test
  void hintsKeysAndTheOneHostNoteAreShown(Learner learner) throws IOException {
    open(learner);
    Browser browser = learner.browser();
    WebElement details = browser.find("#step-content details");
    assertThat(details.getDomProperty("open")).isEqualTo("false");
    browser.click(details.findElement(By.tagName("summary")));
    WebElement hint =
        browser.visible(
            "#step-content details button[data-command='kubectl get vs reviews -o yaml']");
    assertThat(hint.isDisplayed()).isTrue();
    assertThat(browser.find("#step-content kbd").getText()).isEqualTo("Ctrl");
    assertThat(browser.visible("#step-content .marker-note").getText())
        .isEqualTo(
            "(Traffic Lab has one host: this runs there, in the terminal, not on a second host)");
    // kept for a person to look at: target/katacoda-markers.png, the whole page at once
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2400));
    browser.js("document.getElementById('step-content').scrollIntoView();");
    Files.write(
        Path.of("target", "katacoda-markers.png"),
        ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
  }
}
