package dev.trafficlab.server.lessons.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.sandbox.PageScriptRunner;
import dev.trafficlab.server.sandbox.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An imported scenario's page scripts run in the sandbox's safe shell when the page first opens:
 * the set-up the lab has is answered with a note on T1's screen, the rest runs as written (the
 * foreground in the learner's shell, shown on T1; the background unseen), once per page.
 */
@ExtendWith(VertxExtension.class)
class PageScriptRunnerTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = ImportReportTest.serverWithBothScenarios(vertx);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theKillercodaIntroAnswersItsSetUpAndDeploysWhatItDeploys() {
    Sandbox sandbox = sandbox("kk-sleep-delay");
    Lesson lesson = lesson("kk-sleep-delay");
    PageScriptRunner.open(sandbox, lesson, "intro").await();
    String screen = sandbox.terminals().open("T1").orElseThrow().text();
    assertThat(screen)
        .contains("# Traffic Lab: the scenario's set-up is done already: nothing to wait for\n")
        .contains("# Traffic Lab: the lab's Istio release is /root/istio-1.8.1\n")
        .contains("# Traffic Lab: Istio 1.8.1 (demo profile) is installed already\n")
        .contains("controlplane $ kubectl apply -f samples/sleep/sleep.yaml\n")
        .contains("deployment.apps/sleep created\n")
        .contains("YOU ARE READY TO GO!\n")
        .doesNotContain("istioctl install");
    assertThat(sandbox.shell().cwd()).isEqualTo("/root");
    assertThat(exec(sandbox, "kubectl get deploy sleep")).contains("sleep");

    PageScriptRunner.open(sandbox, lesson, "intro").await();
    String again = sandbox.terminals().open("T1").orElseThrow().text();
    assertThat(again).isEqualTo(screen);
  }

  @Test
  void afterAResetThePagesScriptsRunAgain() {
    Sandbox sandbox = sandbox("kk-sleep-delay");
    Lesson lesson = lesson("kk-sleep-delay");
    PageScriptRunner.open(sandbox, lesson, "intro").await();
    sandbox.reset().await();
    assertThat(exec(sandbox, "kubectl get deploy sleep")).contains("NotFound");
    PageScriptRunner.open(sandbox, lesson, "intro").await();
    assertThat(exec(sandbox, "kubectl get deploy sleep")).doesNotContain("NotFound");
    String screen = sandbox.terminals().open("T1").orElseThrow().text();
    assertThat(screen.split("\nYOU ARE READY TO GO!\n", -1)).hasSize(3);
  }

  @Test
  void openingALaterPageFirstRunsTheEarlierPagesScriptsToo() {
    Sandbox sandbox = sandbox("kc-httpbin-route");
    PageScriptRunner.open(sandbox, lesson("kc-httpbin-route"), "step2").await();
    // the intro's background labelled default; its foreground answered the wait and ran the rest
    assertThat(exec(sandbox, "kubectl get namespace default --show-labels"))
        .contains("istio-injection=enabled");
    String screen = sandbox.terminals().open("T1").orElseThrow().text();
    assertThat(screen)
        .contains("controlplane $ helm version\nbash: helm: command not found\n")
        .contains(
            "controlplane $ kubectl get virtualservices\nNo resources found in default namespace.\n");
    assertThat(screen.indexOf("helm version"))
        .isLessThan(screen.indexOf("kubectl get virtualservices"));
  }

  @Test
  void openingAPageInTheBrowserRunsItsScripts() {
    String id =
        server.createSandbox(new JsonObject().put("lesson", "kk-sleep-delay")).getString("id");
    Sandbox sandbox = server.server.sandboxes().byId(id).orElseThrow();
    var page =
        server
            .request(HttpMethod.GET, "/lessons/kk-sleep-delay")
            .putHeader("Cookie", "tl_sandbox=" + id + "." + server.server.sandboxes().bootId())
            .send()
            .await();
    assertThat(page.statusCode()).isEqualTo(200);
    sandbox.serially(() -> io.vertx.core.Future.succeededFuture()).await();
    assertThat(sandbox.terminals().open("T1").orElseThrow().text())
        .contains("YOU ARE READY TO GO!");
  }

  private Sandbox sandbox(String lesson) {
    String id = server.createSandbox(new JsonObject().put("lesson", lesson)).getString("id");
    return server.server.sandboxes().byId(id).orElseThrow();
  }

  private Lesson lesson(String id) {
    return server.server.sandboxes().lessons().lesson(id).orElseThrow();
  }

  private String exec(Sandbox sandbox, String command) {
    return server
        .sendJson(
            HttpMethod.POST,
            "/api/sandboxes/" + sandbox.id() + "/exec",
            new JsonObject().put("command", command))
        .bodyAsJsonObject()
        .getString("output");
  }
}
