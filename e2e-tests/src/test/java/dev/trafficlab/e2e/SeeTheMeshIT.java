package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;

/**
 * Issue 14's remaining "done when" checks, as the learner meets them: the Traffic tab counts only
 * what the rules in force routed and follows new traffic on its own; Envoy's own metrics carry the
 * versions; the Product page tab follows a sign-in made in another browser tab.
 */
@LearnerTest
class SeeTheMeshIT {
  private static final String PRODUCTPAGE =
      "$(kubectl get pod -l app=productpage -o jsonpath='{.items[0].metadata.name}')";

  @Test
  void afterTheAllVOneApplyTheTrafficWindowCountsOnlyVOne(Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    TrafficTab traffic = page.traffic().show().send100();
    // No rule yet: the default route spreads the 100 calls over the three versions.
    assertThat(traffic.counts().get("v2") + traffic.counts().get("v3"))
        .as("before any rule: %s", traffic.counts())
        .isPositive();

    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    // Requests sent from elsewhere (the API) reach the open tab through its own refresh.
    LabApi.Response sent =
        lab.api()
            .post(
                "/api/sandboxes/" + sandbox + "/requests",
                "application/json",
                "{\"from\":\"productpage-v1\",\"host\":\"reviews\",\"port\":9080,"
                    + "\"path\":\"/reviews/0\",\"count\":100}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    Map<String, Integer> counts =
        learner
            .browser()
            .waitFor(
                "the Traffic tab to count the 100 requests routed by virtual-service-all-v1.yaml",
                Duration.ofSeconds(10),
                d -> {
                  Map<String, Integer> c = traffic.counts();
                  return c.get("v1") == 100 ? c : null;
                });
    assertThat(counts).as("since the last configuration change").containsEntry("v2", 0);
    assertThat(counts).containsEntry("v3", 0);
    Map<String, String> shares = traffic.edgeShares();
    assertThat(shares)
        .as("the graph over the same window")
        .containsEntry("svc:reviews>wl:reviews-v1", "100%")
        .doesNotContainKeys("svc:reviews>wl:reviews-v2", "svc:reviews>wl:reviews-v3");
    assertThat(
            learner
                .browser()
                .js(
                    "return document.querySelector('.traffic-divider') ?"
                        + " document.querySelector('.traffic-divider').textContent : '';"))
        .as("the change divider in the request list")
        .asString()
        .contains("reviews");
  }

  @Test
  void pilotAgentPrometheusStatsOnProductpagesProxyCarryDestinationVersions(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    page.productPage().show().current();
    TermEntry entry =
        page.terminal()
            .run(
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c istio-proxy -- pilot-agent request GET stats/prometheus"
                    + " | grep '^istio_requests_total'");
    assertThat(entry.exitCode()).as(entry.toString()).isEqualTo("0");
    assertThat(entry.result())
        .as(entry.toString())
        .containsPattern(
            "istio_requests_total\\{[^}]*reporter=\"source\"[^}]*"
                + "destination_version=\"v[123]\"[^}]*"
                + "destination_service=\"reviews\\.default\\.svc\\.cluster\\.local\"");
  }

  @Test
  void aSignInInAnotherTabReloadsTheProductPageTabWhenShownAgain(Learner learner) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    ProductPageTab tab = page.productPage().show();
    tab.current();
    String url = tab.url();
    Browser browser = learner.browser();
    assertThat(signedInUserInFrame(browser)).as("nobody signed in yet").isEmpty();

    String lessonWindow = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    try {
      browser.get(url);
      browser.js(
          "var f = document.getElementById('login-form');"
              + " f.querySelector('[name=username]').value = 'jason';"
              + " f.querySelector('[name=passwd]').value = 'any-password'; f.submit();");
      browser.waitFor(
          "jason signed in in the other tab",
          d ->
              (Boolean)
                  browser.js(
                      "var u = document.getElementById('signed-in-user');"
                          + " return !!u && u.textContent.indexOf('jason') >= 0;"));
    } finally {
      browser.driver().close();
      browser.driver().switchTo().window(lessonWindow);
    }

    page.traffic().show();
    page.productPage().show();
    String user =
        browser.waitFor(
            "the Product page tab to show jason signed in, without ↻",
            Duration.ofSeconds(10),
            d -> {
              String u = signedInUserInFrame(browser);
              return u.contains("jason") ? u : null;
            });
    assertThat(user).contains("jason");
  }

  private static String signedInUserInFrame(Browser browser) {
    browser.driver().switchTo().defaultContent();
    return String.valueOf(
        browser.js(
            "var f = document.getElementById('productpage-frame');"
                + " var d = f && f.contentDocument, u = d && d.getElementById('signed-in-user');"
                + " return u ? u.textContent : '';"));
  }
}
