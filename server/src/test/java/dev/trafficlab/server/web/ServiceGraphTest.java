package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ServiceGraphTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private final Snapshot snapshot = Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);

  static TrafficRecord call(int i, String from, String host, String pod, int status, String flags) {
    return new TrafficRecord(
        T0.plusMillis(100L * i),
        "id",
        from,
        "GET",
        host + ":9080",
        "/",
        "HTTP/1.1",
        status,
        flags,
        10,
        1.0,
        pod == null ? "-" : "outbound|9080||" + host + ".default.svc.cluster.local",
        null,
        pod,
        "",
        null,
        null,
        null);
  }

  private static final PageRenderer RENDERER = new PageRenderer();

  /** The graph as the Traffic tab draws it, through the service-graph template. */
  static String svg(ServiceGraph graph) {
    return RENDERER.fragment("service-graph", "graph", Map.of("graph", graph.drawing("")));
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** Edge id → the text of each of its labels ("edge-share", "edge-rate", "edge-mark"). */
  static Map<String, Map<String, String>> edgeLabels(String svg) throws Exception {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    NodeList groups = parse(svg).getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (!g.getAttribute("class").startsWith("edge")) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      NodeList texts = g.getElementsByTagName("text");
      for (int t = 0; t < texts.getLength(); t++) {
        Element text = (Element) texts.item(t);
        labels.put(text.getAttribute("class"), text.getTextContent());
      }
      labels.put("class", g.getAttribute("class"));
      labels.put("data-count", g.getAttribute("data-count"));
      out.put(g.getAttribute("data-edge"), labels);
    }
    return out;
  }

  private List<TrafficRecord> canary(int n) {
    List<TrafficRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          call(
              i,
              "productpage-v1-6b746f74dc-mp6tf",
              "reviews",
              i % 2 == 0 ? "reviews-v1-7f99cc4496-gdxfn" : "reviews-v3-7dbcdcbc56-m8kbn",
              200,
              "-"));
    }
    return records;
  }

  @Test
  void aFiftyFiftyCanaryReadsFiftyPercentOnEachVersionsEdge() throws Exception {
    Map<String, Map<String, String>> edges =
        edgeLabels(svg(ServiceGraph.of(canary(100), snapshot)));
    assertThat(edges.get("svc:reviews>wl:reviews-v1").get("edge-share")).isEqualTo("50%");
    assertThat(edges.get("svc:reviews>wl:reviews-v3").get("edge-share")).isEqualTo("50%");
    assertThat(edges.get("wl:productpage-v1>svc:reviews").get("edge-share")).isEqualTo("100%");
    // 100 requests over 9.9 s.
    assertThat(edges.get("svc:reviews>wl:reviews-v1").get("edge-rate")).isEqualTo("5.1 rps");
    assertThat(edges.get("svc:reviews>wl:reviews-v1").get("class")).isEqualTo("edge edge-ok");
  }

  @Test
  void allToOneVersionReadsHundredPercent() throws Exception {
    List<TrafficRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(
          call(
              i,
              "productpage-v1-6b746f74dc-mp6tf",
              "reviews",
              "reviews-v3-7dbcdcbc56-m8kbn",
              200,
              "-"));
    }
    Map<String, Map<String, String>> edges = edgeLabels(svg(ServiceGraph.of(records, snapshot)));
    assertThat(edges)
        .containsOnlyKeys("wl:productpage-v1>svc:reviews", "svc:reviews>wl:reviews-v3");
    assertThat(edges.get("svc:reviews>wl:reviews-v3").get("edge-share")).isEqualTo("100%");
  }

  @Test
  void failuresColourAndDashTheEdgeAndFaultsAreMarked() throws Exception {
    List<TrafficRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      boolean abort = i < 3;
      records.add(
          call(
              i,
              "reviews-v2-7d79d5bd5d-8zzqd",
              "ratings",
              abort ? null : "ratings-v1-7dc98c7588-6tzmw",
              abort ? 500 : 200,
              abort ? "FI" : "-"));
    }
    for (int i = 0; i < 4; i++) {
      records.add(call(20 + i, "productpage-v1-6b746f74dc-mp6tf", "details", null, 503, "UO"));
    }
    Map<String, Map<String, String>> edges = edgeLabels(svg(ServiceGraph.of(records, snapshot)));
    Map<String, String> ratings = edges.get("wl:reviews-v2>svc:ratings");
    assertThat(ratings.get("class")).isEqualTo("edge edge-degraded");
    assertThat(ratings.get("edge-mark")).isEqualTo("[fault]");
    assertThat(ratings.get("edge-rate")).endsWith(", 3 err");
    Map<String, String> details = edges.get("wl:productpage-v1>svc:details");
    assertThat(details.get("class")).isEqualTo("edge edge-failing");
    assertThat(details.get("edge-mark")).isEqualTo("[overflow]");
  }

  @Test
  void everyWorkloadSeenIsANodeIncludingOnesTheLabDoesNotKnow() throws Exception {
    List<TrafficRecord> records = new ArrayList<>(canary(2));
    records.add(
        call(5, "httpbin-v1-5b8c7d9f6b-abcde", "httpbin", "httpbin-v1-5b8c7d9f6b-abcde", 200, "-"));
    records.add(
        call(
            6,
            "istio-ingressgateway-5d8d7b9b5c-2xk4p",
            "productpage",
            "productpage-v1-6b746f74dc-mp6tf",
            200,
            "-"));
    Document svg = parse(svg(ServiceGraph.of(records, snapshot)));
    NodeList groups = svg.getElementsByTagName("g");
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.hasAttribute("data-node")) {
        nodes.add(g.getAttribute("data-node"));
      }
    }
    assertThat(nodes)
        .contains(
            "gw:istio-ingressgateway",
            "svc:productpage",
            "wl:productpage-v1",
            "svc:reviews",
            "wl:reviews-v1",
            "wl:reviews-v3",
            "wl:httpbin-v1",
            "svc:httpbin");
  }

  @Test
  void theSvgKeepsItsCaseSensitiveAttributesAndAFocusLinkPerElement() {
    String svg = svg(ServiceGraph.of(canary(2), snapshot));
    assertThat(svg)
        .contains("viewBox=\"0 0 ")
        .contains("hx-get=\"/sandbox/traffic?focus=svc%3Areviews%3Ewl%3Areviews-v1\"");
  }

  @Test
  void aWindowReachingBeforeTheOldestRecordedCallSaysTheGraphCountsOnlyTheRecordedOnes() {
    var all = dev.trafficlab.server.sandbox.TrafficLens.DEFAULT.withWindow("all");
    Instant later = T0.plusSeconds(3600);
    assertThat(
            TrafficView.of(canary(TrafficView.RECORDS - 1), snapshot, all, List.of(), later)
                .graphNote())
        .isEmpty();
    assertThat(
            TrafficView.of(canary(TrafficView.RECORDS), snapshot, all, List.of(), later)
                .graphNote())
        .startsWith("Drawn from the last 1,000 recorded calls (since 10:00:00)");
  }

  @Test
  void namesAreEscapedSoTheSvgStaysWellFormed() throws Exception {
    List<TrafficRecord> records =
        List.of(call(0, "productpage-v1-6b746f74dc-mp6tf", "a<b>&\"c", null, 503, "NR"));
    String svg = svg(ServiceGraph.of(records, snapshot));
    assertThat(svg).doesNotContain("<b>");
    assertThat(parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
  }
}
