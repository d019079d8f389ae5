package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Katacoda's and Killercoda's host placeholders, in the page and in commands. */
class KatacodaHostUrlsTest {
  private final LessonMarkdown md = new LessonMarkdown();
  private static final String BASE = "/bookinfo/K1";

  private String page(String markdown) {
    return KatacodaHostUrls.toSandbox(md.render(markdown), BASE);
  }

  @Test
  void ingressPortsLeadToTheProductPage() {
    int nodePort = KatacodaHostUrls.INGRESS_NODE_PORT;
    String html =
        page(
            "[a](https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/productpage)"
                + " [b](https://[[HOST_SUBDOMAIN]]-$INGRESS_PORT-[[KATACODA_HOST]].environments.katacoda.com/productpage)"
                + " [c](https://[[HOST_SUBDOMAIN]]-"
                + nodePort
                + "-[[KATACODA_HOST]].environments.katacoda.com/productpage)"
                + " [d]({{TRAFFIC_HOST1_80}}/productpage)"
                + " [e](https://[[HOST_SUBDOMAIN]]-${INGRESS_PORT}-[[KATACODA_HOST]].[[KATACODA_DOMAIN]]/productpage)");
    assertThat(html.split("href=\"/bookinfo/K1/productpage\"", -1)).hasSize(6);
    assertThat(html).doesNotContain("[[").doesNotContain("{{").doesNotContain("katacoda");
  }

  @Test
  void theHttp2NodePortIsTheOneKubectlShows() {
    assertThat(KatacodaHostUrls.INGRESS_NODE_PORT).isBetween(30000, 32767);
  }

  @Test
  void otherPortsLeadToThePortPageNamingThem() {
    String html =
        page(
            "[Grafana](https://[[HOST_SUBDOMAIN]]-3000-[[KATACODA_HOST]].environments.katacoda.com/d/x)"
                + " [Kiali]({{TRAFFIC_HOST1_20001}}) [ports]({{TRAFFIC_SELECTOR}})"
                + " [picker](https://[[HOST_SUBDOMAIN]]-[[KATACODA_HOST]].environments.katacoda.com/)");
    assertThat(html)
        .contains("href=\"/lab/ports/3000/d/x\"")
        .contains("href=\"/lab/ports/20001\"")
        .contains("href=\"/lab/ports\"")
        .contains("href=\"/lab/ports/\"")
        .doesNotContain("/bookinfo/K1");
  }

  @Test
  void hostWordsBecomeTheLabsNode() {
    String html = page("<pre>[[HOST_IP]]</pre>\n\nhost [[HOST_SUBDOMAIN]]\n");
    assertThat(html).contains("<pre>192.168.49.2</pre>").contains("host host01");
  }

  @Test
  void inCommandsTheIngressPortIsTheIngressGateway() {
    String html =
        page(
            "`curl -s https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/productpage`{{execute}}"
                + " `curl {{TRAFFIC_HOST1_80}}/productpage`{{exec}}"
                + " `curl https://[[HOST_SUBDOMAIN]]-3000-[[KATACODA_HOST]].environments.katacoda.com/`{{copy}}"
                + " `curl [[HOST_IP]]:"
                + KatacodaHostUrls.INGRESS_NODE_PORT
                + "/productpage`{{execute}}");
    assertThat(html)
        .contains("data-command=\"curl -s http://istio-ingressgateway.istio-system/productpage\"")
        .contains("<code>curl -s http://istio-ingressgateway.istio-system/productpage</code>")
        .contains("data-command=\"curl http://istio-ingressgateway.istio-system/productpage\"")
        .contains("data-text=\"curl http://192.168.49.2:3000/\"")
        .contains(
            "data-command=\"curl 192.168.49.2:"
                + KatacodaHostUrls.INGRESS_NODE_PORT
                + "/productpage\"");
  }

  @Test
  void scriptsGetTheSameMapping() {
    assertThat(
            KatacodaHostUrls.inCommand(
                "curl https://[[HOST_SUBDOMAIN]]-$INGRESS_PORT-[[KATACODA_HOST]].environments.katacoda.com/x"))
        .isEqualTo("curl http://istio-ingressgateway.istio-system/x");
    assertThat(KatacodaHostUrls.inCommand("curl {{TRAFFIC_HOST1_9090}}/graph"))
        .isEqualTo("curl http://192.168.49.2:9090/graph");
  }
}
