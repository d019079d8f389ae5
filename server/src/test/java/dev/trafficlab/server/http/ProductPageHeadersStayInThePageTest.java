package dev.trafficlab.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10, item 6: the product page is served on the lab's origin, so a VirtualService's response
 * headers must not reach the lab's cookies, navigation or security headers; header bytes Envoy
 * refuses (CR, LF) and ":status" make Envoy refuse the route configuration, and the page never
 * hangs. A quiet learner next door is untouched.
 */
@ExtendWith(VertxExtension.class)
class ProductPageHeadersStayInThePageTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server =
        TestServer.start(
            vertx,
            TestServer.config().sandboxCreationsPerMinute(30).sandboxCreationBurst(3).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String bookinfo(String responseHeaders) {
    return """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: bookinfo
        spec:
          hosts: ["*"]
          gateways: [bookinfo-gateway]
          http:
          - match:
            - uri: {exact: /productpage}
            - uri: {prefix: /static}
            - uri: {exact: /login}
            headers:
              response:
        """
        + responseHeaders.indent(8)
        + """
            route:
            - destination:
                host: productpage
                port: {number: 9080}
        """;
  }

  private HttpResponse<Buffer> apply(String id, String yaml) {
    return server.sendText(
        HttpMethod.POST, "/api/sandboxes/" + id + "/apply", "application/yaml", yaml);
  }

  private String exec(String id, String command) {
    return server
        .sendJson(
            HttpMethod.POST,
            "/api/sandboxes/" + id + "/exec",
            new JsonObject().put("command", command))
        .bodyAsJsonObject()
        .getString("output");
  }

  @Test
  void cookiesNavigationAndSecurityHeadersOfTheLabCannotBeSetFromTheMesh() {
    JsonObject attacker = server.createSandbox(new JsonObject());
    String page = attacker.getString("productPage");
    String prefix = page.substring(0, page.lastIndexOf('/'));
    HttpResponse<Buffer> applied =
        apply(
            attacker.getString("id"),
            bookinfo(
                """
        set:
          set-cookie: "tl_sandbox=%s; Path=/; Max-Age=9999999"
          refresh: "0; url=https://evil.example/"
          location: "https://evil.example/"
          x-frame-options: ALLOWALL
          content-security-policy: "default-src *"
          clear-site-data: '"cookies"'
        add:
          x-lesson: visible
        """
                    .formatted(attacker.getString("id"))));
    assertThat(applied.statusCode()).as(applied.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> victimView = server.send(HttpMethod.GET, page);
    assertThat(victimView.statusCode()).isEqualTo(200);
    assertThat(victimView.cookies()).noneMatch(c -> c.contains("tl_sandbox"));
    assertThat(victimView.headers().getAll("Refresh")).isEmpty();
    assertThat(victimView.headers().getAll("Location")).isEmpty();
    assertThat(victimView.headers().getAll("Clear-Site-Data")).isEmpty();
    assertThat(victimView.headers().getAll("X-Frame-Options")).containsExactly("SAMEORIGIN");
    assertThat(victimView.headers().getAll("Content-Security-Policy"))
        .singleElement()
        .satisfies(csp -> assertThat(csp).contains("default-src 'self'"));
    assertThat(victimView.getHeader("x-lesson"))
        .as("the lesson's header operations still work")
        .isEqualTo("visible");
    assertThat(prefix).startsWith("/bookinfo/");
  }

  @Test
  void aCookieTheLessonSetsIsScopedToThePage() {
    JsonObject sandbox = server.createSandbox(new JsonObject());
    String page = sandbox.getString("productPage");
    String pagePath = page.substring(0, page.lastIndexOf('/') + 1);
    apply(
        sandbox.getString("id"),
        bookinfo(
            """
        set:
          set-cookie: "flavour=canary; Path=/; Domain=127.0.0.1; HttpOnly"
        """));
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, page);
    assertThat(response.cookies()).containsExactly("flavour=canary; HttpOnly; Path=" + pagePath);
  }

  @Test
  void headerBytesEnvoyRefusesLeaveTheOldRoutesAndThePageAnswers() {
    String attacker = server.createSandbox();
    JsonObject quiet = server.createSandbox(new JsonObject());
    HttpResponse<Buffer> applied =
        apply(
            attacker,
            bookinfo(
                """
        set:
          x-split: "a\\r\\nset-cookie: tl_sandbox=stolen; Path=/"
          ":status": "302"
        """));
    assertThat(applied.statusCode()).as("Istio 1.8.1 validation lets it through").isEqualTo(200);
    assertThat(exec(attacker, "istioctl proxy-status")).contains("STALE");
    String attackerPage =
        server
            .send(HttpMethod.GET, "/api/sandboxes/" + attacker)
            .bodyAsJsonObject()
            .getString("productPage");
    HttpResponse<Buffer> view = server.send(HttpMethod.GET, attackerPage);
    assertThat(view.statusCode()).as("the gateway keeps its previous routes").isEqualTo(200);
    assertThat(view.cookies()).isEmpty();
    assertThat(view.headers().getAll("x-split")).isEmpty();

    HttpResponse<Buffer> quietView = server.send(HttpMethod.GET, quiet.getString("productPage"));
    assertThat(quietView.statusCode()).isEqualTo(200);
    assertThat(exec(quiet.getString("id"), "istioctl proxy-status")).doesNotContain("STALE");
  }
}
