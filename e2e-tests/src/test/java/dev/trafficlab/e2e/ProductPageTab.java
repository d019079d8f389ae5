package dev.trafficlab.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Product page tab: the sandbox's Bookinfo page in an iframe, its address, and a Refresh
 * button.
 */
final class ProductPageTab {
  private final Browser browser;

  ProductPageTab(Browser browser) {
    this.browser = browser;
  }

  ProductPageTab show() {
    browser.driver().switchTo().defaultContent();
    browser.click(browser.visible("#tab-productpage"));
    browser.visible("#panel-productpage");
    browser.visible("iframe#productpage-frame");
    return this;
  }

  /** The product page's address as the tab shows it (absolute). */
  String url() {
    browser.driver().switchTo().defaultContent();
    WebElement link = browser.present("a#productpage-url");
    String href = link.getDomProperty("href");
    if (href == null || href.isBlank()) {
      throw new AssertionError("a#productpage-url has no href");
    }
    return href;
  }

  /** What the page in the iframe shows now (waiting for it to have loaded). */
  Reviews current() {
    return inFrame(d -> readReviews(null));
  }

  /**
   * Clicks Refresh and reads the reloaded page (waits until the old page is gone, so no stale
   * read).
   */
  Reviews refresh() {
    WebElement old = inFrame(d -> browser.present("#reviews"));
    browser.click(browser.visible("button#productpage-refresh"));
    return inFrame(d -> readReviews(old));
  }

  /**
   * Signs in inside the iframe with Bookinfo's form (any password works), as a learner testing the
   * jason rule. Returns what the page shows once signed in.
   */
  Reviews signIn(String user) {
    return inFrame(
        d -> {
          WebElement form = browser.present("form#login-form");
          WebElement name = form.findElement(By.name("username"));
          WebElement password = form.findElement(By.name("passwd"));
          WebElement button = form.findElement(By.id("login-button"));
          WebElement old = browser.present("#reviews");
          if (name.isDisplayed()) {
            name.clear();
            name.sendKeys(user);
            password.sendKeys("any-password");
            browser.click(button);
          } else {
            // The form sits in a collapsed dialog whose opener the UI contract does not name: fill
            // it the way the
            // browser would, then press its own button.
            browser.js(
                "arguments[0].value = arguments[2]; arguments[1].value = 'any-password'; arguments[3].click();",
                name,
                password,
                user,
                button);
          }
          browser.waitFor(
              "the product page to show " + user + " signed in (#signed-in-user)",
              x ->
                  x.findElements(By.id("signed-in-user")).stream()
                      .anyMatch(e -> e.getText().contains(user)));
          return readReviews(old);
        });
  }

  /** Signs out with the page's own link; returns what the page shows afterwards. */
  Reviews signOut() {
    return inFrame(
        d -> {
          WebElement old = browser.present("#reviews");
          browser.click(browser.visible("a#logout"));
          browser.waitFor(
              "the product page to show the sign-in form again after signing out",
              x ->
                  x.findElements(By.id("signed-in-user")).isEmpty()
                      && !x.findElements(By.cssSelector("form#login-form")).isEmpty());
          return readReviews(old);
        });
  }

