package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.MeshResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each Bookinfo workload behaves as Istio 1.8.1's sample does, reached from inside the mesh. */
class WorkloadsTest {
  static MeshFixture f;

  @BeforeAll
  static void start() {
    f = new MeshFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void ratingsAnswersFiveAndFourStars() {
    MeshResponse r = f.call(new TestSandbox("s"), "reviews-v2", "ratings", "/ratings/0", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(new JsonObject(r.body()))
        .isEqualTo(new JsonObject("{\"id\":0,\"ratings\":{\"Reviewer1\":5,\"Reviewer2\":4}}"));
    assertThat(
            f.call(new TestSandbox("s"), "reviews-v2", "ratings", "/ratings/abc", Map.of())
                .status())
        .isEqualTo(400);
  }

  @Test
  void detailsAnswersTheBookAndRejectsNonNumericIds() {
    TestSandbox s = new TestSandbox("s");
    JsonObject d =
        new JsonObject(f.call(s, "productpage-v1", "details", "/details/0", Map.of()).body());
    assertThat(d.getString("type")).isEqualTo("paperback");
    assertThat(d.getInteger("pages")).isEqualTo(200);
    assertThat(d.getString("publisher")).isEqualTo("PublisherA");
    assertThat(d.getString("ISBN-13")).isEqualTo("123-1234567890");
    MeshResponse bad = f.call(s, "productpage-v1", "details", "/details/x", Map.of());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("please provide numeric product id");
  }

  @Test
  void healthOnEveryService() {
    TestSandbox s = new TestSandbox("s");
    assertThat(f.call(s, "ratings-v1", "productpage", "/health", Map.of()).body())
        .isEqualTo("Product page is healthy");
    assertThat(f.call(s, "ratings-v1", "details", "/health", Map.of()).body())
        .contains("Details is healthy");
    assertThat(f.call(s, "ratings-v1", "reviews", "/health", Map.of()).body())
        .contains("Reviews is healthy");
    assertThat(f.call(s, "reviews-v1", "ratings", "/health", Map.of()).body())
        .contains("Ratings is healthy");
  }

  @Test
  void reviewsV1HasNoRatingsV2BlackV3Red() {
    TestSandbox s = new TestSandbox("s");
    for (String v : List.of("v1", "v2", "v3")) {
      f.routes.rule("reviews", Routes.route(Routes.target("reviews", v, 100)).build());
      MeshResponse r = f.call(s, "productpage-v1", "reviews", "/reviews/0", Map.of());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.upstreamPod()).startsWith("reviews-" + v);
      JsonObject json = new JsonObject(r.body());
      assertThat(json.getString("id")).isEqualTo("0");
      var reviews = json.getJsonArray("reviews");
      assertThat(reviews.getJsonObject(0).getString("text"))
          .isEqualTo(
              "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!");
      if (v.equals("v1")) {
        assertThat(reviews.getJsonObject(0).containsKey("rating")).isFalse();
      } else {
        String color = v.equals("v2") ? "black" : "red";
        assertThat(reviews.getJsonObject(0).getJsonObject("rating").getInteger("stars"))
            .isEqualTo(5);
        assertThat(reviews.getJsonObject(1).getJsonObject("rating").getInteger("stars"))
            .isEqualTo(4);
        assertThat(reviews.getJsonObject(1).getJsonObject("rating").getString("color"))
            .isEqualTo(color);
      }
    }
    f.routes.rule("reviews", (snap, req) -> null);
  }

  @Test
  void reviewsSaysRatingsUnavailableWhenRatingsFails() {
    TestSandbox s = new TestSandbox("s-ratings-down");
    Routes routes = new Routes();
    try (MeshFixture g = new MeshFixture()) {
      g.routes.rule("reviews", Routes.route(Routes.target("reviews", "v3", 100)).build());
      g.routes.rule(
          "ratings", Routes.route(Routes.target("ratings", "v1", 100)).abort(503, 100).build());
      MeshResponse r = g.call(s, "productpage-v1", "reviews", "/reviews/0", Map.of());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).contains("{\"error\": \"Ratings service is currently unavailable\"}");
    }
    assertThat(routes).isNotNull();
  }

