package dev.trafficlab.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The terminal tab: type commands, click lesson buttons, read each command's entry. */
final class Terminal {
  /**
   * A command's own time plus the page's round trip; the slowest lesson command answers well within
   * this.
   */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Browser browser;

  Terminal(Browser browser) {
    this.browser = browser;
  }

  Terminal show() {
    browser.click(browser.visible("#tab-terminal"));
    browser.visible("#panel-terminal");
    return this;
  }

  WebElement input() {
    return browser.visible("input#terminal-input");
  }

  int entryCount() {
    return browser.driver().findElements(By.cssSelector("#terminal-output .term-entry")).size();
  }

  List<TermEntry> entries() {
    return browser.driver().findElements(By.cssSelector("#terminal-output .term-entry")).stream()
        .map(Terminal::read)
        .toList();
  }

  /** Types the command into the prompt and presses Enter, as a learner does. */
  TermEntry run(String command) {
    show();
    int before = entryCount();
    input().sendKeys(command, Keys.ENTER);
    return awaitEntry(before, command);
  }

  /** Clicks a lesson's run button, which types and runs its command in this terminal. */
  TermEntry click(WebElement executeButton) {
    String command = executeButton.getDomAttribute("data-command");
    int before = entryCount();
    browser.click(executeButton);
    return awaitEntry(before, command);
  }

  /**
   * Waits until the terminal is idle with more entries than before, and returns the newest one. One
   * script call a poll (not one WebDriver call an element): the machine running this is small and
   * busy.
   */
  TermEntry awaitEntry(int entriesBefore, String command) {
    return browser.waitFor(
        "the terminal to finish `"
            + command
            + "` (#terminal data-busy=\"false\" and a new "
            + ".term-entry with data-exit-code)",
        COMMAND_TIMEOUT,
        d -> {
          @SuppressWarnings("unchecked")
          List<String> e =
              (List<String>)
                  browser.js(
                      "var t = document.getElementById('terminal');"
                          + " var es = document.querySelectorAll('#terminal-output .term-entry');"
                          + " if (!t || t.getAttribute('data-busy') !== 'false' || es.length <= arguments[0]) return null;"
                          + " var last = es[es.length - 1], x = last.getAttribute('data-exit-code');"
                          + " if (x === null || x === '') return null;"
                          + " var c = last.querySelector('.term-command'), r = last.querySelector('.term-result');"
                          + " return [c ? c.textContent : '', r ? r.textContent : '', x];",
                      entriesBefore);
          return e == null ? null : new TermEntry(e.get(0).trim(), e.get(1), e.get(2));
        });
  }

  /**
   * Reads textContent, not the rendered text, so an entry reads the same whether or not its tab is
   * shown.
   */
  private static TermEntry read(WebElement entry) {
    String command =
        entry.findElements(By.cssSelector(".term-command")).stream()
            .map(e -> e.getDomProperty("textContent"))
            .findFirst()
            .orElse("");
    String result =
        entry.findElements(By.cssSelector(".term-result")).stream()
            .map(e -> e.getDomProperty("textContent"))
            .findFirst()
            .orElse("");
    return new TermEntry(command.trim(), result, entry.getDomAttribute("data-exit-code"));
  }
}
