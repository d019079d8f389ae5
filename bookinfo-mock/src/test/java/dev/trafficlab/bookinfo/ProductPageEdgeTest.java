package dev.trafficlab.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.sidecar.Sidecar;
import dev.trafficlab.mesh.routing.Outcome;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser reaches a sandbox's product page through its ingress gateway, with its own session per
 * page.
 */
class ProductPageEdgeTest {
  static MeshFixture f;
  static TestSandbox a = new TestSandbox("sandbox-a");

  @BeforeAll
  static void start() {
    f = new MeshFixture();
    f.pages.put("keyA", a);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static HttpResponse<Buffer> get(String path, String cookie) {
    var req = f.browser.get(path);
    if (cookie != null) {
      req.putHeader("cookie", cookie);
    }
    return req.send().await();
  }

  @Test
  void productPageIsServedThroughTheIngressWithLinksUnderItsPrefix() {
    HttpResponse<Buffer> r = get("/bookinfo/keyA/productpage", null);
    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.bodyAsString();
    assertThat(html)
        .contains(
            "Simple Bookstore App",
            "action=\"/bookinfo/keyA/login\"",
            "href=\"/bookinfo/keyA/static/css/bookinfo.css\"",
            "id=\"reviews\"");
    assertThat(r.getHeader("server")).isEqualTo("istio-envoy");
    assertThat(a.traffic().recent(100))
        .extracting(TrafficRecord::fromPod)
        .anyMatch(p -> p.startsWith("istio-ingressgateway"));
    HttpResponse<Buffer> css = get("/bookinfo/keyA/static/css/bookinfo.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.getHeader("content-type")).startsWith("text/css");
  }

  @Test
  void unknownPageKeyIs404() {
    assertThat(get("/bookinfo/nope/productpage", null).statusCode()).isEqualTo(404);
    assertThat(get("/bookinfo/../api/sandboxes", null).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutAGatewayRouteThePageIsEnvoysEmpty404() {
    TestSandbox b = new TestSandbox("no-vs");
    f.pages.put("keyNoVs", b);
    f.routes.rule(
        "gateway",
        (s, r) ->
            s.revision() == 77
                ? Routes.outcome(Outcome.NO_ROUTE).build()
                : Routes.route(Routes.target("productpage", "v1", 100)).build());
    b.swap(TestSandbox.snapshot(77));
    HttpResponse<Buffer> r = get("/bookinfo/keyNoVs/productpage", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body() == null ? 0 : r.body().length()).isZero();
    assertThat(b.traffic().recent(1).get(0).responseFlags()).isEqualTo("NR");
    f.routes.rule(
        "gateway", (s, req) -> Routes.route(Routes.target("productpage", "v1", 100)).build());
  }

  @Test
  void loginSetsASessionScopedToThePageAndLogoutClearsIt() {
    HttpResponse<Buffer> login =
        f.browser
            .post("/bookinfo/keyA/login")
            .putHeader("referer", "http://127.0.0.1/bookinfo/keyA/productpage")
            .sendForm(
                MultiMap.caseInsensitiveMultiMap()
                    .add("username", "<jason>")
                    .add("passwd", "anything"))
            .await();
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.getHeader("location")).isEqualTo("/bookinfo/keyA/productpage");
    String setCookie = login.getHeader("set-cookie");
    assertThat(setCookie).contains("Path=/bookinfo/keyA/", "HttpOnly");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String page = get("/bookinfo/keyA/productpage", cookie + "; tl_sandbox=secret").bodyAsString();
    assertThat(page)
        .contains(
            "<span id=\"signed-in-user\">&lt;jason&gt;</span>",
            "id=\"logout\"",
            "href=\"/bookinfo/keyA/logout\"")
        .doesNotContain("<jason>")
        .doesNotContain("login-form");
    HttpResponse<Buffer> logout = get("/bookinfo/keyA/logout", cookie);
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.getHeader("set-cookie"))
        .contains("session=;", "Max-Age=0", "Path=/bookinfo/keyA/");
  }

  @Test
  void aGatewayRedirectStaysUnderThePagePrefix() {
    TestSandbox r = new TestSandbox("redirect");
    f.pages.put("keyR", r);
    f.routes.rule(
        "gateway",
        (s, q) ->
            q.path().startsWith("/old")
                ? Routes.route().redirect("/productpage", null, null).build()
                : Routes.route(Routes.target("productpage", "v1", 100)).build());
    HttpResponse<Buffer> res = get("/bookinfo/keyR/old", null);
    assertThat(res.statusCode()).isEqualTo(301);
    assertThat(res.getHeader("location")).isEqualTo("/bookinfo/keyR/productpage");
    assertThat(
            dev.trafficlab.bookinfo.ingress.ProductPageEdge.browserLocation(
                "http://other.example/x", "localhost", "/bookinfo/k"))
        .isEqualTo("http://other.example/x");
    f.routes.rule(
        "gateway", (s, q) -> Routes.route(Routes.target("productpage", "v1", 100)).build());
  }

  @Test
  void loginNeverRedirectsOffThePage() {
    HttpResponse<Buffer> login =
        f.browser
            .post("/bookinfo/keyA/login")
            .putHeader("referer", "http://evil.example/x")
            .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", "bob"))
            .await();
    assertThat(login.getHeader("location")).isEqualTo("/bookinfo/keyA/productpage");
  }

  @Test
  void theLabsOwnCookiesNeverEnterTheMesh() {
    TestSandbox c = new TestSandbox("cookies");
    f.pages.put("keyC", c);
    f.routes.recordSeen = true;
    get(
        "/bookinfo/keyC/productpage",
        "tl_sandbox=SECRET; session="
            + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("amy".getBytes()));
    f.routes.recordSeen = false;
    assertThat(f.routes.seen)
        .isNotEmpty()
        .allSatisfy(
            q -> {
              String cookie = q.header("cookie");
              assertThat(cookie == null || !cookie.contains("SECRET")).isTrue();
            });
  }

  @Test
  void workloadServerRefusesRequestsWithoutAValidSandboxToken() {
    var client = io.vertx.ext.web.client.WebClient.create(f.vertx);
    try {
      var noToken =
          client
              .get(f.mesh.workloadPort(), "127.0.0.1", "/productpage")
              .putHeader(Sidecar.POD_HEADER, "productpage-v1-6b746f74dc-mp6tf")
              .send()
              .await();
      assertThat(noToken.statusCode()).isEqualTo(403);
      var badToken =
          client
              .get(f.mesh.workloadPort(), "127.0.0.1", "/productpage")
              .putHeader(Sidecar.TOKEN_HEADER, "sandbox-a")
              .putHeader(Sidecar.POD_HEADER, "productpage-v1-6b746f74dc-mp6tf")
              .send()
              .await();
      assertThat(badToken.statusCode()).isEqualTo(403);
    } finally {
      client.close();
    }
  }
}