  /**
   * Waits, without touching Refresh, until the page on view shows {@code expected}; returns what it
   * shows last when it never does (one script call a poll, reading the same-origin frame's
   * document).
   */
  Reviews awaitShowing(Reviews expected, java.time.Duration timeout) {
    browser.driver().switchTo().defaultContent();
    Reviews[] last = {null};
    try {
      return browser.waitFor(
          "the product page tab to show " + expected + " on its own",
          timeout,
          d -> {
            last[0] = shownNow();
            return expected.equals(last[0]) ? last[0] : null;
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      return last[0];
    }
  }

  /**
   * Waits until the frame shows the page at an address ending with {@code pathEnd} (any page the
   * gateway answers, httpbin's too) and returns its text.
   */
  String awaitPage(String pathEnd) {
    browser.driver().switchTo().defaultContent();
    return browser.waitFor(
        "the product page tab to show the page at ..." + pathEnd,
        d ->
            (String)
                browser.js(
                    "var f = document.getElementById('productpage-frame');"
                        + " try { var w = f.contentWindow, b = f.contentDocument.body;"
                        + "  var at = decodeURIComponent(w.location.pathname);"
                        + "  return at.endsWith(arguments[0]) && f.contentDocument.readyState"
                        + "   === 'complete' && b && b.textContent.length > 0 ? b.textContent : null;"
                        + " } catch (e) { return null; }",
                    pathEnd));
  }

  /** What the page in the frame shows at this moment (null while none is loaded). */
  Reviews shownNow() {
    @SuppressWarnings("unchecked")
    java.util.List<String> r =
        (java.util.List<String>)
            browser.js(
                "var f = document.getElementById('productpage-frame');"
                    + " var d = f && f.contentDocument, r = d && d.getElementById('reviews');"
                    + " return r ? [r.getAttribute('data-reviews-version') || '',"
                    + " r.getAttribute('data-star-color') || ''] : null;");
    return r == null ? null : new Reviews(r.get(0), r.get(1));
  }

  /** One load of the product page timed in the browser: how long it took and what it showed. */
  record TimedLoad(double seconds, Reviews reviews, String reviewsText) {}

  /**
   * Loads the tab's page once more with the browser's cookies (so signed in as the learner is in
   * the tab) and times it from the request to the last byte, independent of the tab's own reloads
   * after a configuration change.
   */
  TimedLoad timedLoad() {
    String url = url();
    var timeouts = browser.driver().manage().timeouts();
    timeouts.scriptTimeout(java.time.Duration.ofSeconds(60));
    try {
      @SuppressWarnings("unchecked")
      java.util.List<Object> r =
          (java.util.List<Object>)
              ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                  .executeAsyncScript(
                      "var done = arguments[arguments.length - 1], t0 = performance.now();"
                          + " fetch(arguments[0], {credentials: 'same-origin', cache: 'no-store'})"
                          + "  .then(function (r) { return r.text(); })"
                          + "  .then(function (html) {"
                          + "    var s = (performance.now() - t0) / 1000;"
                          + "    var e = new DOMParser().parseFromString(html, 'text/html').getElementById('reviews');"
                          + "    done([s, e ? e.getAttribute('data-reviews-version') || '' : '',"
                          + "          e ? e.getAttribute('data-star-color') || '' : '', e ? e.textContent : '']);"
                          + "  }, function (err) { done([-1, '', '', 'error: ' + err]); });",
                      url);
      return new TimedLoad(
          ((Number) r.get(0)).doubleValue(),
          new Reviews((String) r.get(1), (String) r.get(2)),
          String.valueOf(r.get(3)).replaceAll("\\s+", " ").trim());
    } finally {
      timeouts.scriptTimeout(java.time.Duration.ofSeconds(15));
    }
  }

  /** The text of the reviews block on view (the reviews, or the page's error about them). */
  String reviewsText() {
    browser.driver().switchTo().defaultContent();
    Object text =
        browser.js(
            "var f = document.getElementById('productpage-frame');"
                + " var d = f && f.contentDocument, r = d && d.getElementById('reviews');"
                + " return r ? r.textContent : '';");
    return String.valueOf(text).replaceAll("\\s+", " ").trim();
  }

  /** The badge naming the version that served the page on view ("" while hidden). */
  String badge() {
    browser.driver().switchTo().defaultContent();
    WebElement badge = browser.present("#productpage-version");
    return badge.isDisplayed() ? badge.getText() : "";
  }

  private Reviews readReviews(WebElement previous) {
    if (previous != null) {
      browser.waitFor(
          "the product page in the iframe to reload", ExpectedConditions.stalenessOf(previous));
    }
    WebElement r = browser.present("#reviews");
    return new Reviews(
        nullToEmpty(r.getDomAttribute("data-reviews-version")),
        nullToEmpty(r.getDomAttribute("data-star-color")));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Runs the action inside the product page's iframe and always returns to the lab's page. */
  private <T> T inFrame(java.util.function.Function<WebDriver, T> action) {
    WebDriver d = browser.driver();
    d.switchTo().defaultContent();
    browser.waitFor(
        "the product page iframe",
        ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("productpage-frame")));
    try {
      return action.apply(d);
    } finally {
      d.switchTo().defaultContent();
    }
  }
}
