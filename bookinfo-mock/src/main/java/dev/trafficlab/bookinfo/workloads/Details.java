package dev.trafficlab.bookinfo.workloads;

/** details v1 (Ruby WEBrick): the book's details, never calls anything. */
final class Details implements Workload {
  static final String HEALTH = "{\"status\":\"Details is healthy\"}";

  @Override
  public void handle(Inbound in) {
    String path = in.path();
    if (path.equals("/health")) {
      in.json(200, HEALTH);
      return;
    }
    if (!path.startsWith("/details")) {
      in.reply(404, "text/html", NOT_FOUND);
      return;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    Integer id = parseId(last);
    if (id == null) {
      in.json(400, "{\"error\":\"please provide numeric product id\"}");
      return;
    }
    in.json(200, book(id));
  }

  static String book(int id) {
    return "{\"id\":"
        + id
        + ",\"author\":\"William Shakespeare\",\"year\":1595,\"type\":\"paperback\","
        + "\"pages\":200,\"publisher\":\"PublisherA\",\"language\":\"English\",\"ISBN-10\":\"1234567890\","
        + "\"ISBN-13\":\"123-1234567890\"}";
  }

  static Integer parseId(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i)) && !(i == 0 && s.charAt(i) == '-' && s.length() > 1)) {
        return null;
      }
    }
    return Integer.parseInt(s);
  }

  private static final String NOT_FOUND =
      "<HTML>\n  <HEAD><TITLE>Not Found</TITLE></HEAD>\n  <BODY>\n"
          + "    <H1>Not Found</H1>\n    The requested URL was not found on this server.\n  </BODY>\n</HTML>\n";
}
