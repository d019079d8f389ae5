package dev.trafficlab.server.web;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's mesh as Kiali's versioned-app graph draws it, from traffic records: the ingress
 * gateway, each called service and the workload versions that answered as nodes; calls as edges
 * labelled with their rate and their share of the service's traffic. Every edge counts what the
 * caller's sidecar counts in istio_requests_total (reporter="source"): caller to service by
 * source_workload and destination_service_name, service to version by destination_workload, which
 * Envoy knows only when that workload answered. So the picture and pilot-agent's stats agree.
 * Mirrored copies, which Envoy does not count as requests, are drawn as their own marked edges.
 * Laid out in fixed columns by call depth; drawn by the service-graph template.
 */
record ServiceGraph(Map<String, Node> nodes, List<Edge> edges, double seconds) {
  /** A gateway, service or workload; {@code id} is what the request list filters on. */
  record Node(String id, String kind, String label, String sublabel) {}

  /**
   * Requests from one node to another.
   *
   * @param errors answers with status 5xx or none at all
   * @param marks what Envoy did on the way: fault, timeout, overflow, mirror
   */
  record Edge(
      String from, String to, int count, int errors, TreeSet<String> marks, boolean mirror) {
    String id() {
      return from + ">" + to + (mirror ? ">mirror" : "");
    }
  }

  private static final Pattern POD_SUFFIX = Pattern.compile("^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$");
  private static final Pattern VERSION = Pattern.compile("-(v\\d+)(-|$)");
  private static final int COLUMN = 170;
  private static final int ROW = 90;
  private static final int NODE_W = 120;
  private static final int NODE_H = 40;

