package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Traffic tab's graph, after real rules routed a batch of requests through the sandbox's data
 * plane: its share labels read the split the rules in force produce.
 */
@ExtendWith(VertxExtension.class)
class TrafficGraphTabTest {
  private static final String SUBSETS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: reviews
      spec:
        host: reviews
        subsets:
        - name: v1
          labels:
            version: v1
        - name: v3
          labels:
            version: v3
      """;

  private static String reviews(int v1Weight, int v3Weight) {
    return """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
                subset: v1
              weight: %d
            - destination:
                host: reviews
                subset: v3
              weight: %d
        """
        .formatted(v1Weight, v3Weight);
  }

  private TestServer server;
  private String id;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
    catchUpWithTheWallClock();
    id = server.createSandbox();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * The data plane stamps records with the wall clock, the config store its changes with the
   * server's clock: the test keeps them together.
   */
  private void catchUpWithTheWallClock() {
    server.clock.advance(Duration.between(server.clock.instant(), Instant.now()));
  }

  private void apply(String yaml) {
    catchUpWithTheWallClock();
    HttpResponse<Buffer> r =
        server.sendText(
            HttpMethod.POST, "/api/sandboxes/" + id + "/apply", "application/yaml", yaml);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private void sendBatch() {
    JsonObject body =
        new JsonObject()
            .put("from", "productpage-v1")
            .put("host", "reviews")
            .put("port", 9080)
            .put("path", "/reviews/0")
            .put("count", 100);
    HttpResponse<Buffer> r =
        server.sendJson(HttpMethod.POST, "/api/sandboxes/" + id + "/requests", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private String tab(String query) {
    HttpResponse<Buffer> r =
        server
            .request(HttpMethod.GET, "/sandbox/traffic" + query)
            .putHeader("Cookie", "tl_sandbox=" + id + "." + server.server.sandboxes().bootId())
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsString();
  }

  @Test
  void clickingAnEdgeListsOnlyItsRequestsAndClickingItAgainListsAllAgain() {
    apply(SUBSETS + "---\n" + reviews(50, 50));
    sendBatch();
    String focused = tab("?focus=svc:reviews>wl:reviews-v3");
    assertThat(focused)
        .contains("<tr data-version=\"v3\"")
        .doesNotContain("<tr data-version=\"v1\"")
        .contains("class=\"edge edge-ok focused\"");
    // The periodic refresh sends no parameter and keeps the focus.
    assertThat(tab("")).doesNotContain("<tr data-version=\"v1\"");
    assertThat(tab("?focus=svc:reviews>wl:reviews-v3")).contains("<tr data-version=\"v1\"");
  }

  private Map<String, Map<String, String>> graphEdges() throws Exception {
    HttpResponse<Buffer> r =
        server
            .request(HttpMethod.GET, "/sandbox/traffic")
            .putHeader("Cookie", "tl_sandbox=" + id + "." + server.server.sandboxes().bootId())
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.bodyAsString();
    int start = html.indexOf("<svg");
    int end = html.indexOf("</svg>");
    assertThat(start).as("the tab holds a graph").isNotNegative();
    return ServiceGraphTest.edgeLabels(html.substring(start, end + "</svg>".length()));
  }

  @Test
  void theCanaryReadsAboutHalfOnEachVersionAndAllToVThreeReadsHundredPercent() throws Exception {
    apply(SUBSETS + "---\n" + reviews(50, 50));
    sendBatch();
    Map<String, Map<String, String>> edges = graphEdges();
    int v1 = share(edges.get("svc:reviews>wl:reviews-v1"));
    int v3 = share(edges.get("svc:reviews>wl:reviews-v3"));
    // A weighted random pick: 100 requests land within a few percent of 50/50.
    assertThat(v1 + v3).isBetween(99, 101);
    assertThat(v1).isBetween(30, 70);

    apply(reviews(0, 100));
    sendBatch();
    edges = graphEdges();
    assertThat(edges).doesNotContainKey("svc:reviews>wl:reviews-v1");
    assertThat(edges.get("svc:reviews>wl:reviews-v3").get("edge-share")).isEqualTo("100%");
  }

  private static final String RATINGS_HALF_ABORTED =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: ratings
      spec:
        hosts:
        - ratings
        http:
        - fault:
            abort:
              percentage:
                value: 50
              httpStatus: 500
          route:
          - destination:
              host: ratings
      """;

