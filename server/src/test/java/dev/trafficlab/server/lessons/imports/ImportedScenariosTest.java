package dev.trafficlab.server.lessons.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import dev.trafficlab.server.lessons.markdown.KatacodaHostUrls;
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
 * The two test scenarios served through LESSONS_DIR (two folders): they join the packaged lessons,
 * start from a cluster with Istio alone, see their assets at their targets, and their verify
 * scripts pass once the learner has done the work (classic Katacoda's "done" and Killercoda's exit
 * status).
 */
@ExtendWith(VertxExtension.class)
class ImportedScenariosTest {
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
  void bothScenariosJoinThePackagedLessonsAfterThem() {
    JsonObject lessons = server.send(HttpMethod.GET, "/api/lessons").bodyAsJsonObject();
    assertThat(lessons.getJsonArray("lessons"))
        .extracting(l -> ((JsonObject) l).getString("id"))
        .contains("traffic-management", "fault-injection")
        .endsWith("kc-httpbin-route", "kk-sleep-delay");
    HttpResponse<Buffer> page = server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/steps/1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString())
        .contains("Deploy httpbin")
        .contains("<details class=\"answer\"><summary>Answer</summary>");
  }

  @Test
  void theCatalogueShowsTheCoursesAndEachScenarioHasItsReportPage() {
    String home = server.send(HttpMethod.GET, "/").bodyAsString();
    assertThat(home)
        .contains("Istio on Katacoda (test course)")
        .contains("<a href=\"/lessons/kc-httpbin-route\">Katacoda import test: route httpbin</a>");
    HttpResponse<Buffer> report = server.send(HttpMethod.GET, "/lessons/kc-httpbin-route/report");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.bodyAsString())
        .contains("<td>not supported</td>")
        .contains("unknown key &quot;somethingNew&quot; ignored")
        .contains("{{frobnicate}} is no marker Traffic Lab knows");
    HttpResponse<Buffer> none = server.send(HttpMethod.GET, "/lessons/traffic-management/report");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsString()).contains("is not an imported scenario");
  }

  @Test
  void anImportedScenarioStartsWithIstioAloneAndItsAssetsAtTheirTargets() {
    String id = sandbox("kc-httpbin-route");
    assertThat(exec(id, "kubectl get pods", 0))
        .isEqualTo("No resources found in default namespace.\n");
    assertThat(exec(id, "kubectl get namespace default --show-labels", 0))
        .doesNotContain("istio-injection");
    assertThat(exec(id, "kubectl get deployments -n istio-system", 0)).contains("istiod");
    assertThat(exec(id, "cat /usr/local/bin/wait.sh", 0)).contains("Waiting for the scenario");
    assertThat(exec(id, "cat manifests/httpbin-vs.yaml", 0)).contains("name: httpbin");
    assertThat(exec(id, "cat notes.txt", 0)).isEqualTo("Notes for the client container.\n");
    assertThat(exec(id, "ls istio-1.8.1/samples/addons", 0)).contains("kiali.yaml");
  }

  @Test
  void theKatacodaVerifyScriptsPassWhenTheLearnerHasDoneTheWork() {
    String id = sandbox("kc-httpbin-route");
    JsonObject before = check(id, 1);
    assertThat(before.getBoolean("passed")).isFalse();
    assertThat(before.getString("message"))
        .isEqualTo("Not yet: the check's commands (step1-verify.sh) did not print done.");
    exec(id, "kubectl apply -f istio-1.8.1/samples/httpbin/httpbin.yaml", 0);
    JsonObject after = check(id, 1);
    assertThat(after.getBoolean("passed")).as(after.getString("message")).isTrue();

    assertThat(check(id, 2).getBoolean("passed")).isFalse();
    exec(id, "kubectl apply -f manifests/httpbin-vs.yaml", 0);
    assertThat(check(id, 2).getBoolean("passed")).isTrue();
  }

  @Test
  void theKillercodaVerifyScriptsPassOnExitStatus() {
    String id = sandbox("kk-sleep-delay");
    assertThat(check(id, 1).getBoolean("passed")).isFalse();
    exec(id, "kubectl apply -f /root/istio-1.8.1/samples/sleep/sleep.yaml", 0);
    assertThat(check(id, 1).getBoolean("passed")).isTrue();

    assertThat(check(id, 2).getBoolean("passed")).isFalse();
    exec(id, "kubectl apply -f /root/istio-1.8.1/samples/httpbin/httpbin.yaml", 0);
    exec(id, "kubectl apply -f /root/yaml/httpbin-delay.yaml", 0);
    JsonObject delayed = check(id, 2);
    assertThat(delayed.getBoolean("passed")).as(delayed.getString("message")).isTrue();
    assertThat(exec(id, "cat /ks/wait-background.sh", 0)).contains("Initialising Kubernetes");
  }

  @Test
  void everyImportedScenarioHasKillercodasHostFileLeadingToTheLab() {
    for (String lesson : java.util.List.of("kk-sleep-delay", "kc-httpbin-route")) {
      String id = sandbox(lesson);
      assertThat(exec(id, "cat " + KatacodaHostUrls.KILLERCODA_HOST_FILE, 0))
          .as(lesson)
          .isEqualTo(KatacodaHostUrls.KILLERCODA_HOST_CONTENT)
          .isEqualTo("http://istio-ingressgateway.istio-system:PORT\n");
    }
    String packaged = sandbox("traffic-management");
    assertThat(exec(packaged, "cat " + KatacodaHostUrls.KILLERCODA_HOST_FILE, 1))
        .as("a packaged lesson is no Killercoda scenario")
        .contains("No such file");
  }

  /**
   * As on a real cluster (istio.io: "try running the command again"), the first apply meets Kiali's
   * MonitoringDashboards before their CRD is served; the second creates them.
   */
  @Test
  void applyingTheAddonsCreatesTheirObjects() {
    String id = sandbox("kk-sleep-delay");
    assertThat(exec(id, "istioctl dashboard kiali", 1)).isEqualTo("Error: no Kiali pods found\n");
    assertThat(exec(id, "kubectl apply -f istio-1.8.1/samples/addons", 1))
        .contains("deployment.apps/kiali created")
        .contains("no matches for kind \"MonitoringDashboard\" in version");
    exec(id, "kubectl apply -f istio-1.8.1/samples/addons", 0);
    assertThat(exec(id, "kubectl get deployments -n istio-system", 0))
        .contains("kiali", "grafana", "prometheus", "jaeger");
    assertThat(exec(id, "istioctl dashboard kiali", 0))
        .isEqualTo(
            "http://localhost:20001/kiali\nTraffic Lab: Kiali is deployed, but its dashboard is not"
                + " simulated in Traffic Lab: no port is forwarded.\n");
  }

  private String sandbox(String lesson) {
    return server.createSandbox(new JsonObject().put("lesson", lesson)).getString("id");
  }

  private String exec(String id, String command, int exitCode) {
    JsonObject ran =
        server
            .sendJson(
                HttpMethod.POST,
                "/api/sandboxes/" + id + "/exec",
                new JsonObject().put("command", command))
            .bodyAsJsonObject();
    assertThat(ran.getInteger("exitCode"))
        .as(command + "\n" + ran.getString("output"))
        .isEqualTo(exitCode);
    return ran.getString("output");
  }

  private JsonObject check(String id, int step) {
    HttpResponse<Buffer> r =
        server.send(HttpMethod.POST, "/api/sandboxes/" + id + "/steps/" + step + "/check");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
