package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.store.ConfigChange;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.sandbox.TrafficLens;
import java.time.Instant;
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
record TrafficView(
    int window,
    List<Count> counts,
    List<Row> recent,
    String windowName,
    String since,
    GraphDrawing graph,
    String graphNote,
    String focus) {
  static final int WINDOW = 100;

  /** How many of the sandbox's newest records the view reads: all its ring keeps. */
  static final int RECORDS = 1000;

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
      String why,
      String divider) {
    /** A line in the list marking a configuration change between the requests around it. */
    static Row divider(String text) {
      return new Row("", "", "", "", "", "", "", "", text);
    }

    public boolean isDivider() {
      return divider != null;
    }
  }

  /** Everything the ring holds, no configuration changes known (tests, a sandbox not made yet). */
  static TrafficView of(List<TrafficRecord> records, Snapshot snapshot) {
    return of(records, snapshot, TrafficLens.DEFAULT.withWindow("all"), List.of(), Instant.now());
  }

  /**
   * The records inside the lens's window: since the last configuration change (so the bars reflect
   * the rules in force), the last minute, or everything; never before the learner's Clear.
   */
  static TrafficView of(
      List<TrafficRecord> records,
      Snapshot snapshot,
      TrafficLens lens,
      List<ConfigChange> changes,
      Instant now) {
    Instant cutoff =
        switch (lens.window()) {
          case "minute" -> now.minusSeconds(60);
          case "all" -> null;
          default -> changes.isEmpty() ? null : changes.get(changes.size() - 1).at();
        };
    if (lens.clearedAt() != null && (cutoff == null || lens.clearedAt().isAfter(cutoff))) {
      cutoff = lens.clearedAt();
    }
    Instant from = cutoff;
    List<TrafficRecord> inWindow =
        from == null ? records : records.stream().filter(r -> !r.start().isBefore(from)).toList();
    TrafficView counted = counted(inWindow, snapshot, changes, from, lens.focus());
    String since =
        switch (lens.window()) {
          case "minute" -> "in the last minute";
          case "all" -> "";
          default ->
              changes.isEmpty()
                  ? ""
                  : "since " + changes.get(changes.size() - 1).what() + " at " + TIME.format(from);
        };
    return new TrafficView(
        counted.window(),
        counted.counts(),
        counted.recent(),
        lens.window(),
        since,
        ServiceGraph.of(inWindow, snapshot).drawing(lens.focus()),
        partial(records, from),
        lens.focus());
  }

  private static TrafficView counted(
      List<TrafficRecord> records,
      Snapshot snapshot,
      List<ConfigChange> changes,
      Instant from,
      String focus) {
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
    // Focused on a graph node or edge, the list shows every request through it, not only reviews.
    List<TrafficRecord> listed =
        focus == null || focus.isEmpty()
            ? reviews
            : records.stream()
                .filter(r -> ServiceGraph.touches(r, snapshot).contains(focus))
                .toList();
    List<Row> rows = new ArrayList<>();
    // Changes newest first; each is shown above the requests routed before it.
    List<ConfigChange> marks =
        changes.stream().filter(c -> from == null || !c.at().isBefore(from)).toList();
    int mark = marks.size() - 1;
    int shown = 0;
    for (int i = listed.size() - 1; i >= 0 && shown < ROWS; i--) {
      TrafficRecord r = listed.get(i);
      while (mark >= 0 && marks.get(mark).at().isAfter(r.start())) {
        rows.add(dividerFor(marks.get(mark--)));
      }
      shown++;
      rows.add(
          new Row(
              TIME.format(r.start()),
              r.endUser() == null || r.endUser().isEmpty() ? "anonymous" : r.endUser(),
              version(r, snapshot),
              status(r),
              r.virtualService() == null ? "" : r.virtualService(),
              r.rule() == null ? "" : String.valueOf(r.rule()),
              r.match() == null ? "" : String.valueOf(r.match()),
              why(r),
              null));
    }
    while (mark >= 0) {
      rows.add(dividerFor(marks.get(mark--)));
    }
    return new TrafficView(total, counts, rows, "", "", GraphDrawing.EMPTY, "", "");
  }

  /**
   * Said under the graph when the window reaches back before the oldest call the sandbox still
   * records: the graph then counts fewer calls than the proxies' own counters.
   */
  private static String partial(List<TrafficRecord> records, Instant from) {
    if (records.size() < RECORDS || (from != null && !records.get(0).start().isAfter(from))) {
      return "";
    }
    return "Drawn from the last "
        + String.format(java.util.Locale.ROOT, "%,d", RECORDS)
        + " recorded calls (since "
        + TIME.format(records.get(0).start())
        + "); the proxies' counters go back further.";
  }

  private static Row dividerFor(ConfigChange c) {
    return Row.divider(c.what() + " at " + TIME.format(c.at()));
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
      String host = r.authority() == null ? "" : r.authority().replaceFirst("[.:].*$", "");
      String service = host.isEmpty() ? "reviews" : host;
      return "No VirtualService for "
          + service
          + ": the default route load-balances over every "
          + service
          + " pod.";
    }
    return r.origin().text();
  }
}
