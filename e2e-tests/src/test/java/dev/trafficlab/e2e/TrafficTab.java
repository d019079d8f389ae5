package dev.trafficlab.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Traffic tab: counts per reviews version over the recent page views, and why each request went
 * where.
 */
final class TrafficTab {
  static final List<String> VERSIONS = List.of("v1", "v2", "v3");

  private final Browser browser;

  TrafficTab(Browser browser) {
    this.browser = browser;
  }

  TrafficTab show() {
    browser.driver().switchTo().defaultContent();
    browser.click(browser.visible("#tab-traffic"));
    browser.visible("#panel-traffic");
    browser.present("#traffic-counts");
    return this;
  }

  /** The counts shown now, per version (a version the tab does not list counts 0). */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String v : VERSIONS) {
      List<WebElement> cells =
          browser
              .driver()
              .findElements(By.cssSelector("#traffic-counts [data-version='" + v + "'] .count"));
      counts.put(v, cells.isEmpty() ? 0 : parse(cells.get(0).getDomProperty("textContent")));
    }
    return counts;
  }

  /**
   * The counts once they hold {@code total} requests (the view refreshes on its own while the tab
   * is shown); the last counts seen when they never do.
   */
  Map<String, Integer> countsOf(int total) {
    java.util.concurrent.atomic.AtomicReference<Map<String, Integer>> last =
        new java.util.concurrent.atomic.AtomicReference<>(counts());
    try {
      return browser.waitFor(
          "the Traffic tab to count " + total + " requests",
          Duration.ofSeconds(10),
          d -> {
            last.set(counts());
            return last.get().values().stream().mapToInt(Integer::intValue).sum() >= total
                ? last.get()
                : null;
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      return last.get();
    }
  }

  /**
   * One recent request as the tab explains it: the version it reached, and the
   * VirtualService/rule/match why.
   */
  record Why(String version, String virtualService, String rule, String match) {}

  @SuppressWarnings("unchecked")
  List<Why> recent() {
    List<List<String>> rows =
        (List<List<String>>)
            browser.js(
                "return Array.from(document.querySelectorAll('#traffic-recent tr[data-version]')).map(function (r) {"
                    + " return [r.getAttribute('data-version') || '', r.getAttribute('data-vs') || '',"
                    + " r.getAttribute('data-rule') || '', r.getAttribute('data-match') || '']; });");
    return rows.stream().map(r -> new Why(r.get(0), r.get(1), r.get(2), r.get(3))).toList();
  }

  /** Presses "Send 100 requests" and waits for the status line that reports them. */
  TrafficTab send100() {
    browser.js("var s = document.getElementById('send-status'); if (s) s.textContent = '';");
    browser.click(browser.visible("#send-100"));
    browser.waitFor(
        "the send status to report 100 requests",
        Duration.ofSeconds(30),
        d -> {
          Object text =
              browser.js(
                  "var s = document.getElementById('send-status'); return s ? s.textContent : '';");
          return String.valueOf(text).startsWith("Sent 100") ? text : null;
        });
    return this;
  }

  /**
   * Clicks a node of the service graph ("svc:ratings"), as a learner does to list the requests
   * through it, and waits until a listed request's text contains {@code expected}; returns the
   * listed rows' text.
   */
  @SuppressWarnings("unchecked")
  List<String> focusUntilListed(String node, String expected) {
    browser.click(
        browser.waitFor(
            "the service graph to show " + node,
            Duration.ofSeconds(20),
            d ->
                d
                    .findElements(By.cssSelector("#service-graph g[data-node='" + node + "']"))
                    .stream()
                    .findFirst()
                    .orElse(null)));
    return browser.waitFor(
        "a request through " + node + " listed with " + expected,
        Duration.ofSeconds(20),
        d -> {
          List<String> rows =
              (List<String>)
                  browser.js(
                      "return Array.from(document.querySelectorAll('#traffic-recent tr')).map(function (r) {"
                          + " return r.textContent.replace(/\\s+/g, ' ').trim(); });");
          return rows.stream().anyMatch(r -> r.contains(expected)) ? rows : null;
        });
  }

  /** The graph's share label of each edge, by edge id ("svc:reviews>wl:reviews-v3" → "100%"). */
  @SuppressWarnings("unchecked")
  Map<String, String> edgeShares() {
    return (Map<String, String>)
        browser.js(
            "var out = {}; document.querySelectorAll('#service-graph g[data-edge]').forEach(function (g) {"
                + " var t = g.querySelector('text.edge-share');"
                + " out[g.getAttribute('data-edge')] = t ? t.textContent : ''; }); return out;");
  }

  private static int parse(String text) {
    String digits = text == null ? "" : text.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
