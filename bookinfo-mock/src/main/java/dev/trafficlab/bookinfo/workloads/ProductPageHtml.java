package dev.trafficlab.bookinfo.workloads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * productpage.html of Bookinfo 1.8.1, self-contained (its own small stylesheet, no CDN), with the
 * lab's hooks: #reviews carries data-reviews-version and data-star-color, stars have a text
 * alternative, and the sign-in form is always visible so it can be used without scripts.
 */
final class ProductPageHtml {
  private ProductPageHtml() {}

  static final String TITLE = "The Comedy of Errors";
  static final String DESCRIPTION_HTML =
      "<a href=\"https://en.wikipedia.org/wiki/The_Comedy_of_Errors\">Wikipedia "
          + "Summary</a>: The Comedy of Errors is one of <b>William Shakespeare's</b> early plays. It is his shortest "
          + "and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken "
          + "identity, in addition to puns and word play.";
  static final String DETAILS_ERROR_HEADING = "Error fetching product details!";
  static final String REVIEWS_ERROR_HEADING = "Error fetching product reviews!";

  /**
   * @param base prefix for links ("/bookinfo/KEY/" behind the lab, "" for relative links)
   * @param reviewsVersion v1|v2|v3 of the reviews pod that answered, "" when reviews failed
   * @param starColor none|black|red, "" when reviews failed
   */
  record Model(
      String base,
      String user,
      int detailsStatus,
      JsonObject details,
      int reviewsStatus,
      JsonObject reviews,
      String reviewsVersion,
      String starColor) {}

  /**
   * Bookinfo's glyphicon-user, drawn inline: an emoji or an icon font would show an empty box on a
   * machine without the font.
   */
  static final String USER_ICON =
      "<svg class=\"user-icon\" aria-hidden=\"true\" width=\"14\" height=\"14\" viewBox=\"0 0 16 16\""
          + " fill=\"currentColor\"><circle cx=\"8\" cy=\"4.5\" r=\"3.5\"/>"
          + "<path d=\"M1 15.5c0-3.9 3.1-6.5 7-6.5s7 2.6 7 6.5z\"/></svg>";

  /**
   * An inline icon (a book), so the page opened in a tab of its own has one and no request for
   * /favicon.ico goes out (the page's CSP allows data: images).
   */
  static final String FAVICON =
      "<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,"
          + "%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
          + "%3Cpath fill='%232e6da4' d='M2 1h9a2 2 0 0 1 2 2v12H4a2 2 0 0 1-2-2z'/%3E"
          + "%3Cpath fill='%23fff' d='M4 12h8v1.5H4z'/%3E%3C/svg%3E\">\n";