  @Test
  void productPageShowsBookDetailsAndTwoReviewsAndRotatesReviewsRoundRobin() {
    TestSandbox s = new TestSandbox("rr");
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      MeshResponse r = f.call(s, "ratings-v1", "productpage", "/productpage", Map.of());
      assertThat(r.status()).isEqualTo(200);
      String html = r.body();
      assertThat(html)
          .contains(
              "<title>Simple Bookstore App</title>",
              "BookInfo Sample",
              "The Comedy of Errors",
              "paperback",
              "PublisherA",
              "English",
              "1234567890",
              "123-1234567890",
              "An extremely entertaining play by Shakespeare.",
              "Absolutely fun and entertaining.",
              "Reviewer1",
              "Reviewer2",
              "form id=\"login-form\"",
              "id=\"login-button\"");
      versions.add(attr(html, "data-reviews-version"));
      String color = attr(html, "data-star-color");
      String v = versions.get(versions.size() - 1);
      assertThat(color)
          .isEqualTo(
              switch (v) {
                case "v1" -> "none";
                case "v2" -> "black";
                default -> "red";
              });
      if (!v.equals("v1")) {
        assertThat(html).contains("5 of 5 stars, " + color, "4 of 5 stars, " + color);
      } else {
        assertThat(html).doesNotContain("of 5 stars");
      }
    }
    // ROUND_ROBIN over the three reviews pods, as 1.8 does without a VirtualService.
    assertThat(versions.subList(0, 3)).containsExactlyInAnyOrder("v1", "v2", "v3");
    assertThat(versions.subList(3, 6)).isEqualTo(versions.subList(0, 3));
  }

  @Test
  void productPageApiServesProductsDetailsAndReviews() {
    TestSandbox s = new TestSandbox("api");
    MeshResponse products = f.call(s, "ratings-v1", "productpage", "/api/v1/products", Map.of());
    assertThat(products.body()).startsWith("[{\"id\": 0, \"title\": \"The Comedy of Errors\"");
    MeshResponse details = f.call(s, "ratings-v1", "productpage", "/api/v1/products/0", Map.of());
    assertThat(new JsonObject(details.body()).getString("author")).isEqualTo("William Shakespeare");
    MeshResponse reviews =
        f.call(s, "ratings-v1", "productpage", "/api/v1/products/0/reviews", Map.of());
    assertThat(new JsonObject(reviews.body()).getJsonArray("reviews")).hasSize(2);
    MeshResponse ratings =
        f.call(s, "ratings-v1", "productpage", "/api/v1/products/0/ratings", Map.of());
    assertThat(new JsonObject(ratings.body()).getJsonObject("ratings").getInteger("Reviewer2"))
        .isEqualTo(4);
  }

  @Test
  void productPageShowsErrorTextsWhenDetailsAndReviewsFail() {
    try (MeshFixture g = new MeshFixture()) {
      g.routes.rule(
          "details",
          Routes.outcome(
                  dev.trafficlab.mesh.routing.Outcome.CLUSTER_NOT_FOUND,
                  Routes.missingSubset("details", "v9"))
              .build());
      g.routes.rule(
          "reviews", Routes.route(Routes.target("reviews", "v1", 100)).abort(500, 100).build());
      MeshResponse r =
          g.call(new TestSandbox("errors"), "ratings-v1", "productpage", "/productpage", Map.of());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body())
          .contains(
              "Error fetching product details!",
              "Sorry, product details are currently unavailable for this book.",
              "Error fetching product reviews!",
              "Sorry, product reviews are currently unavailable for this book.");
      assertThat(attr(r.body(), "data-reviews-version")).isEmpty();
      assertThat(attr(r.body(), "data-star-color")).isEmpty();
      MeshResponse api =
          g.call(
              new TestSandbox("errors"),
              "ratings-v1",
              "productpage",
              "/api/v1/products/0",
              Map.of());
      assertThat(api.status()).isEqualTo(503);
      assertThat(api.body())
          .contains("Sorry, product details are currently unavailable for this book.");
    }
  }

  @Test
  void signedInUserGoesOutAsEndUserExactlyAsTypedAndIsForwardedToRatings() {
    try (MeshFixture g = new MeshFixture()) {
      g.routes.rule("reviews", Routes.route(Routes.target("reviews", "v2", 100)).build());
      g.routes.recordSeen = true;
      String cookie =
          "session="
              + java.util.Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString("Jason <b>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      MeshResponse r =
          g.call(
              new TestSandbox("user"),
              "ratings-v1",
              "productpage",
              "/productpage",
              Map.of(
                  "cookie",
                  cookie,
                  "x-request-id",
                  "req-1",
                  "traceparent",
                  "00-abc-def-01",
                  "user-agent",
                  "ua/1"));
      assertThat(r.body())
          .contains("<span id=\"signed-in-user\">Jason &lt;b&gt;</span>", "id=\"logout\"")
          // the user icon is drawn inline, not an emoji that needs a font
          .contains(
              "<svg class=\"user-icon\"", "<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:")
          .doesNotContain("&#128100;")
          .doesNotContain("Jason <b>");
      var ratingsCall =
          g.routes.seen.stream().filter(q -> q.host().equals("ratings")).findFirst().orElseThrow();
      assertThat(ratingsCall.header("end-user")).isEqualTo("Jason <b>");
      assertThat(ratingsCall.header("x-request-id")).isEqualTo("req-1");
      assertThat(ratingsCall.header("traceparent")).isEqualTo("00-abc-def-01");
      assertThat(ratingsCall.header("user-agent")).isEqualTo("ua/1");
      assertThat(ratingsCall.header("x-b3-traceid")).isNotBlank();
    }
  }

  static String attr(String html, String name) {
    int i = html.indexOf(name + "=\"");
    int start = i + name.length() + 2;
    return html.substring(start, html.indexOf('"', start));
  }
}
