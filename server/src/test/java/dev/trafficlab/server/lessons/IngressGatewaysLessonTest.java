package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the ingress-gateways lesson promises, through the exec API and the browser's address of the
 * sandbox's gateway: 200 from istio-envoy for httpbin.example.com, 404 for an unrouted path and for
 * an unknown host, the task's node-port address, and the browser view with the Host it names.
 */
class IngressGatewaysLessonTest {
  private static final String HOST_GATEWAY =
      """
      kubectl apply -f - <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: Gateway
      metadata:
        name: httpbin-gateway
      spec:
        selector:
          istio: ingressgateway
        servers:
        - port:
            number: 80
            name: http
            protocol: HTTP
          hosts:
          - "%s"
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: httpbin
      spec:
        hosts:
        - "%s"
        gateways:
        - httpbin-gateway
        http:
        - match:
          - uri:
              prefix: %s
          route:
          - destination:
              port:
                number: 8000
              host: httpbin
      EOF""";

  @RegisterExtension static final LessonServer lab = new LessonServer();
  private LessonRun run;
  private String pageBase;

  @BeforeEach
  void httpbinAndTheGatewayAddress() {
    run = lab.run("ingress-gateways");
    pageBase = run.productPage().replaceFirst("/productpage$", "");
    run.ok("kubectl apply -f $ISTIO_HOME/samples/httpbin/httpbin.yaml");
    run.ok("kubectl wait --for=condition=ready pod -l app=httpbin --timeout=60s");
    run.ok(
        "export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o"
            + " jsonpath='{.spec.ports[?(@.name==\"http2\")].nodePort}')");
    run.ok(
        "export INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system -o"
            + " jsonpath='{.items[0].status.hostIP}')");
  }

  @Test
  void theTasksCommandsGiveTheNodeIpAndTheHttp2NodePortThatCurlReaches() {
    String address = run.ok("echo \"$INGRESS_HOST:$INGRESS_PORT\"").trim();
    assertThat(address).matches("192\\.168\\.49\\.2:3\\d{4}");
    assertThat(run.ok("kubectl get svc istio-ingressgateway -n istio-system"))
        .contains("LoadBalancer", "<pending>", "80:" + address.substring(address.indexOf(':') + 1));
  }

  @Test
  void httpbinExampleComAnswers200FromIstioEnvoyAndNothingElseIsRouted() {
    run.ok(HOST_GATEWAY.formatted("httpbin.example.com", "httpbin.example.com", "/status"));
    String ok =
        run.ok(
            "curl -s -I -HHost:httpbin.example.com \"http://$INGRESS_HOST:$INGRESS_PORT/status/200\"");
    assertThat(ok).startsWith("HTTP/1.1 200 OK\n").contains("server: istio-envoy\n");
    assertThat(
            run.ok(
                "curl -s -I -HHost:httpbin.example.com"
                    + " \"http://$INGRESS_HOST:$INGRESS_PORT/headers\""))
        .startsWith("HTTP/1.1 404 Not Found\n")
        .contains("server: istio-envoy\n");
    assertThat(
            run.ok(
                "curl -s -I -HHost:unknown.example.com"
                    + " \"http://$INGRESS_HOST:$INGRESS_PORT/status/200\""))
        .startsWith("HTTP/1.1 404 Not Found\n");
  }

  @Test
  void httpbinSeesTheHostTheClientSentNotTheGatewaysListenerPort() {
    run.ok(HOST_GATEWAY.formatted("*", "*", "/headers"));
    assertThat(
            run.ok(
                "curl -s -HHost:anything.example.com"
                    + " \"http://$INGRESS_HOST:$INGRESS_PORT/headers\""))
        .contains("\"Host\": \"anything.example.com\"");
    String address = run.ok("echo \"$INGRESS_HOST:$INGRESS_PORT\"").trim();
    assertThat(run.ok("curl -s \"http://$INGRESS_HOST:$INGRESS_PORT/headers\""))
        .contains("\"Host\": \"" + address + "\"");
  }

  @Test
  void theBrowserReachesTheGatewayAsHttpIngressHostIngressPort() {
    run.ok(HOST_GATEWAY.formatted("*", "*", "/headers"));
    String address = run.ok("echo \"$INGRESS_HOST:$INGRESS_PORT\"").trim();
    HttpResponse<Buffer> page =
        lab.server()
            .request(HttpMethod.GET, pageBase + "/headers")
            .putHeader("user-agent", "Lab")
            .send()
            .await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("server")).isEqualTo("istio-envoy");
    assertThat(page.bodyAsString())
        .contains(
            "\"Host\": \"" + address + "\"", "\"User-Agent\": \"Lab\"", "X-Envoy-Attempt-Count")
        .as("the lab's own page prefix is no header a browser sends")
        .doesNotContain("X-Forwarded-Prefix");
  }

  @Test
  void theBrowserNamesTheHostAfterThePageKeyAndOnlyThatHostIsRouted() {
    run.ok(HOST_GATEWAY.formatted("httpbin.example.com", "httpbin.example.com", "/status"));
    HttpResponse<Buffer> teapot =
        lab.server().send(HttpMethod.GET, pageBase + "@httpbin.example.com/status/418");
    assertThat(teapot.statusCode()).isEqualTo(418);
    assertThat(teapot.bodyAsString()).contains("teapot");
    assertThat(lab.server().send(HttpMethod.GET, pageBase + "/status/418").statusCode())
        .as("the node address is no host of the Gateway")
        .isEqualTo(404);
    assertThat(
            lab.server()
                .send(HttpMethod.GET, pageBase + "@other.example.com/status/418")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void bookinfoUnderAHostNameKeepsItsLinksUnderThatAddress() {
    run.ok("kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/bookinfo-gateway.yaml");
    String page =
        lab.server()
            .send(HttpMethod.GET, pageBase + "@bookinfo.example.com/productpage")
            .bodyAsString();
    String key = pageBase.substring(pageBase.lastIndexOf('/') + 1);
    assertThat(page)
        .contains("Simple Bookstore App")
        .contains("href=\"/bookinfo/" + key + "@bookinfo.example.com/static/");
  }

  @Test
  void aHostThatIsNoHostNameIsRefusedWithASentence() {
    HttpResponse<Buffer> r = lab.server().send(HttpMethod.GET, pageBase + "@a_b%3Cc/status/200");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("names no host").doesNotContain("Exception");
    assertThat(
            lab.server()
                .send(HttpMethod.GET, "/bookinfo/unknownKey@httpbin.example.com/")
                .statusCode())
        .isEqualTo(404);
  }
}
