package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * What the learner looks at after a click is current: the Product page tab after an apply, the
 * terminal's answer after ▶ run in a narrow window.
 */
@LearnerTest
class FreshViewsIT {

  @Test
  void theProductPageTabShowsRedStarsAfterTheV3ApplyWithoutPressingRefresh(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 4);
    lab.api().applySample(page.sandboxId(), "virtual-service-all-v1.yaml");
    ProductPageTab tab = page.productPage().show();
    assertThat(tab.awaitShowing(new Reviews("v1", Reviews.NONE), Duration.ofSeconds(20)))
        .as("the page first shown after virtual-service-all-v1.yaml")
        .isEqualTo(new Reviews("v1", Reviews.NONE));

    WebElement v3 =
        page.executeButtons().stream()
            .filter(
                b -> b.getDomAttribute("data-command").endsWith("virtual-service-reviews-v3.yaml"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("step 4 has no ▶ run for the v3 apply"));
    assertThat(page.terminal().click(v3).exitCode()).isEqualTo("0");

    page.productPage().show();
    assertThat(tab.awaitShowing(new Reviews("v3", Reviews.RED), Duration.ofSeconds(20)))
        .as("the Product page tab shown again after the v3 apply, without ↻")
        .isEqualTo(new Reviews("v3", Reviews.RED));
    assertThat(tab.badge()).contains("v3");
    assertThat(
            learner
                .browser()
                .js(
                    "var d = document.getElementById('productpage-frame').contentDocument;"
                        + " var a = d.querySelector('a[href*=\"wikipedia.org\"]');"
                        + " return a ? a.target : 'no Wikipedia link';"))
        .as("Wikipedia Summary opens in a new tab (Wikipedia refuses to be framed)")
        .isEqualTo("_blank");
  }

  @Test
  void runAt800PixelsWideLeavesTheCommandsOutputInViewAndTheTerminalFocused(Learner learner) {
    Browser browser = learner.browser();
    Dimension before = browser.driver().manage().window().getSize();
    browser.driver().manage().window().setSize(new Dimension(800, 900));
    try {
      LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
      WebElement run = page.executeButtons().get(0);
      TermEntry entry = page.terminal().click(run);
      assertThat(entry.exitCode()).isEqualTo("0");

      @SuppressWarnings("unchecked")
      Map<String, Object> seen =
          (Map<String, Object>)
              browser.js(
                  "var screen = document.querySelector('#terminal .term-screen.active');"
                      + " var box = (screen.querySelector('.xterm-cursor') || screen).getBoundingClientRect();"
                      + " return {top: box.top, bottom: box.bottom, height: window.innerHeight,"
                      + " width: window.innerWidth, focused: document.activeElement.id};");
      assertThat(((Number) seen.get("width")).intValue())
          .as("the window's inner width")
          .isLessThanOrEqualTo(800);
      double top = ((Number) seen.get("top")).doubleValue();
      double bottom = ((Number) seen.get("bottom")).doubleValue();
      double height = ((Number) seen.get("height")).doubleValue();
      assertThat(List.of(top, bottom))
          .as("the terminal's prompt (its cursor) within the %s px high window", height)
          .allSatisfy(y -> assertThat(y).isBetween(0.0, height));
      assertThat(seen.get("focused")).isEqualTo("terminal-input");
    } finally {
      browser.driver().manage().window().setSize(before);
    }
  }

  @Test
  void aCheckMessageShowsItsCommandAsCodeNotBetweenBackticks(Learner learner) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 5);
    CheckResult result = page.check();
    assertThat(result.passed()).as("step 5's check before running anything").isFalse();
    @SuppressWarnings("unchecked")
    List<String> shown =
        (List<String>)
            learner
                .browser()
                .js(
                    "var r = document.getElementById('check-result');"
                        + " var c = r.querySelector('code');"
                        + " return [r.textContent, c ? c.textContent : ''];");
    assertThat(shown.get(0)).as("the message as shown").doesNotContain("`");
    assertThat(shown.get(1)).as("the command in the message").startsWith("kubectl get");
    Boolean inView =
        (Boolean)
            learner
                .browser()
                .js(
                    "var s = document.querySelector('.lesson-scroll').getBoundingClientRect();"
                        + " var r = document.getElementById('check-result').getBoundingClientRect();"
                        + " return r.top >= s.top && r.bottom <= s.bottom;");
    assertThat(inView).as("the check result is in view in the lesson pane").isTrue();
  }
}
