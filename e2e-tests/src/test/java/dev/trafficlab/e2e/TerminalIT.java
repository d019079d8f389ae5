package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The terminal as a shell user expects it: Tab completion, a typed here-document, Ctrl+C, output
 * that streams, scrollback after a reload, and a second terminal run by a lesson's button.
 */
@LearnerTest
class TerminalIT {
  private static final Duration SHORT = Duration.ofSeconds(10);

  @Test
  void tabCompletesAResourceTypeAndAPodNameAndASecondTabListsCandidates(Learner learner) {
    Terminal terminal = learner.openStep(TrafficManagementLesson.ID, 1).terminal().show();

    terminal.type("kubectl get virt", Keys.TAB);
    learner
        .browser()
        .waitFor(
            "Tab to complete the type",
            d -> terminal.line().equals("kubectl get virtualservices "));
    assertThat(learner.browser().driver().switchTo().activeElement().getTagName())
        .as("Tab kept the focus in the terminal")
        .isEqualTo("textarea");

    terminal.ctrl("u").type("istioctl proxy-config routes productp", Keys.TAB);
    String completed =
        learner
            .browser()
            .waitFor(
                "Tab to complete the pod",
                d ->
                    terminal.line().startsWith("istioctl proxy-config routes productpage-v1-")
                        ? terminal.line()
                        : null);
    assertThat(completed).endsWith(" ");

    terminal.ctrl("u").type("kubectl describe pod rev", Keys.TAB);
    learner
        .browser()
        .waitFor(
            "the common start of the reviews pods",
            d -> terminal.line().equals("kubectl describe pod reviews-v"));
    terminal.type(Keys.TAB);
    String listed = terminal.awaitScreen("reviews-v3-", SHORT);
    assertThat(listed).contains("reviews-v1-").contains("reviews-v2-");
    assertThat(terminal.line())
        .as("the line stays after the list")
        .isEqualTo("kubectl describe pod reviews-v");
  }

  @Test
  void aTypedHereDocumentAppliesAVirtualService(Learner learner) {
    Terminal terminal = learner.openStep(TrafficManagementLesson.ID, 1).terminal().show();
    int before = terminal.entryCount();
    terminal.type("cat <<EOF | kubectl apply -f -", Keys.ENTER);
    for (String line :
        List.of(
            "apiVersion: networking.istio.io/v1beta1",
            "kind: VirtualService",
            "metadata:",
            "  name: reviews",
            "spec:",
            "  hosts:",
            "  - reviews",
            "  http:",
            "  - route:",
            "    - destination:",
            "        host: reviews",
            "        subset: v2",
            "EOF")) {
      terminal.type(line, Keys.ENTER);
    }
    TermEntry entry = terminal.awaitEntry(before, "cat <<EOF | kubectl apply -f -");
    assertThat(entry.result()).contains("virtualservice.networking.istio.io/reviews created");
    assertThat(entry.exitCode()).isEqualTo("0");
    assertThat(terminal.screen()).contains("> EOF");
  }

  @Test
  void ctrlCStopsASleepAndThePromptIsBackWithinASecond(Learner learner) {
    Browser browser = learner.browser();
    Terminal terminal = learner.openStep(TrafficManagementLesson.ID, 1).terminal().show();
    int before = terminal.entryCount();
    terminal.type("sleep 30", Keys.ENTER);
    browser.waitFor(
        "sleep to run",
        d ->
            "true"
                .equals(
                    d.findElement(org.openqa.selenium.By.id("terminal"))
                        .getDomAttribute("data-busy")));
    // Timed in the page: from the key press to the entry's end, not counting WebDriver's polling.
    browser.js(
        "window.__ctrlC = {};"
            + " document.addEventListener('keydown', function (e) {"
            + "   if (e.ctrlKey && e.key === 'c') window.__ctrlC.pressed = performance.now(); }, true);"
            + " new MutationObserver(function () { if (!window.__ctrlC.back) window.__ctrlC.back = performance.now(); })"
            + " .observe(document.getElementById('terminal-transcript'), {childList: true});");
    terminal.ctrl("c");
    TermEntry entry = terminal.awaitEntry(before, "sleep 30");
    assertThat(entry.exitCode()).isEqualTo("130");
    @SuppressWarnings("unchecked")
    Map<String, Number> t = (Map<String, Number>) browser.js("return window.__ctrlC;");
    double ms = t.get("back").doubleValue() - t.get("pressed").doubleValue();
    System.out.printf("Ctrl+C during sleep 30: prompt back after %.0f ms%n", ms);
    assertThat(ms).as("ms from Ctrl+C to the end of sleep").isLessThan(1000);
    terminal.awaitScreen("^C", SHORT);
  }

