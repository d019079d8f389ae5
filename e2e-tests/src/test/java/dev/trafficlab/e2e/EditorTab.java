package dev.trafficlab.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Editor tab: a CodeMirror 5 editor on a sandbox file, with Istio's diagnostics and an Apply
 * button.
 */
final class EditorTab {
  private static final String CM = "document.querySelector('.CodeMirror').CodeMirror";

  private final Browser browser;

  EditorTab(Browser browser) {
    this.browser = browser;
  }

  record ApplyOutput(String text, String exitCode) {}

  /**
   * Waits until the editor shows the file (its path in #editor-path and its text in CodeMirror).
   */
  EditorTab awaitFile(String path) {
    browser.visible("#panel-editor");
    browser.waitFor(
        "the editor to open " + path + " (#editor-path)",
        d -> d.findElement(By.id("editor-path")).getText().trim().endsWith(fileName(path)));
    browser.waitFor("CodeMirror to hold the text of " + path, d -> !value().isBlank());
    return this;
  }

  String path() {
    return browser.present("#editor-path").getText().trim();
  }

  String value() {
    Object v =
        browser.js(
            "var el = document.querySelector('.CodeMirror');"
                + " return el && el.CodeMirror ? el.CodeMirror.getValue() : '';");
    return v == null ? "" : v.toString();
  }

  /**
   * Replaces the whole text as typing would (CodeMirror fires its change events, so validation
   * runs).
   */
  void setValue(String text) {
    browser.js(CM + ".setValue(arguments[0]);", text);
  }

  List<Diagnostic> diagnostics() {
    return browser
        .driver()
        .findElements(By.cssSelector("#editor-diagnostics li.diagnostic"))
        .stream()
        .map(
            li ->
                new Diagnostic(
                    parseLine(li.getDomAttribute("data-line")),
                    li.getDomAttribute("data-severity"),
                    li.getDomProperty("textContent").trim()))
        .toList();
  }

  /** Whether CodeMirror shows a gutter mark (the lint addon's) on this 1-based line. */
  boolean gutterMarked(int line) {
    Object marked =
        browser.js(
            "var info = "
                + CM
                + ".lineInfo(arguments[0] - 1);"
                + " return !!(info && info.gutterMarkers && Object.keys(info.gutterMarkers).length > 0);",
            line);
    return Boolean.TRUE.equals(marked);
  }

  /**
   * Clicks Apply and waits for its output (the previous output is cleared first), agreeing to save
   * a file Istio would refuse when the page asks.
   */
  ApplyOutput apply() {
    return apply(true);
  }

  /** As {@link #apply()}, answering the page's "save it anyway?" question with {@code agree}. */
  ApplyOutput apply(boolean agree) {
    browser.js(
        "var agree = arguments[0]; window.confirm = function () { return agree; };"
            + " var o = document.getElementById('editor-output');"
            + " if (o) { o.textContent = ''; o.removeAttribute('data-exit-code'); }",
        agree);
    browser.click(browser.visible("button#editor-apply"));
    return browser.waitFor(
        "the output of Apply in #editor-output (with data-exit-code)",
        d -> {
          WebElement out = d.findElement(By.id("editor-output"));
          String exit = out.getDomAttribute("data-exit-code");
          String text = out.getDomProperty("textContent");
          return exit == null || exit.isBlank() || text == null || text.isBlank()
              ? null
              : new ApplyOutput(text, exit);
        });
  }

  private static int parseLine(String s) {
    try {
      return Integer.parseInt(s == null ? "" : s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
