package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.RouteRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Istio tasks the lesson relies on, end to end through productpage: timing bounds are loose on
 * purpose (the machine is shared); they separate "about 6 s" from "about 3 s" and "about 1 s",
 * nothing finer.
 */
class LessonsTest {

  /** virtual-service-reviews-test-v2 semantics: jason to v2, everyone else to v1. */
  private static Decision reviewsTestV2(RouteRequest r) {
    return "jason".equals(r.header("end-user"))
        ? Routes.route(Routes.target("reviews", "v2", 100)).build()
        : Routes.route(Routes.target("reviews", "v1", 100)).build();
  }

  private static String jason() {
    return "session="
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("jason".getBytes());
  }

  /**
   * One page first, in a sandbox of its own and before the lesson's rules: on a loaded machine the
   * first page of a fresh data plane pays for class loading and connections (4.9 s once at load 22,
   * against 1.0 s after), which is no timing of the lesson's.
   */
  private static void warmUp(MeshFixture f) {
    f.call(
        new TestSandbox("warm-up"), "istio-ingressgateway", "localhost", "/productpage", Map.of());
  }

  @Test
  void faultInjectionJasonWithSevenSecondRatingsDelayGetsReviewsErrorAfterAboutSixSeconds() {
    try (MeshFixture f = new MeshFixture()) {
      f.routes.rule("reviews", (s, r) -> reviewsTestV2(r));
      f.routes.rule(
          "ratings",
          (s, r) ->
              "jason".equals(r.header("end-user"))
                  ? Routes.route(Routes.target("ratings", "v1", 100)).delay(7000, 100).build()
                  : Routes.route(Routes.target("ratings", "v1", 100)).build());
      TestSandbox sandbox = new TestSandbox("fault");
      long t0 = System.nanoTime();
      MeshResponse page =
          f.call(
              sandbox,
              "istio-ingressgateway",
              "localhost",
              "/productpage",
              Map.of("cookie", jason()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body())
          .contains(
              "Error fetching product reviews!",
              "Sorry, product reviews are currently unavailable for this book.",
              "<span id=\"signed-in-user\">jason</span>");
      // Two 3 s attempts; the upper bound only catches a hang (the error text already proves
      // productpage gave up).
      assertThat(seconds).isBetween(5.5, 11.0);
      // Other users get v1 straight away.
      long t1 = System.nanoTime();
      MeshResponse other =
          f.call(sandbox, "istio-ingressgateway", "localhost", "/productpage", Map.of());
      assertThat((System.nanoTime() - t1) / 1e9).isLessThan(2.5);
      assertThat(WorkloadsTest.attr(other.body(), "data-reviews-version")).isEqualTo("v1");
    }
  }

  @Test
  void faultInjectionWithAbortShowsRatingsUnavailableAtOnce() {
    try (MeshFixture f = new MeshFixture()) {
      f.routes.rule("reviews", (s, r) -> reviewsTestV2(r));
      f.routes.rule(
          "ratings",
          (s, r) ->
              "jason".equals(r.header("end-user"))
                  ? Routes.route(Routes.target("ratings", "v1", 100)).abort(500, 100).build()
                  : Routes.route(Routes.target("ratings", "v1", 100)).build());
      long t0 = System.nanoTime();
      MeshResponse page =
          f.call(
              new TestSandbox("abort"),
              "istio-ingressgateway",
              "localhost",
              "/productpage",
              Map.of("cookie", jason()));
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.5);
      assertThat(page.body()).contains("<p><i>Ratings service is currently unavailable</i></p>");
      assertThat(WorkloadsTest.attr(page.body(), "data-reviews-version")).isEqualTo("v2");
      assertThat(WorkloadsTest.attr(page.body(), "data-star-color")).isEqualTo("black");
    }
  }

  @Test
  void
      reviewsV3WithSevenSecondDelayShowsRedReviewsWithRatingsUnavailableAfterAboutTwoAndAHalfSeconds() {
    try (MeshFixture f = new MeshFixture()) {
      warmUp(f);
      f.routes.rule("reviews", Routes.route(Routes.target("reviews", "v3", 100)).build());
      f.routes.rule(
          "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(7000, 100).build());
      long t0 = System.nanoTime();
      MeshResponse page =
          f.call(
              new TestSandbox("v3"), "istio-ingressgateway", "localhost", "/productpage", Map.of());
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(page.body()).contains("Ratings service is currently unavailable", "Book Reviews");
      assertThat(WorkloadsTest.attr(page.body(), "data-star-color")).isEqualTo("red");
      assertThat(seconds).isBetween(2.3, 5.0);
    }
  }

  @Test
  void
      requestTimeoutsHalfSecondRouteTimeoutWithTwoSecondRatingsDelayGivesReviewsErrorAfterAboutOneSecond() {
    try (MeshFixture f = new MeshFixture()) {
      warmUp(f);
      f.routes.rule(
          "reviews", Routes.route(Routes.target("reviews", "v2", 100)).timeout(500).build());
      f.routes.rule(
          "ratings", Routes.route(Routes.target("ratings", "v1", 100)).delay(2000, 100).build());
      TestSandbox sandbox = new TestSandbox("timeouts");
      long t0 = System.nanoTime();
      MeshResponse page =
          f.call(sandbox, "istio-ingressgateway", "localhost", "/productpage", Map.of());
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(page.body())
          .contains(
              "Error fetching product reviews!",
              "Sorry, product reviews are currently unavailable for this book.");
      System.out.printf(
          "request-timeouts: page after two 0.5 s route timeouts in %.2f s%n", seconds);
      assertThat(seconds)
          .isBetween(
              0.9, 4.0); // two 0.5 s route timeouts, far from the 6 s of two 3 s app timeouts
      assertThat(
              sandbox.traffic().recent(100).stream()
                  .filter(
                      t ->
                          t.authority().equals("reviews:9080")
                              && t.status() == 504
                              && t.responseFlags().equals("UT"))
                  .count())
          .isEqualTo(2);
    }
  }
}
