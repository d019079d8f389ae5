package dev.trafficlab.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The terminal tab: xterm.js screens (T1, T2, …). Keys go to the focused screen as a learner types
 * them; each finished command is read from the page's transcript ({@code #terminal-transcript}:
 * command, output, exit code), what the screen shows from xterm's DOM rows.
 */
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
    ready();
    return this;
  }

  /**
   * Waits until the terminal in front has its session (its screen drawn, its first prompt shown).
   */
  Terminal ready() {
    browser.waitFor(
        "the terminal to connect (#terminal[data-state=ready] with a screen)",
        COMMAND_TIMEOUT,
        d ->
            (Boolean)
                browser.js(
                    "var t = document.getElementById('terminal');"
                        + " return !!(t && t.getAttribute('data-state') === 'ready'"
                        + " && t.querySelector('.term-screen.active[data-state=ready] .xterm-rows'));"));
    return this;
  }

  /** The name of the terminal in front (T1, T2, …). */
  String name() {
    return browser.find("#terminal").getDomAttribute("data-terminal");
  }

  /** The focused terminal's keyboard input (xterm's helper textarea). */
  WebElement input() {
    ready();
    return browser.present("#terminal .term-screen.active textarea");
  }

  /** Focuses the terminal in front and types, as a learner does (Keys.ENTER, chords …). */
  Terminal type(CharSequence... keys) {
    WebElement input = input();
    browser.js("arguments[0].focus();", input);
    new Actions(browser.driver()).sendKeys(keys).perform();
    return this;
  }

  /** Presses Ctrl and a letter in the terminal in front (Ctrl+C, Ctrl+L, Ctrl+R …). */
  Terminal ctrl(String letter) {
    WebElement input = input();
    browser.js("arguments[0].focus();", input);
    new Actions(browser.driver())
        .keyDown(Keys.CONTROL)
        .sendKeys(letter)
        .keyUp(Keys.CONTROL)
        .perform();
    return this;
  }

  /** What the input line holds now (the line editor's text, without the prompt). */
  String line() {
    String line = browser.find("#terminal").getDomAttribute("data-line");
    return line == null ? "" : line;
  }

  /** The visible screen of the terminal in front, one string a row, trailing blanks cut. */
  String screen() {
    return (String)
        browser.js(
            "var rows = document.querySelectorAll('#terminal .term-screen.active .xterm-rows > div');"
                + " return Array.from(rows).map(function (r) {"
                + " return r.textContent.replace(/\\u00a0/g, ' ').replace(/\\s+$/, ''); }).join('\\n');");
  }

  /** Waits until the screen in front shows {@code text}. */
  String awaitScreen(String text, Duration timeout) {
    return browser.waitFor(
        "the terminal screen to show `" + text + "`",
        timeout,
        d -> {
          String s = screen();
          return s.contains(text) ? s : null;
        });
  }

  /** Selects a terminal's tab. */
  Terminal select(String name) {
    browser.click(browser.visible("#terminal-tabs [data-terminal='" + name + "']"));
    browser.waitFor("terminal " + name + " in front", d -> name.equals(name()));
    return ready();
  }

  private static final String ENTRIES = "#terminal-transcript .term-entry[data-terminal='%s']";

  int entryCount() {
    return entryCount(name());
  }

  int entryCount(String terminal) {
    return browser.driver().findElements(By.cssSelector(String.format(ENTRIES, terminal))).size();
  }

  List<TermEntry> entries() {
    return browser.driver().findElements(By.cssSelector(String.format(ENTRIES, name()))).stream()
        .map(Terminal::read)
        .toList();
  }

  /** Types the command into the prompt and presses Enter, as a learner does. */
  TermEntry run(String command) {
    return run(command, COMMAND_TIMEOUT);
  }

  /** {@link #run(String)} for a command that may take longer than usual (waits, load runs). */
  TermEntry run(String command, Duration timeout) {
    show();
    int before = entryCount();
    type(command, Keys.ENTER);
    return awaitEntry(name(), before, command, timeout);
  }

  /**
   * Clicks a lesson's run button, which types and runs its command in its terminal (the one in
   * front, or the one it names).
   */
  TermEntry click(WebElement executeButton) {
    String command = executeButton.getDomAttribute("data-command");
    String target = executeButton.getDomAttribute("data-terminal");
    String terminal = target == null ? currentOrFirst() : target;
    int before = entryCount(terminal);
    browser.click(executeButton);
    return awaitEntry(terminal, before, command);
  }

  private String currentOrFirst() {
    String name =
        browser.driver().findElements(By.cssSelector("#terminal")).isEmpty() ? null : name();
    return name == null ? "T1" : name;
  }

  TermEntry awaitEntry(int entriesBefore, String command) {
    return awaitEntry(name(), entriesBefore, command);
  }

  /**
   * Waits until the terminal is idle with more entries than before, and returns the newest one. One
   * script call a poll (not one WebDriver call an element): the machine running this is small and
   * busy.
   */
  TermEntry awaitEntry(String terminal, int entriesBefore, String command) {
    return awaitEntry(terminal, entriesBefore, command, COMMAND_TIMEOUT);
  }

  TermEntry awaitEntry(String terminal, int entriesBefore, String command, Duration timeout) {
    return browser.waitFor(
        "terminal "
            + terminal
            + " to finish `"
            + command
            + "` (#terminal data-busy=\"false\" and a new transcript entry with data-exit-code)",
        timeout,
        d -> {
          @SuppressWarnings("unchecked")
          List<String> e =
              (List<String>)
                  browser.js(
                      "var t = document.getElementById('terminal');"
                          + " var es = document.querySelectorAll(arguments[1]);"
                          + " if (!t || t.getAttribute('data-terminal') !== arguments[2]"
                          + " || t.getAttribute('data-busy') !== 'false' || es.length <= arguments[0]) return null;"
                          + " var last = es[es.length - 1], x = last.getAttribute('data-exit-code');"
                          + " if (x === null || x === '') return null;"
                          + " var c = last.querySelector('.term-command'), r = last.querySelector('.term-result');"
                          + " return [c ? c.textContent : '', r ? r.textContent : '', x];",
                      entriesBefore,
                      String.format(ENTRIES, terminal),
                      terminal);
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
