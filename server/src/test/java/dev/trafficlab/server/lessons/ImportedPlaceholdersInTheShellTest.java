package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.lessons.markdown.KatacodaHostUrls;
import dev.trafficlab.server.lessons.markdown.LessonMarkdown;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run buttons of imported pages whose commands name the scenario's environment reach the lab's
 * ingress gateway on the ingress port, and find nothing on other ports, as on a cluster without
 * that add-on.
 */
@ExtendWith(VertxExtension.class)
class ImportedPlaceholdersInTheShellTest {
  private TestServer server;
  private String id;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
    id = server.createSandbox(new JsonObject().put("lesson", "traffic-shifting")).getString("id");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject exec(String command) {
    return server
        .sendJson(
            HttpMethod.POST,
            "/api/sandboxes/" + id + "/exec",
            new JsonObject().put("command", command))
        .bodyAsJsonObject();
  }

  private List<String> buttons(String markdown) {
    return EveryLessonRunsAsWrittenTest.commands(new LessonMarkdown().render(markdown));
  }

  @Test
  void ingressPortUrlsReachTheProductPage() {
    List<String> commands =
        buttons(
            "`curl -s https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/productpage`{{execute}}\n"
                + "`curl -s https://[[HOST_SUBDOMAIN]]-$INGRESS_PORT-[[KATACODA_HOST]].environments.katacoda.com/productpage`{{execute}}\n"
                + "`curl -s {{TRAFFIC_HOST1_80}}/productpage`{{exec}}\n"
                + "`curl -s [[HOST_IP]]:"
                + KatacodaHostUrls.INGRESS_NODE_PORT
                + "/productpage`{{exec}}\n");
    assertThat(commands).hasSize(4);
    for (String command : commands) {
      JsonObject r = exec(command);
      assertThat(r.getInteger("exitCode")).as(command + "\n" + r.getString("output")).isZero();
      assertThat(r.getString("output")).as(command).contains("<title>Simple Bookstore App</title>");
    }
  }

  @Test
  void otherPortsAreRefusedNotTheProductPage() {
    List<String> commands =
        buttons(
            "`curl -s https://[[HOST_SUBDOMAIN]]-3000-[[KATACODA_HOST]].environments.katacoda.com/`{{execute}}\n"
                + "`curl -s {{TRAFFIC_HOST1_20001}}/kiali`{{exec}}\n");
    for (String command : commands) {
      JsonObject r = exec(command);
      assertThat(r.getInteger("exitCode")).as(command).isEqualTo(7);
      assertThat(r.getString("output")).doesNotContain("Bookstore");
    }
  }

  @Test
  void killercodasHostFileLeadsPort80ToTheIngressGateway() {
    // what `sed 's/PORT/80/g' /etc/killercoda/host` prints (the lab's shell has no sed yet)
    String url = KatacodaHostUrls.KILLERCODA_HOST_CONTENT.replace("PORT", "80").strip();
    JsonObject r = exec("curl -s " + url + "/productpage");
    assertThat(r.getInteger("exitCode")).as(r.getString("output")).isZero();
    assertThat(r.getString("output")).contains("<title>Simple Bookstore App</title>");
  }
}
