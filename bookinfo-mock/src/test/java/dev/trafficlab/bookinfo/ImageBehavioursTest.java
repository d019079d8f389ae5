package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.mesh.testing.HttpbinSamples;
import dev.trafficlab.mesh.testing.OpenCluster;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Learner-deployed pods get their image's behaviour, reached through the real data plane. */
class ImageBehavioursTest {
  static MeshFixture f;

  static final String MIRROR_V2 =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: httpbin
      spec:
        hosts:
          - httpbin
        http:
        - route:
          - destination:
              host: httpbin
              subset: v1
            weight: 100
          mirror:
            host: httpbin
            subset: v2
          mirrorPercent: 100
      """;

  @BeforeAll
  static void start() {
    f = new MeshFixture(BookinfoMesh.Options.defaults(), true);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static String SLEEP;
  static String LEGACY_SLEEP;
  static String HTTPBIN_V1;
  static String HTTPBIN_V2;
  static String WEB;
  static String HELLO_V1;
  static String HTTPBIN_V1_IP;

  @BeforeAll
  static void names() {
    var s = OpenCluster.base();
    SLEEP = OpenCluster.pod(s, "default", "sleep", "");
    LEGACY_SLEEP = OpenCluster.pod(s, "legacy", "sleep", "");
    HTTPBIN_V1 = OpenCluster.pod(s, "default", "httpbin", "v1");
    HTTPBIN_V2 = OpenCluster.pod(s, "default", "httpbin", "v2");
    WEB = OpenCluster.pod(s, "default", "web", "");
    HELLO_V1 = OpenCluster.pod(s, "default", "helloworld", "v1");
    HTTPBIN_V1_IP = s.inventory().podOrWorkload(HTTPBIN_V1).orElseThrow().ip();
  }

  static TestSandbox sandbox(String id, String... yamls) {
    TestSandbox s = new TestSandbox(id);
    s.swap(OpenCluster.store(yamls).current());
    return s;
  }

  static MeshResponse curl(TestSandbox s, String from, String host, int port, String path) {
    return f.mesh
        .call(
            s,
            new RouteRequest(
                from,
                host,
                port,
                "GET",
                path,
                Map.of("host", host + ":" + port, "user-agent", "curl/7.73.0", "accept", "*/*")))
        .await();
  }

  @Test
  void httpbinHeadersFromSleepShowWhatBothSidecarsAdded() {
    TestSandbox s = sandbox("headers");
    MeshResponse r = curl(s, SLEEP, "httpbin", 8000, "/headers");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("content-type", "application/json");
    assertThat(r.body()).startsWith("{\n  \"headers\": {\n    \"Accept\": \"*/*\",\n");
    assertThat(r.body()).endsWith("  }\n}\n");
    JsonObject h = new JsonObject(r.body()).getJsonObject("headers");
    assertThat(h.getString("Host")).isEqualTo("httpbin:8000");
    assertThat(h.getString("Content-Length")).isEqualTo("0");
    assertThat(h.getString("User-Agent")).isEqualTo("curl/7.73.0");
    assertThat(h.getString("X-B3-Sampled")).isEqualTo("1");
    assertThat(h.getString("X-B3-Traceid")).matches("[0-9a-f]{32}");
    assertThat(h.getString("X-B3-Spanid")).matches("[0-9a-f]{16}");
    assertThat(h.getString("X-B3-Parentspanid")).matches("[0-9a-f]{16}");
    assertThat(h.getString("X-Envoy-Attempt-Count")).isEqualTo("1");
    assertThat(h.getString("X-Forwarded-Client-Cert"))
        .matches(
            "By=spiffe://cluster.local/ns/default/sa/default;Hash=[0-9a-f]{64};Subject=\"\";"
                + "URI=spiffe://cluster.local/ns/default/sa/default");
    // Envoy's upstream host is the pod's target port, not the service port.
    assertThat(s.traffic().recent(1).get(0).upstreamHost()).isEqualTo(HTTPBIN_V1_IP + ":80");
    // httpbin hides the environment's headers
    assertThat(h.fieldNames()).doesNotContain("X-Request-Id", "X-Forwarded-Proto");
  }

  @Test
  void httpbinEndpointsAnswerInHttpbinsShapes() {
    TestSandbox s = sandbox("endpoints");
    JsonObject get = new JsonObject(curl(s, SLEEP, "httpbin", 8000, "/get?a=1&b=2&b=3").body());
    assertThat(get.fieldNames()).containsExactlyInAnyOrder("args", "headers", "origin", "url");
    assertThat(get.getJsonObject("args").getString("a")).isEqualTo("1");
    assertThat(get.getJsonObject("args").getJsonArray("b").getList()).containsExactly("2", "3");
    assertThat(get.getString("origin")).isEqualTo("127.0.0.1");
    assertThat(get.getString("url")).isEqualTo("http://httpbin:8000/get?a=1&b=2&b=3");
    assertThat(curl(s, SLEEP, "httpbin", 8000, "/ip").body())
        .isEqualTo("{\n  \"origin\": \"127.0.0.1\"\n}\n");
    assertThat(curl(s, SLEEP, "httpbin", 8000, "/user-agent").body())
        .isEqualTo("{\n  \"user-agent\": \"curl/7.73.0\"\n}\n");
    JsonObject any = new JsonObject(curl(s, SLEEP, "httpbin", 8000, "/anything/x").body());
    assertThat(any.getString("method")).isEqualTo("GET");
    assertThat(any.fieldNames()).contains("data", "files", "form", "json");
    MeshResponse teapot = curl(s, SLEEP, "httpbin", 8000, "/status/418");
    assertThat(teapot.status()).isEqualTo(418);
    MeshResponse unavailable = curl(s, SLEEP, "httpbin", 8000, "/status/503");
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.body()).isEmpty();
    assertThat(curl(s, SLEEP, "httpbin", 8000, "/status/abc").status()).isEqualTo(400);
    assertThat(curl(s, SLEEP, "httpbin", 8000, "/nope").status()).isEqualTo(404);
  }

  @Test
  void weightedStatusCodesAreSpreadAsHttpbinDoes() {
    TestSandbox s = sandbox("weighted");
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      seen.add(curl(s, SLEEP, "httpbin", 8000, "/status/200:0.5,503:0.5").status());
    }
    assertThat(seen).containsExactlyInAnyOrder(200, 503);
  }

  @Test
  void delayWaitsOnATimerAndIsCappedAtTenSeconds() {
    TestSandbox s = sandbox("delay");
    long t0 = System.nanoTime();
    MeshResponse r = curl(s, SLEEP, "httpbin", 8000, "/delay/1");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(ms).isGreaterThanOrEqualTo(1000);
    assertThat(new JsonObject(r.body()).fieldNames())
        .containsExactlyInAnyOrder("args", "data", "files", "form", "headers", "origin", "url");
  }

  @Test
  void anUnknownImageAnswersAsAnEchoServerAndItsLogsSaySo() {
    TestSandbox s = sandbox("echo");
    MeshResponse r = curl(s, SLEEP, "web", 80, "/some/path?q=1");
    assertThat(r.status()).isEqualTo(200);
    JsonObject echo = new JsonObject(r.body());
    assertThat(echo.getString("method")).isEqualTo("GET");
    assertThat(echo.getString("path")).isEqualTo("/some/path?q=1");
    assertThat(echo.getString("pod")).isEqualTo(WEB);
    assertThat(echo.getJsonObject("headers").getString("host")).isEqualTo("web:80");
    List<String> logs = f.mesh.containerLogs(s, pod(s, WEB));
    assertThat(logs.get(0)).contains("does not know the image \"nginx:1.19\"").contains("echo");
    assertThat(logs).contains("GET /some/path?q=1 200");
  }

  @Test
  void helloworldSaysItsVersionAndInstance() {
    TestSandbox s = sandbox("hello");
    MeshResponse r = curl(s, SLEEP, "helloworld", 5000, "/hello");
    assertThat(r.body()).isEqualTo("Hello version: v1, instance: " + HELLO_V1 + "\n");
  }

  @Test
  void sleepListensOnNothingSoItsServiceRefusesAsEnvoyReports() {
    TestSandbox s = sandbox("sleep");
    MeshResponse r = curl(s, "productpage-v1", "sleep", 80, "/");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).startsWith("upstream connect error or disconnect/reset before headers");
  }

  @Test
  void aPodWithoutSidecarIsNotRoutedByVirtualServicesAndSendsNoEnvoyHeaders() {
    TestSandbox s = sandbox("legacy", HttpbinSamples.ALL_TO_V1);
    Set<String> inMesh = new HashSet<>();
    Set<String> outside = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      inMesh.add(curl(s, SLEEP, "httpbin", 8000, "/ip").upstreamPod());
      outside.add(curl(s, LEGACY_SLEEP, "httpbin.default", 8000, "/ip").upstreamPod());
    }
    assertThat(inMesh).containsExactly(HTTPBIN_V1);
    assertThat(outside).containsExactlyInAnyOrder(HTTPBIN_V1, HTTPBIN_V2);
    JsonObject h =
        new JsonObject(curl(s, LEGACY_SLEEP, "httpbin.default", 8000, "/headers").body())
            .getJsonObject("headers");
    assertThat(h.fieldNames()).containsExactlyInAnyOrder("Accept", "Host", "User-Agent");
    assertThat(s.snapshot().routes().hasProxy(LEGACY_SLEEP)).isFalse();
    MeshResponse refused = curl(s, LEGACY_SLEEP, "httpbin.default", 9999, "/ip");
    assertThat(refused.status()).isZero();
    assertThat(refused.responseFlags()).isEqualTo("CR");
  }

  @Test
  void mirroredRequestsShowInV2sAccessLog() throws Exception {
    TestSandbox s = new TestSandbox("mirror");
    var store = OpenCluster.store(HttpbinSamples.ALL_TO_V1);
    s.swap(store.current());
    curl(s, SLEEP, "httpbin", 8000, "/headers");
    assertThat(f.mesh.containerLogs(s, pod(s, HTTPBIN_V1))).hasSize(1);
    assertThat(f.mesh.containerLogs(s, pod(s, HTTPBIN_V2))).isEmpty();
    OpenCluster.apply(store, MIRROR_V2);
    s.swap(store.current());
    MeshResponse r = curl(s, SLEEP, "httpbin", 8000, "/headers");
    assertThat(r.upstreamPod()).isEqualTo(HTTPBIN_V1);
    List<String> v2 = List.of();
    for (int i = 0; i < 100 && v2.isEmpty(); i++) {
      Thread.sleep(20);
      v2 = f.mesh.containerLogs(s, pod(s, HTTPBIN_V2));
    }
    List<String> v1 = f.mesh.containerLogs(s, pod(s, HTTPBIN_V1));
    assertThat(v1).hasSize(2);
    assertThat(v2).hasSize(1);
    String line =
        "127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
            + "\"GET /headers HTTP/1\\.1\" 200 (\\d+) \"-\" \"curl/7\\.73\\.0\"";
    assertThat(v1.get(1)).matches(line);
    assertThat(v2.get(0)).matches(line);
    // Envoy sends the copy with the -shadow host; v2 answered it with what its log counts
    java.util.regex.Matcher logged = java.util.regex.Pattern.compile(line).matcher(v2.get(0));
    assertThat(logged.matches()).isTrue();
    long v2Bytes = Long.parseLong(logged.group(1));
    assertThat(s.traffic().recent(10))
        .anyMatch(
            t ->
                "httpbin-shadow:8000".equals(t.authority())
                    && HTTPBIN_V2.equals(t.upstreamPod())
                    && t.bytesSent() == v2Bytes);
  }

  private static Pod pod(TestSandbox s, String name) {
    return s.snapshot().inventory().podOrWorkload(name).orElseThrow();
  }
}
