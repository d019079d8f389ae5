package dev.trafficlab.bookinfo.workloads;

import io.vertx.core.json.JsonObject;

/**
 * reviews v1/v2/v3 (Java, Liberty). v1 is built with ENABLE_RATINGS=false and never calls ratings;
 * v2 (black stars) and v3 (red) call ratings with a hard-coded timeout of 10 s and 2.5 s, no
 * retries, and still answer 200 with "Ratings service is currently unavailable" on both reviews
 * when ratings fails.
 */
final class Reviews implements Workload {
  static final String HEALTH = "{\"status\": \"Reviews is healthy\"}";
  static final String TEXT1 =
      "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!";
  static final String TEXT2 =
      "Absolutely fun and entertaining. The play lacks thematic depth when compared to other "
          + "plays by Shakespeare.";
  static final String RATINGS_ERROR = "Ratings service is currently unavailable";

  private final AppClient client;

  Reviews(AppClient client) {
    this.client = client;
  }

  static String starColor(String version) {
    return switch (version) {
      case "v2" -> "black";
      case "v3" -> "red";
      default -> null;
    };
  }

  @Override
  public void handle(Inbound in) {
    String path = in.path();
    if (path.equals("/health")) {
      in.json(200, HEALTH);
      return;
    }
    Integer id =
        path.startsWith("/reviews/") ? Details.parseId(path.substring("/reviews/".length())) : null;
    if (id == null) {
      in.reply(404, null, "");
      return;
    }
    String productId = id.toString();
    String color = starColor(in.pod().version());
    if (color == null) {
      in.json(200, json(productId, null, -1, -1));
      return;
    }
    long timeout = color.equals("black") ? 10_000 : 2_500;
    client
        .get(
            in,
            "ratings",
            "/ratings/" + productId,
            Propagation.fromService(in.request().headers()),
            timeout)
        .onComplete(
            ar -> {
              int[] stars =
                  ar.succeeded() && ar.result().status() == 200
                      ? RATINGS.get(ar.result().bodyText(), Reviews::stars)
                      : NO_STARS;
              in.json(200, json(productId, color, stars[0], stars[1]));
            });
  }

  private static final int[] NO_STARS = {-1, -1};

  /** Stars by ratings body (read-only arrays): ratings answers the same body every time. */
  private static final RecentCache<String, int[]> RATINGS = new RecentCache<>(8);

  /** Reviewer1's and Reviewer2's stars in a ratings answer, -1 for each one missing. */
  static int[] stars(String body) {
    int[] s = {-1, -1};
    try {
      JsonObject ratings = new JsonObject(body).getJsonObject("ratings");
      if (ratings != null) {
        s[0] = ratings.getInteger("Reviewer1", -1);
        s[1] = ratings.getInteger("Reviewer2", -1);
      }
    } catch (RuntimeException e) {
      // A body that is not ratings JSON counts as no ratings, as javax.json's failure would.
    }
    return s;
  }

  /** The exact JSON LibertyRestEndpoint builds by string concatenation. */
  static String json(String productId, String color, int stars1, int stars2) {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"id\": \"").append(productId).append("\",\"reviews\": [");
    review(b, "Reviewer1", TEXT1, color, stars1);
    b.append(',');
    review(b, "Reviewer2", TEXT2, color, stars2);
    return b.append("]}").toString();
  }

  private static void review(
      StringBuilder b, String reviewer, String text, String color, int stars) {
    b.append("{  \"reviewer\": \"")
        .append(reviewer)
        .append("\",  \"text\": \"")
        .append(text)
        .append('"');
    if (color != null) {
      if (stars != -1) {
        b.append(", \"rating\": {\"stars\": ")
            .append(stars)
            .append(", \"color\": \"")
            .append(color)
            .append("\"}");
      } else {
        b.append(", \"rating\": {\"error\": \"").append(RATINGS_ERROR).append("\"}");
      }
    }
    b.append('}');
  }
}
