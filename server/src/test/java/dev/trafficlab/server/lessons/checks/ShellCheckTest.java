package dev.trafficlab.server.lessons.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
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
 * A shell check runs its script in the learner's sandbox (their cluster and mesh) but in a shell of
 * its own: it passes on exit 0, shows what the script printed when it fails, and leaves the
 * learner's history, variables and working directory alone.
 */
@ExtendWith(VertxExtension.class)
class ShellCheckTest {
  private TestServer server;
  private String id;
  private Sandbox sandbox;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
    id = server.createSandbox(new JsonObject().put("lesson", "traffic-shifting")).getString("id");
    sandbox = server.server.sandboxes().byId(id).orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void failsWithTheScriptsOwnWordsThenPassesOnceTheStateIsRight() {
    ShellCheck check =
        ShellCheck.fromJson(
            new JsonObject().put("run", "cd /tmp; X=1; kubectl get virtualservice reviews"),
            file -> "");
    exec("cd istio-1.8.1");
    CheckResult before = evaluate(check);
    assertThat(before.passed()).isFalse();
    assertThat(before.message())
        .isEqualTo(
            "Error from server (NotFound): virtualservices.networking.istio.io \"reviews\" not"
                + " found");
    exec(
        "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml");
    CheckResult after = evaluate(check);
    assertThat(after.passed()).as(after.message()).isTrue();
    assertThat(sandbox.shell().history())
        .containsExactly(
            "cd istio-1.8.1",
            "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml");
    assertThat(sandbox.shell().cwd()).isEqualTo("/root/istio-1.8.1");
    assertThat(sandbox.shell().get("X")).isNull();
  }

  @Test
  void aSilentFailureGetsTheDeclaredMessageOrItsExitCode() {
    ShellCheck quiet = ShellCheck.fromJson(new JsonObject().put("run", "exit 3"), file -> "");
    assertThat(evaluate(quiet).message())
        .isEqualTo("Not yet: the check's commands (the check's commands) ended with exit code 3.");
    ShellCheck explained =
        ShellCheck.fromJson(
            new JsonObject()
                .put("run", "kubectl get vs reviews >/dev/null 2>&1")
                .put("message", "Apply the rule for reviews first."),
            file -> "");
    assertThat(evaluate(explained).message()).isEqualTo("Apply the rule for reviews first.");
  }

  @Test
  void theTrafficShiftingScriptSeesTheRealMeshThroughTheCheckEndpoint() {
    exec(
        "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml");
    // the routing part of step 3 fails first, naming the split
    assertThat(check(3).getString("message")).contains("v1 50%, v3 50%");
    exec(
        "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml");
    JsonObject passed = check(3);
    assertThat(passed.getBoolean("passed")).as(passed.getString("message")).isTrue();
  }

  private JsonObject check(int step) {
    return server
        .send(HttpMethod.POST, "/api/sandboxes/" + id + "/steps/" + step + "/check")
        .bodyAsJsonObject();
  }

  private void exec(String command) {
    JsonObject r =
        server
            .sendJson(
                HttpMethod.POST,
                "/api/sandboxes/" + id + "/exec",
                new JsonObject().put("command", command))
            .bodyAsJsonObject();
    assertThat(r.getInteger("exitCode")).as(r.getString("output")).isZero();
  }

  private CheckResult evaluate(Check check) {
    return sandbox
        .serially(
            () ->
                check.evaluate(
                    new CheckContext(sandbox.snapshot(), sandbox.shell().ranCommands(), sandbox)))
        .await();
  }
}
