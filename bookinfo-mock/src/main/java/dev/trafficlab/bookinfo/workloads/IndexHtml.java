package dev.trafficlab.bookinfo.workloads;

/**
 * productpage's index.html: the landing page that links to the product page as a normal user or a
 * test user.
 */
final class IndexHtml {
  private IndexHtml() {}

  static String render(String base) {
    String b = Html.escape(base);
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Simple Bookstore App</title>\n"
        + "<link rel=\"stylesheet\" href=\""
        + b
        + "static/css/bookinfo.css\">\n</head>\n<body>\n"
        + "<main class=\"container\">\n<h3>Hello! This is a simple bookstore application consisting of three "
        + "services as shown below</h3>\n<table class=\"services\">\n"
        + "<tr><th>name</th><th>endpoint</th><th>children</th></tr>\n"
        + "<tr><td>productpage</td><td>details:9080, reviews:9080</td><td>details, reviews</td></tr>\n"
        + "<tr><td>details</td><td>details:9080</td><td></td></tr>\n"
        + "<tr><td>reviews</td><td>reviews:9080</td><td>ratings</td></tr>\n"
        + "<tr><td>ratings</td><td>ratings:9080</td><td></td></tr>\n</table>\n"
        + "<p><h4>Click on one of the links below to auto generate a request to the backend as a real user or a "
        + "tester</h4></p>\n<p><a href=\""
        + b
        + "productpage?u=normal\">Normal user</a></p>\n"
        + "<p><a href=\""
        + b
        + "productpage?u=test\">Test user</a></p>\n</main>\n</body>\n</html>\n";
  }
}
