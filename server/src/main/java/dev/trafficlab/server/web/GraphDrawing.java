package dev.trafficlab.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A laid-out service graph, everything the {@code service-graph} template needs: coordinates and
 * ready-made label texts. Names reach the page only through th:text and th:attr, so a workload or
 * host name a learner chose can never become markup.
 */
record GraphDrawing(
    int width, int height, String title, List<EdgeShape> edges, List<NodeShape> nodes) {
  static final GraphDrawing EMPTY = new GraphDrawing(0, 0, "", List.of(), List.of());

  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  /** What a click asks for: the Traffic view focused on (or, again, released from) this id. */
  static String focusHref(String id) {
    return "/sandbox/traffic?focus=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  public String viewBox() {
    return "0 0 " + width + " " + height;
  }

  /**
   * One edge: a line from (x1,y1) to (x2,y2) with its share, rate and marks written at its middle.
   *
   * @param count requests in the window (what the share and rate are computed from)
   * @param errors of those, answered 5xx or not at all
   */
  record EdgeShape(
      String id,
      String from,
      String to,
      String cssClass,
      String tooltip,
      int count,
      int errors,
      int x1,
      int y1,
      int x2,
      int y2,
      String share,
      String rate,
      String marks) {
    public String href() {
      return focusHref(id);
    }

    public int midX() {
      return (x1 + x2) / 2;
    }

    public int midY() {
      return (y1 + y2) / 2;
    }
  }

  /** One node: a box at (x,y) with its name and, for a workload, its version under it. */
  record NodeShape(
      String id,
      String cssClass,
      int x,
      int y,
      int w,
      int h,
      int rx,
      String label,
      String version) {
    public String href() {
      return focusHref(id);
    }

    public int centerX() {
      return x + w / 2;
    }
  }
}