  static ServiceGraph of(List<TrafficRecord> records, Snapshot snapshot) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, TreeSet<String>> marks = new HashMap<>();
    for (TrafficRecord r : records) {
      Node caller = workload(r.fromPod(), snapshot);
      String host = host(r);
      boolean mirror = host.endsWith("-shadow");
      String service = mirror ? host.substring(0, host.length() - "-shadow".length()) : host;
      Node svc = new Node("svc:" + service, "service", service, "");
      nodes.putIfAbsent(caller.id(), caller);
      nodes.putIfAbsent(svc.id(), svc);
      boolean failed = r.status() >= 500 || r.status() == 0;
      TreeSet<String> m = marksOf(r, mirror);
      count(counts, marks, caller.id(), svc.id(), mirror, failed, m);
      if (answered(r)) {
        Node answered = workload(r.upstreamPod(), snapshot);
        nodes.putIfAbsent(answered.id(), answered);
        count(counts, marks, svc.id(), answered.id(), mirror, failed, m);
      }
    }
    List<Edge> edges = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          String[] p = key.split("\n");
          edges.add(new Edge(p[0], p[1], c[0], c[1], marks.get(key), p[2].equals("m")));
        });
    double seconds =
        records.size() < 2
            ? 1
            : Math.max(
                1,
                Duration.between(records.get(0).start(), records.get(records.size() - 1).start())
                        .toMillis()
                    / 1000.0);
    return new ServiceGraph(nodes, edges, seconds);
  }

  private static void count(
      Map<String, int[]> counts,
      Map<String, TreeSet<String>> marks,
      String from,
      String to,
      boolean mirror,
      boolean failed,
      TreeSet<String> m) {
    String key = from + "\n" + to + "\n" + (mirror ? "m" : "-");
    int[] c = counts.computeIfAbsent(key, k -> new int[2]);
    c[0]++;
    if (failed) {
      c[1]++;
    }
    marks.computeIfAbsent(key, k -> new TreeSet<>()).addAll(m);
  }

  private static TreeSet<String> marksOf(TrafficRecord r, boolean mirror) {
    TreeSet<String> m = new TreeSet<>();
    String flags = r.responseFlags() == null ? "" : r.responseFlags();
    for (String f : flags.split(",")) {
      switch (f) {
        case "FI", "DI" -> m.add("fault");
        case "UT" -> m.add("timeout");
        case "UO" -> m.add("overflow");
        default -> {}
      }
    }
    if (mirror) {
      m.add("mirror");
    }
    return m;
  }

  /**
   * Whether the upstream pod answered: its sidecar then reports the request with itself as
   * destination_workload, as the client's istio_requests_total does. A request Envoy ended itself
   * (timeout, overflow, fault, no route) names no destination workload, so it draws no edge into a
   * version.
   */
  static boolean answered(TrafficRecord r) {
    if (r.upstreamPod() == null || r.upstreamPod().isEmpty()) {
      return false;
    }
    String flags = r.responseFlags() == null ? "-" : r.responseFlags();
    if (flags.startsWith("DI")) {
      flags = flags.equals("DI") ? "-" : flags.substring(3);
    }
    return flags.equals("-") || flags.isEmpty() || flags.equals("URX");
  }

  /** The called service: the upstream cluster's host, else the authority, as a short name. */
  private static String host(TrafficRecord r) {
    String authority = r.authority() == null ? "" : r.authority();
    String h = authority;
    if (!authority.contains("-shadow")
        && r.cluster() != null
        && r.cluster().startsWith("outbound|")) {
      String[] parts = r.cluster().split("\\|");
      if (parts.length == 4) {
        h = parts[3];
      }
    }
    int colon = h.indexOf(':');
    h = colon >= 0 ? h.substring(0, colon) : h;
    int dot = h.indexOf('.');
    h = dot >= 0 ? h.substring(0, dot) : h;
    return h.isEmpty() ? "unknown" : h;
  }

  private static Node workload(String pod, Snapshot snapshot) {
    if (pod == null || pod.isEmpty()) {
      return new Node("wl:unknown", "workload", "unknown", "");
    }
    if (pod.startsWith("istio-ingressgateway")) {
      return new Node("gw:istio-ingressgateway", "gateway", "istio-ingressgateway", "");
    }
    Optional<Pod> known =
        snapshot == null ? Optional.empty() : snapshot.inventory().podOrWorkload(pod);
    if (known.isPresent()) {
      Pod p = known.get();
      String app = p.app().isEmpty() ? p.workload() : p.app();
      return new Node("wl:" + p.workload(), "workload", app, p.version());
    }
    Matcher m = POD_SUFFIX.matcher(pod);
    String workload = m.matches() ? m.group(1) : pod;
    Matcher v = VERSION.matcher(workload);
    if (v.find()) {
      return new Node("wl:" + workload, "workload", workload.substring(0, v.start()), v.group(1));
    }
    return new Node("wl:" + workload, "workload", workload, "");
  }

  /** The node and edge ids one record belongs to, so the request list can be filtered to them. */
  static java.util.Set<String> touches(TrafficRecord r, Snapshot snapshot) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    String caller = workload(r.fromPod(), snapshot).id();
    String host = host(r);
    boolean mirror = host.endsWith("-shadow");
    String svc = "svc:" + (mirror ? host.substring(0, host.length() - "-shadow".length()) : host);
    String tail = mirror ? ">mirror" : "";
    ids.add(caller);
    ids.add(svc);
    ids.add(caller + ">" + svc + tail);
    if (answered(r)) {
      String answered = workload(r.upstreamPod(), snapshot).id();
      ids.add(answered);
      ids.add(svc + ">" + answered + tail);
    }
    return ids;
  }

  /** Share of the target's traffic (non-mirrored), as an integer percentage. */
  int percent(Edge e) {
    String key = e.from().startsWith("svc:") ? e.from() : e.to();
    boolean intoService = !e.from().startsWith("svc:");
    int total = 0;
    for (Edge o : edges) {
      if (o.mirror()) {
        continue;
      }
      if (intoService ? o.to().equals(key) && !o.from().startsWith("svc:") : o.from().equals(key)) {
        total += o.count();
      }
    }
    return total == 0 ? 0 : Math.round(100f * e.count() / total);
  }

  /** Columns by call depth: gateway first, each callee right of its deepest caller. */
  private Map<String, Integer> depths() {
    Map<String, Integer> depth = new LinkedHashMap<>();
    nodes.keySet().forEach(id -> depth.put(id, id.startsWith("gw:") ? 0 : 0));
    for (int pass = 0; pass < nodes.size(); pass++) {
      boolean moved = false;
      for (Edge e : edges) {
        int want = depth.get(e.from()) + 1;
        if (want > depth.get(e.to()) && want < nodes.size() + 1) {
          depth.put(e.to(), want);
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
    return depth;
  }

  /**
   * The drawing, laid out for the {@code service-graph} template, which writes every name with
   * th:text/th:attr; {@code focus} is the id of the node or edge the learner selected ("" for
   * none). Empty when nothing was called.
   */
  GraphDrawing drawing(String focus) {
    if (nodes.isEmpty()) {
      return GraphDrawing.EMPTY;
    }
    Map<String, Integer> depth = depths();
    Map<Integer, Integer> perColumn = new HashMap<>();
    Map<String, int[]> at = new HashMap<>();
    for (String id : nodes.keySet()) {
      int col = depth.get(id);
      int row = perColumn.merge(col, 1, Integer::sum) - 1;
      at.put(id, new int[] {10 + col * COLUMN, 20 + row * ROW});
    }
    int width = 10 + (perColumn.keySet().stream().max(Integer::compare).orElse(0) + 1) * COLUMN;
    int height = 20 + perColumn.values().stream().max(Integer::compare).orElse(1) * ROW;
    List<GraphDrawing.EdgeShape> edgeShapes = new ArrayList<>();
    for (Edge e : edges) {
      int[] a = at.get(e.from());
      int[] z = at.get(e.to());
      int x1 = a[0] + NODE_W;
      int y1 = a[1] + NODE_H / 2;
      int x2 = z[0];
      int y2 = z[1] + NODE_H / 2;
      double errorShare = e.count() == 0 ? 0 : (double) e.errors() / e.count();
      String health = errorShare == 0 ? "ok" : errorShare < 0.5 ? "degraded" : "failing";
      String marks = e.marks().isEmpty() ? "" : "[" + String.join(", ", e.marks()) + "]";
      edgeShapes.add(
          new GraphDrawing.EdgeShape(
              e.id(),
              e.from(),
              e.to(),
              "edge edge-"
                  + health
                  + (e.mirror() ? " edge-mirror" : "")
                  + (e.id().equals(focus) ? " focused" : ""),
              label(e.from())
                  + " → "
                  + label(e.to())
                  + ": "
                  + e.count()
                  + " requests, "
                  + e.errors()
                  + " failed ("
                  + health
                  + ")"
                  + (e.marks().isEmpty() ? "" : ", " + String.join(", ", e.marks())),
              e.count(),
              e.errors(),
              x1,
              y1,
              x2,
              y2,
              e.mirror() ? "mirror" : percent(e) + "%",
              String.format(Locale.ROOT, "%.1f rps", e.count() / seconds)
                  + (e.errors() > 0 ? ", " + e.errors() + " err" : ""),
              marks));
    }
    List<GraphDrawing.NodeShape> nodeShapes = new ArrayList<>();
    for (Node n : nodes.values()) {
      int[] p = at.get(n.id());
      nodeShapes.add(
          new GraphDrawing.NodeShape(
              n.id(),
              "node node-" + n.kind() + (n.id().equals(focus) ? " focused" : ""),
              p[0],
              p[1],
              NODE_W,
              NODE_H,
              n.kind().equals("service") ? 20 : 4,
              n.kind().equals("gateway") ? "ingress gateway" : n.label(),
              n.sublabel()));
    }
    return new GraphDrawing(
        width,
        height,
        "Service graph: " + edges.size() + " edges; the table below lists the same requests",
        edgeShapes,
        nodeShapes);
  }

  private String label(String id) {
    Node n = nodes.get(id);
    if (n == null) {
      return id;
    }
    return n.sublabel().isEmpty() ? n.label() : n.label() + " " + n.sublabel();
  }
}