  /** The command's output, "" when it failed (a pod without a proxy container). */
  private String exec(String command) {
    HttpResponse<Buffer> r =
        server.sendJson(
            HttpMethod.POST,
            "/api/sandboxes/" + id + "/exec",
            new JsonObject().put("command", command));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject().getInteger("exitCode") == 0
        ? r.bodyAsJsonObject().getString("output")
        : "";
  }

  private static final Pattern SERIES =
      Pattern.compile("^istio_requests_total\\{(.*)} (\\d+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /**
   * What every proxy's stats/prometheus says, summed the way the graph draws edges: caller to
   * service and service to answering workload, from the calling side's reporter="source" series.
   */
  private Map<String, Long> edgesFromProxyStats() {
    Map<String, Long> edges = new TreeMap<>();
    for (String line : exec("kubectl get pods -A --no-headers").split("\n")) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length < 2) {
        continue;
      }
      String namespace = columns[0];
      String pod = columns[1];
      String text =
          exec(
              "kubectl exec "
                  + pod
                  + " -n "
                  + namespace
                  + " -c istio-proxy -- pilot-agent request GET stats/prometheus");
      Matcher m = SERIES.matcher(text);
      while (m.find()) {
        Map<String, String> labels = new HashMap<>();
        Matcher l = LABEL.matcher(m.group(1));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
        if (!labels.get("reporter").equals("source")) {
          continue;
        }
        long n = Long.parseLong(m.group(2));
        String caller = labels.get("source_workload");
        String from = caller.equals("istio-ingressgateway") ? "gw:" + caller : "wl:" + caller;
        String service = "svc:" + labels.get("destination_service_name");
        edges.merge(from + ">" + service, n, Long::sum);
        if (!labels.get("destination_workload").equals("unknown")) {
          edges.merge(service + ">wl:" + labels.get("destination_workload"), n, Long::sum);
        }
      }
    }
    return edges;
  }

  @Test
  void everyEdgeCountsWhatTheCallersSidecarCountsInIstioRequestsTotal() throws Exception {
    apply(SUBSETS + "---\n" + reviews(50, 50) + "---\n" + RATINGS_HALF_ABORTED);
    sendBatch();
    tab("?window=all");
    Map<String, Long> drawn = new TreeMap<>();
    Map<String, Map<String, String>> edges = graphEdges();
    edges.forEach((edge, labels) -> drawn.put(edge, Long.parseLong(labels.get("data-count"))));
    assertThat(drawn)
        .as("the canary and the aborted ratings calls are drawn")
        .containsKeys(
            "wl:productpage-v1>svc:reviews",
            "svc:reviews>wl:reviews-v3",
            "wl:reviews-v3>svc:ratings",
            "svc:ratings>wl:ratings-v1");
    assertThat(edges.get("wl:reviews-v3>svc:ratings").get("class")).doesNotContain("edge-ok");
    Map<String, Long> counted = edgesFromProxyStats();
    assertThat(drawn).isEqualTo(counted);
    // The labels the learner reads: each version's share of reviews, from the counters.
    long reviews =
        counted.entrySet().stream()
            .filter(e -> e.getKey().startsWith("svc:reviews>"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    for (String version : new String[] {"svc:reviews>wl:reviews-v1", "svc:reviews>wl:reviews-v3"}) {
      assertThat(edges.get(version).get("edge-share"))
          .as(version)
          .isEqualTo(Math.round(100f * counted.get(version) / reviews) + "%");
    }
  }

  private static int share(Map<String, String> edge) {
    String s = edge.get("edge-share");
    assertThat(s).matches("\\d+%");
    return Integer.parseInt(s.substring(0, s.length() - 1));
  }
}