  @Test
  void watchRefreshesUntilCtrlCStopsIt(Learner learner) {
    Terminal terminal = learner.openStep(TrafficManagementLesson.ID, 1).terminal().show();
    int before = terminal.entryCount();
    terminal.type("watch -n 1 kubectl get destinationrules", Keys.ENTER);
    String screen = terminal.awaitScreen("Every 1.0s: kubectl get destinationrules", SHORT);
    assertThat(screen).containsPattern("NAME\\s+HOST\\s+AGE");
    terminal.ctrl("c");
    TermEntry entry = terminal.awaitEntry(before, "watch -n 1 kubectl get destinationrules");
    assertThat(entry.exitCode()).isEqualTo("130");
    terminal.run("echo the prompt is back");
  }

  @Test
  void aLoopPrintingEverySecondShowsItsFirstLineBeforeItEnds(Learner learner) {
    Browser browser = learner.browser();
    Terminal terminal = learner.openStep(TrafficManagementLesson.ID, 1).terminal().show();
    int before = terminal.entryCount();
    // Each line carries the server's time when it was printed; the page notes when it showed it.
    browser.js(
        "window.__ticks = [];"
            + " var rows = document.querySelector('#terminal .term-screen.active .xterm-rows');"
            + " new MutationObserver(function () {"
            + "   var now = Date.now();"
            + "   rows.textContent.replace(/tick (\\d) at (\\d{13})/g, function (m, i, at) {"
            + "     if (!window.__ticks.some(function (x) { return x.i === i; }))"
            + "       window.__ticks.push({i: i, at: Number(at), seen: now});"
            + "   });"
            + " }).observe(rows, {childList: true, subtree: true, characterData: true});");
    terminal.type(
        "for i in 1 2 3 4 5 6; do echo \"tick $i at $(date +%s%3N)\"; sleep 1; done", Keys.ENTER);
    terminal.awaitScreen("tick 1 at", SHORT);
    assertThat(terminal.entryCount())
        .as("the loop still runs when its first line shows")
        .isEqualTo(before);
    terminal.awaitEntry(before, "for i in 1 2 3 4 5 6");
    @SuppressWarnings("unchecked")
    List<Map<String, Number>> ticks =
        (List<Map<String, Number>>) browser.js("return window.__ticks;");
    assertThat(ticks).hasSize(6);
    List<Long> latency =
        ticks.stream().map(x -> x.get("seen").longValue() - x.get("at").longValue()).toList();
    System.out.println(
        "terminal first-output latency, server print to browser screen (ms): " + latency);
  }

  @Test
  void theScrollbackIsDrawnAgainAfterAReload(Learner learner) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    Terminal terminal = page.terminal().show();
    terminal.run("echo kept-across-reloads-\\$HOME");
    learner.browser().driver().navigate().refresh();
    Terminal again = LessonPage.on(learner.browser(), learner.lab()).terminal().show();
    String screen = again.awaitScreen("kept-across-reloads-$HOME", SHORT);
    assertThat(screen).contains("$ echo kept-across-reloads-\\$HOME");
  }

  @Test
  void aLessonButtonForT2OpensTheSecondTerminalAndRunsThere(Learner learner) {
    Browser browser = learner.browser();
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    page.terminal().show().run("echo in the first terminal");
    // The button as the lesson renderer writes `kubectl get pods`{{execute T2}} (LessonMarkdownTest
    // pins that markup); the lessons themselves have none yet.
    WebElement button =
        (WebElement)
            browser.js(
                "var b = document.createElement('button');"
                    + " b.type = 'button'; b.className = 'execute';"
                    + " b.setAttribute('data-command', 'kubectl get pods -l app=reviews');"
                    + " b.setAttribute('data-terminal', 'T2');"
                    + " b.textContent = 'kubectl get pods -l app=reviews';"
                    + " document.getElementById('step-content').prepend(b); return b;");
    Terminal terminal = page.terminal();
    TermEntry entry = terminal.click(button);
    assertThat(entry.exitCode()).isEqualTo("0");
    assertThat(entry.result()).contains("reviews-v1-").contains("reviews-v3-");
    assertThat(terminal.name()).isEqualTo("T2");
    assertThat(terminal.screen())
        .contains("kubectl get pods -l app=reviews")
        .doesNotContain("in the first terminal");
    assertThat(terminal.select("T1").screen()).contains("in the first terminal");
  }
}
