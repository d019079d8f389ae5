package dev.trafficlab.bookinfo.workloads;

/** ratings v1 (Node.js): Reviewer1 5 stars, Reviewer2 4 stars. */
final class Ratings implements Workload {
  static final String HEALTH = "{\"status\":\"Ratings is healthy\"}";

  @Override
  public void handle(Inbound in) {
    String path = in.path();
    if (path.equals("/health")) {
      in.json(200, HEALTH);
      return;
    }
    if (!path.startsWith("/ratings/")) {
      in.reply(404, null, "");
      return;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    Integer id = leadingInt(last);
    if (id == null) {
      in.json(400, "{\"error\":\"please provide numeric product ID\"}");
      return;
    }
    in.json(200, "{\"id\":" + id + ",\"ratings\":{\"Reviewer1\":5,\"Reviewer2\":4}}");
  }

  /** JavaScript's parseInt: the leading digits, NaN (null) when there are none. */
  static Integer leadingInt(String s) {
    int end = 0;
    while (end < s.length() && end < 9 && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end == 0 ? null : Integer.parseInt(s.substring(0, end));
  }
}
