package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.lessons.markdown.KatacodaHostUrls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where an imported scenario's links to other ports of its environment lead: a page naming them.
 */
class ScenarioPortPageTest {
  private static Vertx vertx;
  private static String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    OneSandboxRegistry registry = new OneSandboxRegistry(OneSandboxRegistry.emptyCluster());
    Router router = Router.router(vertx);
    WebRoutes.mount(
        vertx, router, new BrowserSessions(registry, 0), null, OneSandboxRegistry.LESSONS);
    HttpServer server =
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    base = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void grafanaPortSaysItIsNotAvailableAndWhatUsuallyRunsThere() throws Exception {
    HttpResponse<String> r = get("/lab/ports/3000/d/istio-mesh");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<h1 id=\"port-title\">Port 3000 is not available in Traffic Lab</h1>")
        .contains("port 3000 usually serves Grafana")
        .contains("node port " + KatacodaHostUrls.INGRESS_NODE_PORT);
  }

  @Test
  void unknownPortIsNamedHonestly() throws Exception {
    String body = get("/lab/ports/4242").body();
    assertThat(body)
        .contains("Port 4242 is not available in Traffic Lab")
        .contains("Traffic Lab does not know what it ran there")
        .doesNotContain("usually serves");
  }

  @Test
  void portListForTheTrafficSelector() throws Exception {
    HttpResponse<String> r = get("/lab/ports");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Ports of this lab").contains("Kiali 20001");
  }

  @Test
  void aPortThatIsNoNumberIsNotFound() throws Exception {
    HttpResponse<String> r = get("/lab/ports/%3Cscript%3E");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("&lt;script&gt;").doesNotContain("<script>");
  }
}
