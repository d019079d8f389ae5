package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Traffic tab shows: how productpage's recent calls to reviews were spread over the
 * versions, and for each recent call the rule that sent it there ("why this version?"). Built from
 * the sandbox's traffic record, so it counts what really happened, page views and sent requests
 * alike.
 */
record TrafficView(int window, List<Count> counts, List<Row> recent) {
  static final int WINDOW = 100;
  static final int ROWS = 20;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Requests that reached a version (v1, v2, v3) or none ("error"). */
  record Count(String version, int count, int percent, String stars) {}

  /** One recent request; status reads "200", or "503 NC" with Envoy's response flags. */
  record Row(
      String time,
      String user,
      String version,
      String status,
      String virtualService,
      String rule,
      String match,
      String why) {}

  static TrafficView of(List<TrafficRecord> records, Snapshot snapshot) {
    List<TrafficRecord> reviews =
        records.stream().filter(TrafficView::isProductpageToReviews).toList();
    List<TrafficRecord> window =
        reviews.subList(Math.max(0, reviews.size() - WINDOW), reviews.size());
    Map<String, Integer> byVersion = new LinkedHashMap<>();
    for (String v : List.of("v1", "v2", "v3", "error")) {
      byVersion.put(v, 0);
    }
    for (TrafficRecord r : window) {
      byVersion.merge(version(r, snapshot), 1, Integer::sum);
    }
    List<Count> counts = new ArrayList<>();
    int total = window.size();
    byVersion.forEach(
        (v, n) ->
            counts.add(
                new Count(
                    v,
                    n,
                    total == 0 ? 0 : Math.round(100f * n / total),
                    switch (v) {
                      case "v1" -> "no stars";
                      case "v2" -> "black stars";
                      case "v3" -> "red stars";
                      default -> "no answer";
                    })));
    List<Row> rows = new ArrayList<>();
    for (int i = reviews.size() - 1; i >= 0 && rows.size() < ROWS; i--) {
      TrafficRecord r = reviews.get(i);
      rows.add(
          new Row(
              TIME.format(r.start()),
              r.endUser() == null || r.endUser().isEmpty() ? "anonymous" : r.endUser(),
              version(r, snapshot),
              status(r),
              r.virtualService() == null ? "" : r.virtualService(),
              r.rule() == null ? "" : String.valueOf(r.rule()),
              r.match() == null ? "" : String.valueOf(r.match()),
              why(r)));
    }
    return new TrafficView(total, counts, rows);
  }

  private static String status(TrafficRecord r) {
    String flags = r.responseFlags();
    return flags == null || flags.isEmpty() || flags.equals("-")
        ? String.valueOf(r.status())
        : r.status() + " " + flags;
  }

  private static boolean isProductpageToReviews(TrafficRecord r) {
    String host = r.authority() == null ? "" : r.authority();
    int colon = host.indexOf(':');
    host = colon >= 0 ? host.substring(0, colon) : host;
    boolean toReviews = host.equals("reviews") || host.startsWith("reviews.");
    return toReviews && r.fromPod() != null && r.fromPod().startsWith("productpage");
  }

  /** v1/v2/v3 from the pod that answered (the subset name need not be the version), or "error". */
  static String version(TrafficRecord r, Snapshot snapshot) {
    if (r.upstreamPod() != null && !r.upstreamPod().isEmpty()) {
      Optional<String> v =
          snapshot
              .inventory()
              .podOrWorkload(r.upstreamPod())
              .map(p -> p.version())
              .filter(s -> !s.isEmpty());
      if (v.isPresent()) {
        return v.get();
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("-(v\\d+)(-|$)").matcher(r.upstreamPod());
      if (m.find()) {
        return m.group(1);
      }
    }
    return "error";
  }

  /**
   * A sentence explaining the routing of one request: the rule as it was when the request was
   * routed.
   */
  static String why(TrafficRecord r) {
    if (r.origin() == null) {
      return "No VirtualService for reviews: the default route load-balances over every reviews pod.";
    }
    return r.origin().text();
  }
}
