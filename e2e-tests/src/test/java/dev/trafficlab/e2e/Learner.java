package dev.trafficlab.e2e;

import java.util.List;
import java.util.function.Supplier;

/** A learner at one browser: visits the lab's pages and reads what they show. */
final class Learner {
  private final Lab lab;
  private final Browser browser;
  private final Supplier<Learner> anotherBrowser;

  Learner(Lab lab, Browser browser, Supplier<Learner> anotherBrowser) {
    this.lab = lab;
    this.browser = browser;
    this.anotherBrowser = anotherBrowser;
  }

  Lab lab() {
    return lab;
  }

  Browser browser() {
    return browser;
  }

  /** A second learner on another computer: another browser, so another sandbox. */
  Learner inAnotherBrowser() {
    return anotherBrowser.get();
  }

  void visit(String path) {
    browser.get(lab.url(path));
    browser.waitFor(
        "page " + path + " to load",
        d -> "complete".equals(browser.js("return document.readyState")));
  }

  LessonPage openLesson(String lesson) {
    visit("/lessons/" + lesson);
    return LessonPage.on(browser, lab);
  }

  /** Opens the catalogue and clicks the lesson's card, as a learner picks a lesson. */
  LessonPage openFromCatalogue(String lesson) {
    visit("/");
    browser.click(browser.visible("li.lesson-card[data-lesson='" + lesson + "'] a.lesson-link"));
    browser.waitFor(
        "the lesson page of " + lesson + " to load",
        d ->
            d.getCurrentUrl().endsWith("/lessons/" + lesson)
                && "complete".equals(browser.js("return document.readyState")));
    return LessonPage.on(browser, lab);
  }

  LessonPage openStep(String lesson, int step) {
    visit("/lessons/" + lesson + "/steps/" + step);
    return LessonPage.on(browser, lab);
  }

  /**
   * Loads the product page in this browser's main window (not the iframe), as a learner who opened
   * it in a tab of its own and pressed reload: the fast way to look at it a hundred times.
   */
  Reviews viewProductPage(String url) {
    browser.get(url);
    @SuppressWarnings("unchecked")
    List<String> r =
        (List<String>)
            browser.js(
                "var e = document.getElementById('reviews');"
                    + " return e ? [e.getAttribute('data-reviews-version') || '', e.getAttribute('data-star-color') || ''] : null;");
    if (r == null) {
      throw new AssertionError(
          "The product page "
              + url
              + " has no #reviews element; it shows:\n"
              + browser.driver().findElement(org.openqa.selenium.By.tagName("body")).getText());
    }
    return new Reviews(r.get(0), r.get(1));
  }

  /**
   * Opens the product page, then requests it again {@code times - 1} times in a row from that page
   * (same browser, same cookies), reading the reviews block of each answer in order: a hundred
   * reloads without a hundred renders.
   */
  @SuppressWarnings("unchecked")
  List<Reviews> reloadProductPage(String url, int times) {
    Reviews first = viewProductPage(url);
    var timeouts = browser.driver().manage().timeouts();
    timeouts.scriptTimeout(java.time.Duration.ofSeconds(90));
    try {
      List<List<String>> seen =
          (List<List<String>>)
              ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                  .executeAsyncScript(
                      "var url = arguments[0], times = arguments[1], done = arguments[arguments.length - 1];"
                          + " var seen = [];"
                          + " function next() {"
                          + "   if (seen.length === times) { done(seen); return; }"
                          + "   fetch(url, {credentials: 'same-origin', cache: 'no-store'}).then(function (r) { return r.text(); })"
                          + "     .then(function (html) {"
                          + "       var e = new DOMParser().parseFromString(html, 'text/html').getElementById('reviews');"
                          + "       seen.push(e ? [e.getAttribute('data-reviews-version') || '',"
                          + "                      e.getAttribute('data-star-color') || ''] : ['', '']);"
                          + "       next();"
                          + "     }, function (err) { done(seen.concat([['error: ' + err, '']])); });"
                          + " }"
                          + " next();",
                      url,
                      times - 1);
      List<Reviews> all = new java.util.ArrayList<>(List.of(first));
      seen.forEach(r -> all.add(new Reviews(r.get(0), r.get(1))));
      return all;
    } finally {
      timeouts.scriptTimeout(java.time.Duration.ofSeconds(15));
    }
  }
}