  static String render(Model m) {
    StringBuilder b = new StringBuilder(6_000);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n")
        .append("<title>Simple Bookstore App</title>\n")
        .append(FAVICON)
        .append("<link rel=\"stylesheet\" href=\"")
        .append(Html.escape(m.base()))
        .append("static/css/bookinfo.css\">\n</head>\n<body>\n");
    navbar(b, m);
    b.append("<main class=\"container\">\n<div class=\"row\">\n<div class=\"col-12\">\n")
        .append("<h3 class=\"text-center text-primary\" id=\"product-title\">")
        .append(TITLE)
        .append("</h3>\n")
        .append("<p id=\"product-summary\">Summary: ")
        .append(DESCRIPTION_HTML)
        .append("</p>\n</div>\n</div>\n")
        .append("<div class=\"row\">\n");
    details(b, m);
    reviews(b, m);
    b.append("</div>\n</main>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void navbar(StringBuilder b, Model m) {
    b.append("<nav class=\"navbar\">\n<div class=\"container navbar-inner\">\n")
        .append("<a class=\"navbar-brand\" href=\"#\">BookInfo Sample</a>\n");
    if (m.user() != null && !m.user().isEmpty()) {
      b.append("<p class=\"navbar-text navbar-right\">" + USER_ICON)
          .append("<span class=\"user\"><span id=\"signed-in-user\">")
          .append(Html.escape(m.user()))
          .append("</span> ( <a id=\"logout\" href=\"")
          .append(Html.escape(m.base()))
          .append("logout\">sign out</a> )</span></p>\n");
    } else {
      b.append(
              "<form id=\"login-form\" class=\"navbar-right login-form\" method=\"post\" action=\"")
          .append(Html.escape(m.base()))
          .append("login\" name=\"login_form\">\n")
          .append(
              "<input type=\"text\" name=\"username\" placeholder=\"User Name\" aria-label=\"User Name\" ")
          .append("autocomplete=\"username\">\n")
          .append(
              "<input type=\"password\" name=\"passwd\" placeholder=\"Password\" aria-label=\"Password\" ")
          .append("autocomplete=\"current-password\">\n")
          .append(
              "<button type=\"submit\" id=\"login-button\" class=\"btn btn-primary\">Sign in</button>\n")
          .append("</form>\n");
    }
    b.append("</div>\n</nav>\n");
  }

  private static void details(StringBuilder b, Model m) {
    b.append("<section class=\"col-md-6\" id=\"details\">\n");
    if (m.detailsStatus() == 200) {
      JsonObject d = m.details() == null ? new JsonObject() : m.details();
      b.append("<h4 class=\"text-center text-primary\">Book Details</h4>\n<dl>\n");
      dt(b, "Type:", d.getValue("type"));
      dt(b, "Pages:", d.getValue("pages"));
      dt(b, "Publisher:", d.getValue("publisher"));
      dt(b, "Language:", d.getValue("language"));
      dt(b, "ISBN-10:", d.getValue("ISBN-10"));
      dt(b, "ISBN-13:", d.getValue("ISBN-13"));
      b.append("</dl>\n");
    } else {
      b.append("<h4 class=\"text-center text-primary\">")
          .append(DETAILS_ERROR_HEADING)
          .append("</h4>\n");
      errorParagraph(b, m.details());
    }
    b.append("</section>\n");
  }

  private static void dt(StringBuilder b, String label, Object value) {
    b.append("<dt>").append(label).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
  }

  private static void errorParagraph(StringBuilder b, JsonObject json) {
    if (json != null && json.getValue("error") != null) {
      b.append("<p>").append(Html.escape(json.getValue("error"))).append("</p>\n");
    }
  }

  private static void reviews(StringBuilder b, Model m) {
    b.append("<section class=\"col-md-6\" id=\"reviews\" data-reviews-version=\"")
        .append(Html.escape(m.reviewsVersion()))
        .append("\" data-star-color=\"")
        .append(Html.escape(m.starColor()))
        .append("\">\n");
    if (m.reviewsStatus() == 200) {
      b.append("<h4 class=\"text-center text-primary\">Book Reviews</h4>\n");
      Object list = m.reviews() == null ? null : m.reviews().getValue("reviews");
      if (list instanceof JsonArray arr) {
        for (Object o : arr) {
          if (o instanceof JsonObject review) {
            review(b, review);
          }
        }
      }
    } else {
      b.append("<h4 class=\"text-center text-primary\">")
          .append(REVIEWS_ERROR_HEADING)
          .append("</h4>\n");
      errorParagraph(b, m.reviews());
    }
    b.append("</section>\n");
  }

  private static void review(StringBuilder b, JsonObject review) {
    b.append("<blockquote class=\"review\">\n<p>")
        .append(Html.escape(review.getValue("text")))
        .append("</p>\n<small>")
        .append(Html.escape(review.getValue("reviewer")))
        .append("</small>\n");
    Object r = review.getValue("rating");
    if (r instanceof JsonObject rating) {
      Object starsValue = rating.getValue("stars");
      if (starsValue instanceof Number n && n.intValue() != 0) {
        int stars = Math.max(0, Math.min(5, n.intValue()));
        String color = String.valueOf(rating.getValue("color"));
        String cls = color.equals("red") || color.equals("black") ? color : "other";
        b.append("<div class=\"stars stars-")
            .append(cls)
            .append("\" role=\"img\" aria-label=\"")
            .append(stars)
            .append(" of 5 stars, ")
            .append(Html.escape(color))
            .append("\" title=\"")
            .append(stars)
            .append(" of 5 stars, ")
            .append(Html.escape(color))
            .append("\" style=\"color: ")
            .append(cls.equals("other") ? "inherit" : color)
            .append("\">");
        for (int i = 0; i < 5; i++) {
          b.append(
              i < stars
                  ? "<span class=\"star star-full\" aria-hidden=\"true\">&#9733;</span>"
                  : "<span class=\"star star-empty\" aria-hidden=\"true\">&#9734;</span>");
        }
        b.append("<span class=\"visually-hidden\">")
            .append(stars)
            .append(" of 5 stars, ")
            .append(Html.escape(color))
            .append("</span></div>\n");
      } else if (rating.getValue("error") != null) {
        b.append("<p><i>").append(Html.escape(rating.getValue("error"))).append("</i></p>\n");
      }
    }
    b.append("</blockquote>\n");
  }
}
