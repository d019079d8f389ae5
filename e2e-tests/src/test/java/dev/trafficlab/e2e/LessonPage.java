package dev.trafficlab.e2e;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/** A lesson page (intro, step or finish): the lesson pane on the left, the tabs on the right. */
final class LessonPage {
  private static final Pattern PROGRESS = Pattern.compile("(\\d+)\\s*(?:of|/)\\s*(\\d+)");

  private final Browser browser;
  private final Lab lab;

  private LessonPage(Browser browser, Lab lab) {
    this.browser = browser;
    this.lab = lab;
  }

  static LessonPage on(Browser browser, Lab lab) {
    browser.present("#lesson-pane");
    browser.present("#step-content");
    return new LessonPage(browser, lab);
  }

  String title() {
    return browser.visible("h1#lesson-title").getText().trim();
  }

  String stepTitle() {
    return browser.present("#step-title").getText().trim();
  }

  String content() {
    return browser.present("#step-content").getText();
  }

  String progress() {
    return browser.present("#step-progress").getText().trim();
  }

  /** The current step number and the number of steps, from "Step 2 of 6". */
  int[] progressNumbers() {
    String text = progress();
    Matcher m = PROGRESS.matcher(text);
    if (!m.find()) {
      throw new AssertionError(
          "#step-progress should read like \"Step 2 of 6\", but reads \"" + text + "\"");
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  String url() {
    return browser.driver().getCurrentUrl();
  }

  /** The lab's id for this browser's sandbox, as the page embeds it for its own requests. */
  String sandboxId() {
    String id = browser.present("meta[name='sandbox-id']").getDomAttribute("content");
    if (id == null || id.isBlank()) {
      throw new AssertionError("The page's <meta name=\"sandbox-id\"> is empty");
    }
    return id;
  }

  LessonPage start() {
    return follow(browser.visible("#start-lesson"));
  }

  LessonPage next() {
    return follow(browser.visible("#next-step"));
  }

  boolean hasNext() {
    return !browser.driver().findElements(By.cssSelector("#next-step")).isEmpty()
        && browser.find("#next-step").isDisplayed();
  }

  /**
   * Follows a navigation link, whether it loads a whole page or swaps the lesson pane in place
   * (htmx).
   */
  private LessonPage follow(WebElement link) {
    String before = url();
    WebElement oldContent = browser.present("#step-content");
    String oldText = oldContent.getText();
    String what = "the next page of the lesson after clicking #" + link.getDomAttribute("id");
    browser.click(link);
    browser.waitFor(
        what,
        d -> {
          if (d.getCurrentUrl().equals(before)) {
            return false;
          }
          try {
            return !oldContent.getText().equals(oldText);
          } catch (StaleElementReferenceException replaced) {
            return true;
          }
        });
    browser.waitFor(
        "the page to finish loading",
        d -> "complete".equals(browser.js("return document.readyState")));
    return on(browser, lab);
  }

  List<WebElement> executeButtons() {
    return browser
        .driver()
        .findElements(By.cssSelector("#step-content button.execute[data-command]"));
  }

  /** The step's links whose address contains {@code part} (the ingress links a step gives). */
  List<WebElement> links(String part) {
    return browser.driver().findElements(By.cssSelector("#step-content a[href]")).stream()
        .filter(a -> String.valueOf(a.getDomProperty("href")).contains(part))
        .toList();
  }

  List<WebElement> openFileLinks() {
    return browser.driver().findElements(By.cssSelector("#step-content a.open-file[data-path]"));
  }

  Terminal terminal() {
    return new Terminal(browser);
  }

  ProductPageTab productPage() {
    return new ProductPageTab(browser);
  }

  TrafficTab traffic() {
    return new TrafficTab(browser);
  }

  EditorTab editor() {
    return new EditorTab(browser);
  }

  /**
   * Clicks Check and waits for its verdict (the previous verdict is cleared first, so a repeat is
   * not mistaken).
   */
  CheckResult check() {
    browser.js(
        "var r = document.getElementById('check-result');"
            + " if (r) { r.classList.remove('check-pass', 'check-fail'); r.textContent = ''; }");
    browser.click(browser.visible("button#check-step"));
    return browser.waitFor(
        "a verdict in #check-result after clicking Check",
        d -> {
          WebElement r = d.findElement(By.id("check-result"));
          String cls = " " + r.getDomAttribute("class") + " ";
          String text = r.getText().trim();
          if (cls.contains(" check-pass ") && !text.isEmpty()) {
            return new CheckResult(true, text);
          }
          if (cls.contains(" check-fail ") && !text.isEmpty()) {
            return new CheckResult(false, text);
          }
          return null;
        });
  }

  /** Clicks Reset, agreeing to a confirmation prompt if the page asks for one. */
  void reset() {
    browser.js("window.confirm = function () { return true; };");
    browser.click(browser.visible("button#reset-sandbox"));
  }

  String notice() {
    return browser.driver().findElements(By.id("notice")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse("");
  }
}
